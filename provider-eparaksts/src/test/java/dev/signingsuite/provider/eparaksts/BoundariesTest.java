package dev.signingsuite.provider.eparaksts;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.signingsuite.testsupport.boundaries.Service;
import dev.signingsuite.testsupport.boundaries.ServiceBoundaries;
import org.junit.jupiter.api.Test;

/** This service's side of the boundaries every service keeps (test-support's ServiceBoundaries). */
class BoundariesTest {

    private static final JavaClasses MAIN = ServiceBoundaries.mainClassesOf(Service.PROVIDER_EPARAKSTS);

    @Test
    void dependsOnNoOtherService() {
        ServiceBoundaries.dependsOnNoOtherService(Service.PROVIDER_EPARAKSTS).check(MAIN);
    }

    @Test
    void dependsOnNoOtherProvider() {
        ServiceBoundaries.dependsOnNoOtherProvider(Service.PROVIDER_EPARAKSTS).check(MAIN);
    }

    @Test
    void publicOnlyWhereUsedAcrossPackages() {
        ServiceBoundaries.publicOnlyWhereUsedAcrossPackages(Service.PROVIDER_EPARAKSTS)
                .check(MAIN);
    }
}
