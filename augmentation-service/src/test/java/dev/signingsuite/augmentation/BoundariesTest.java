package dev.signingsuite.augmentation;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.signingsuite.augmentation.trust.CachingOcspSource;
import dev.signingsuite.testsupport.boundaries.Service;
import dev.signingsuite.testsupport.boundaries.ServiceBoundaries;
import org.junit.jupiter.api.Test;

/** This service's side of the boundaries every service keeps (test-support's ServiceBoundaries). */
class BoundariesTest {

    private static final JavaClasses MAIN = ServiceBoundaries.mainClassesOf(Service.AUGMENTATION);

    @Test
    void dependsOnNoOtherService() {
        ServiceBoundaries.dependsOnNoOtherService(Service.AUGMENTATION).check(MAIN);
    }

    @Test
    void publicOnlyWhereUsedAcrossPackages() {
        ServiceBoundaries.publicOnlyWhereUsedAcrossPackages(
                        Service.AUGMENTATION,
                        // deploy/standalone's benchmark (bench/BaselineLoop) builds its baseline signer with it.
                        CachingOcspSource.class)
                .check(MAIN);
    }
}
