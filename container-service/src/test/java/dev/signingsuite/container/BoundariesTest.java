package dev.signingsuite.container;

import dev.signingsuite.container.assembly.AsicContainerWriter;
import dev.signingsuite.testsupport.boundaries.Service;
import dev.signingsuite.testsupport.boundaries.ServiceBoundariesContract;

/** This service's side of the boundaries every service keeps (test-support's ServiceBoundaries). */
class BoundariesTest extends ServiceBoundariesContract {

    @Override
    protected Service service() {
        return Service.CONTAINER;
    }

    // Also used across packages inside the service; listed because deploy/standalone's benchmark
    // steps (jmh/SigningSteps) write containers with it.
    @Override
    protected Class<?>[] usedFromOutside() {
        return new Class<?>[] {AsicContainerWriter.class};
    }
}
