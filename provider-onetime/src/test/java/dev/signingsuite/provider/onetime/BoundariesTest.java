package dev.signingsuite.provider.onetime;

import dev.signingsuite.testsupport.boundaries.ProviderBoundariesContract;
import dev.signingsuite.testsupport.boundaries.Service;

/** This service's side of the boundaries every service keeps (test-support's ServiceBoundaries). */
class BoundariesTest extends ProviderBoundariesContract {

    @Override
    protected Service service() {
        return Service.PROVIDER_ONETIME;
    }
}
