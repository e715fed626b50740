package dev.signingsuite.augmentation;

import dev.signingsuite.augmentation.trust.CachingOcspSource;
import dev.signingsuite.testsupport.boundaries.Service;
import dev.signingsuite.testsupport.boundaries.ServiceBoundariesContract;

/** This service's side of the boundaries every service keeps (test-support's ServiceBoundaries). */
class BoundariesTest extends ServiceBoundariesContract {

    @Override
    protected Service service() {
        return Service.AUGMENTATION;
    }

    // deploy/standalone's benchmark (bench/BaselineLoop) builds its baseline signer with it.
    @Override
    protected Class<?>[] usedFromOutside() {
        return new Class<?>[] {CachingOcspSource.class};
    }
}
