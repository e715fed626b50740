package dev.signingsuite.testsupport.boundaries;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The rules fail when broken: each runs against fixture classes in this module's test sources that
 * break it on purpose (a hash class calling the gateway, a provider borrowing another provider's
 * class, a public class used only in its own package) and must name the offending class.
 */
class ServiceBoundariesTest {

    private static final String LEAKY_HASHER = "dev.signingsuite.hash.boundaryfixture.LeakyHasher";
    private static final String NEEDLESSLY_PUBLIC = "dev.signingsuite.hash.boundaryfixture.NeedlesslyPublic";
    private static final String BORROWING_SIGNER = "dev.signingsuite.provider.smartid.boundaryfixture.BorrowingSigner";

    private static final JavaClasses FIXTURES = new ClassFileImporter()
            .importPackages(
                    "dev.signingsuite.gateway.boundaryfixture",
                    "dev.signingsuite.hash.boundaryfixture",
                    "dev.signingsuite.provider.csc.boundaryfixture",
                    "dev.signingsuite.provider.smartid.boundaryfixture",
                    "dev.signingsuite.provider.runtime.boundaryfixture");

    @Test
    void aServiceCallingAnotherServiceIsReported() {
        assertThatThrownBy(() ->
                        ServiceBoundaries.dependsOnNoOtherService(Service.HASH).check(FIXTURES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(LEAKY_HASHER)
                .hasMessageContaining("dev.signingsuite.gateway.boundaryfixture.GatewayInternals");
    }

    @Test
    void aServiceThatKeepsToItselfPasses() {
        assertThatCode(() -> ServiceBoundaries.dependsOnNoOtherService(Service.GATEWAY)
                        .check(FIXTURES))
                .doesNotThrowAnyException();
    }

    @Test
    void aProviderUsingAnotherProvidersClassIsReported() {
        assertThatThrownBy(() -> ServiceBoundaries.dependsOnNoOtherProvider(Service.PROVIDER_SMARTID)
                        .check(FIXTURES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(BORROWING_SIGNER)
                .hasMessageContaining("dev.signingsuite.provider.csc.boundaryfixture.CscSignerName");
    }

    @Test
    void aProviderUsingOnlyTheSharedRuntimePasses() {
        assertThatCode(() -> ServiceBoundaries.dependsOnNoOtherProvider(Service.PROVIDER_CSC)
                        .check(FIXTURES))
                .doesNotThrowAnyException();
    }

    @Test
    void aPublicClassUsedOnlyInItsOwnPackageIsReported() {
        assertThatThrownBy(() -> ServiceBoundaries.publicOnlyWhereUsedAcrossPackages(Service.HASH)
                        .check(FIXTURES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(NEEDLESSLY_PUBLIC + " is public but not used outside its package")
                // Used from another package of the service: rightly public.
                .hasMessageNotContaining("dev.signingsuite.hash.boundaryfixture.digest.Digests");
    }

    @Test
    void aClassTheLauncherUsesMayStayPublic() throws ClassNotFoundException {
        Class<?> usedByLauncher = Class.forName(NEEDLESSLY_PUBLIC);
        assertThatCode(() -> ServiceBoundaries.publicOnlyWhereUsedAcrossPackages(Service.HASH, usedByLauncher)
                        .check(FIXTURES))
                .doesNotThrowAnyException();
    }
}
