package dev.signingsuite.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.signingsuite.gateway.intake.IntakeAcceptor;
import dev.signingsuite.testsupport.boundaries.Service;
import dev.signingsuite.testsupport.boundaries.ServiceBoundaries;
import org.junit.jupiter.api.Test;

/** This service's side of the boundaries every service keeps (test-support's ServiceBoundaries). */
class BoundariesTest {

    private static final JavaClasses MAIN = ServiceBoundaries.mainClassesOf(Service.GATEWAY);

    @Test
    void dependsOnNoOtherService() {
        ServiceBoundaries.dependsOnNoOtherService(Service.GATEWAY).check(MAIN);
    }

    @Test
    void publicOnlyWhereUsedAcrossPackages() {
        ServiceBoundaries.publicOnlyWhereUsedAcrossPackages(
                        Service.GATEWAY,
                        // Also used across packages inside the service; listed because deploy/standalone seals a folder
                        // through it (seal/Sealer), and its end-to-end tests submit with it.
                        IntakeAcceptor.class)
                .check(MAIN);
    }
}
