package dev.signingsuite.gateway;

import dev.signingsuite.gateway.intake.IntakeAcceptor;
import dev.signingsuite.testsupport.boundaries.Service;
import dev.signingsuite.testsupport.boundaries.ServiceBoundariesContract;

/** This service's side of the boundaries every service keeps (test-support's ServiceBoundaries). */
class BoundariesTest extends ServiceBoundariesContract {

    @Override
    protected Service service() {
        return Service.GATEWAY;
    }

    // Also used across packages inside the gateway; listed because deploy/standalone seals a folder
    // through it (seal/Sealer) and its end-to-end tests submit with it.
    @Override
    protected Class<?>[] usedFromOutside() {
        return new Class<?>[] {IntakeAcceptor.class};
    }
}
