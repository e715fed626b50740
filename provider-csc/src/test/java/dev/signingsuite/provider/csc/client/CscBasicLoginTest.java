package dev.signingsuite.provider.csc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.provider.csc.TestDocuments;
import dev.signingsuite.provider.csc.signing.BatchSigner;
import dev.signingsuite.provider.runtime.SigningOutcome;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.SandboxSettings;
import dev.signingsuite.sandbox.csc.CscSettings;
import dev.signingsuite.testclock.TestClock;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service token of a CSC service that offers only {@code basic} ({@code auth/login} with HTTP
 * Basic, CSC API v2 section 11.1): the simulator lists only {@code basic} and refuses the client
 * credentials grant; provider-csc logs in with its configured service account (section 11.2: the
 * user of the service, not the OAuth 2.0 client), signs with that token and revokes it with {@code
 * auth/revoke} at close.
 */
class CscBasicLoginTest {

    @TempDir
    static java.nio.file.Path dataDir;

    static Sandbox sandbox;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final CAdESService cades = new CAdESService(new CommonCertificateVerifier());

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(new SandboxSettings(dataDir, "127.0.0.1", 0).withCsc(CscSettings.defaults()));
        sandbox.csc().offerAuthTypes("basic");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.csc().resetCounters();
    }

    @Test
    void documentsAreSignedUnderAnAuthLoginTokenThatIsRevokedAtClose() {
        CscClient client = client(CscSettings.DEFAULT_USERNAME, CscSettings.DEFAULT_PASSWORD);
        BatchSigner signer = new BatchSigner(
                client,
                cades,
                Retry.of("csc-test", RetryConfig.custom().maxAttempts(1).build()),
                TestClock.system(),
                meters,
                properties(CscSettings.DEFAULT_USERNAME, CscSettings.DEFAULT_PASSWORD));

        List<SigningOutcome> outcomes = signer.sign(List.of(
                TestDocuments.hashComputed("basic-1", "sandbox-seal"),
                TestDocuments.hashComputed("basic-2", "sandbox-seal")));

        assertThat(outcomes).hasSize(2).allMatch(SigningOutcome.Signed.class::isInstance);
        assertThat(client.info().serviceAuth()).isEqualTo(ServiceInfo.ServiceAuth.LOGIN);
        assertThat(sandbox.csc().calls("auth/login")).isEqualTo(1);
        assertThat(sandbox.csc().calls("oauth2/token")).isZero();
        assertThat(sandbox.csc().signHashSizes()).containsExactly(2);
        assertThat(meters.get("signing.provider.requests")
                        .tags("operation", "auth/login", "outcome", "success")
                        .timer()
                        .count())
                .isEqualTo(1);

        client.close();

        assertThat(sandbox.csc().calls("auth/revoke")).isEqualTo(1);
        assertThat(sandbox.csc().calls("oauth2/revoke")).isZero();
    }

    @Test
    void aWrongPasswordIsAPermanentRefusalAndTheDocumentsFailWithTheServicesError() {
        CscClient client = client(CscSettings.DEFAULT_USERNAME, "not-the-password");
        assertThatThrownBy(() -> client.credential("sandbox-seal"))
                .isInstanceOfSatisfying(CscCallException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains("auth/login");
                });

        BatchSigner signer = new BatchSigner(
                client(CscSettings.DEFAULT_USERNAME, "not-the-password"),
                cades,
                Retry.of("csc-test", RetryConfig.custom().maxAttempts(1).build()),
                TestClock.system(),
                meters,
                properties(CscSettings.DEFAULT_USERNAME, "not-the-password"));
        List<SigningOutcome> outcomes = signer.sign(List.of(TestDocuments.hashComputed("basic-3", "sandbox-seal")));

        assertThat(outcomes).singleElement().isInstanceOfSatisfying(SigningOutcome.Failed.class, failed -> {
            assertThat(failed.reason()).isNotEqualTo(FailureReason.ACCOUNT_NOT_FOUND);
            assertThat(failed.message()).contains("auth/login");
        });
        assertThat(sandbox.csc().calls("oauth2/token")).isZero();
        assertThat(sandbox.csc().calls("signatures/signHash")).isZero();
    }

    private CscClient client(String user, String password) {
        return new CscClient(HttpClient.newHttpClient(), properties(user, password), TestClock.system(), meters);
    }

    @Test
    void withoutAServiceAccountTheClientNeverLogsInWithItsOAuthClientAndSaysWhatToConfigure() {
        CscProperties noAccount = properties(CscSettings.DEFAULT_USERNAME, CscSettings.DEFAULT_PASSWORD)
                .withServiceAccount(null);
        CscClient client = new CscClient(HttpClient.newHttpClient(), noAccount, TestClock.system(), meters);

        assertThatThrownBy(() -> client.credential("sandbox-seal"))
                .isInstanceOfSatisfying(CscCallException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains("signing.csc.service-account");
                });
        assertThat(sandbox.csc().calls("auth/login")).isZero();
    }

    private static CscProperties properties(String user, String password) {
        return new CscProperties(
                        sandbox.cscBaseUrl(),
                        null,
                        CscSettings.DEFAULT_CLIENT_ID,
                        CscSettings.DEFAULT_CLIENT_SECRET,
                        "sandbox-seal",
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(60),
                        50,
                        new CscProperties.Retry(1, Duration.ofMillis(10)),
                        Map.of(),
                        null,
                        null,
                        Duration.ofSeconds(5))
                .withServiceAccount(new CscProperties.ServiceAccount(user, password));
    }
}
