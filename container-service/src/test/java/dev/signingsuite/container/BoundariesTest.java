package dev.signingsuite.container;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.signingsuite.container.assembly.AsicContainerWriter;
import dev.signingsuite.testsupport.boundaries.Service;
import dev.signingsuite.testsupport.boundaries.ServiceBoundaries;
import org.junit.jupiter.api.Test;

/** This service's side of the boundaries every service keeps (test-support's ServiceBoundaries). */
class BoundariesTest {

    private static final JavaClasses MAIN = ServiceBoundaries.mainClassesOf(Service.CONTAINER);

    @Test
    void dependsOnNoOtherService() {
        ServiceBoundaries.dependsOnNoOtherService(Service.CONTAINER).check(MAIN);
    }

    @Test
    void publicOnlyWhereUsedAcrossPackages() {
        ServiceBoundaries.publicOnlyWhereUsedAcrossPackages(
                        Service.CONTAINER,
                        // Also used across packages inside the service; listed because deploy/standalone's benchmark
                        // steps (jmh/SigningSteps) write containers with it.
                        AsicContainerWriter.class)
                .check(MAIN);
    }
}
