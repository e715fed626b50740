package dev.signingsuite.provider.smartid;

import dev.signingsuite.testsupport.boundaries.Service;
import dev.signingsuite.testsupport.boundaries.ServiceBoundariesContract;

/** This service's side of the boundaries every service keeps (test-support's ServiceBoundaries). */
class BoundariesTest extends ServiceBoundariesContract {

    @Override
    protected Service service() {
        return Service.PROVIDER_SMARTID;
    }
}
