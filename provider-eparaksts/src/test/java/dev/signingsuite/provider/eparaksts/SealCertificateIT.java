package dev.signingsuite.provider.eparaksts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.provider.eparaksts.client.EparakstsClient;
import dev.signingsuite.provider.eparaksts.client.SealIdentity;
import dev.signingsuite.provider.runtime.SigningIntents;
import dev.signingsuite.provider.runtime.SigningOutcome;
import dev.signingsuite.sandbox.eparaksts.EparakstsSimulator;
import dev.signingsuite.testclock.TestClock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spec section 4 and 5.1: {@code users/me} lists the seal identities without their certificates,
 * which come from {@code sign_identities/{id}}, and "identities can appear a little after first
 * login" (404 {@code NotFoundException} until then). The provider asks a few times, then fails the
 * seal's documents with the reason. An IT only because it shares the ITs' sandbox.
 */
class SealCertificateIT {

    @BeforeEach
    void reset() {
        simulator().resetCounters();
    }

    @AfterEach
    void materialised() {
        simulator().materialiseIdentitiesAfter(0);
    }

    @Test
    void aSealCertificateThatAppearsShortlyAfterTheLoginIsWaitedFor() {
        simulator().materialiseIdentitiesAfter(2);

        TestProvider provider = new TestProvider(TestClock.system(), SigningIntents.NONE, 1);

        assertThat(provider.authorisation.seals())
                .hasSize(2)
                .allSatisfy(seal -> assertThat(seal.certificate()).isNotNull());
        assertThat(simulator().calls("sign_identities"))
                .as("two 404s, then the certificate, per seal")
                .isEqualTo(6);
    }

    @Test
    void theDocumentsOfASealWhoseCertificateNeverCameFailWithTheReason() {
        simulator().materialiseIdentitiesAfter(EparakstsClient.IDENTITY_LOOKUPS);

        TestProvider provider = new TestProvider(TestClock.system(), SigningIntents.NONE, 1);

        assertThat(provider.authorisation.seals())
                .extracting(SealIdentity::certificate)
                .containsOnlyNulls();
        List<SigningOutcome> outcomes =
                provider.signing.sign(List.of(TestDocuments.hashComputed("no-certificate", "qsealc")));
        assertThat(outcomes).singleElement().isInstanceOfSatisfying(SigningOutcome.Failed.class, failed -> {
            assertThat(failed.reason()).isEqualTo(FailureReason.SIGNER_UNAVAILABLE);
            assertThat(failed.message())
                    .contains("has not issued the certificate of seal CN:Sandbox Invoicing SIA : eZīmogs");
        });
        assertThat(simulator().approvals()).as("nothing to approve").isEmpty();
    }

    private static EparakstsSimulator simulator() {
        return TestSandbox.get().eparaksts();
    }
}
