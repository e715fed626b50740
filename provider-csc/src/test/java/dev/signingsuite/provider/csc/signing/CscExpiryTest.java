package dev.signingsuite.provider.csc.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.provider.csc.TestDocuments;
import dev.signingsuite.provider.csc.client.CscClient;
import dev.signingsuite.provider.csc.client.CscProperties;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expiry against the simulator: a service token that expired under the client is replaced without
 * failing documents; a SAD that expires before signHash is replaced once by a new authorisation.
 */
class CscExpiryTest {

    @TempDir
    static Path dataDir;

    @TempDir
    static Path sadDataDir;

    /** Tokens live 2 s. */
    static Sandbox sandbox;

    /** SADs expire before any signHash can use them. */
    static Sandbox sadSandbox;

    final CAdESService cades = new CAdESService(new CommonCertificateVerifier());
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(new SandboxSettings(dataDir, "127.0.0.1", 0)
                .withCsc(CscSettings.defaults().withTokenLifetime(Duration.ofSeconds(2))));
        sadSandbox = Sandbox.start(new SandboxSettings(sadDataDir, "127.0.0.1", 0)
                .withCsc(CscSettings.defaults().withSadLifetime(Duration.ofMillis(1))));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        sadSandbox.close();
    }

    @Test
    void anExpiredServiceTokenIsRenewedWithoutFailingDocuments() throws Exception {
        // The client's clock stands still: it keeps its token until the service says it expired.
        Clock frozen = TestClock.frozenNow();
        BatchSigner signer = signer(sandbox, frozen, "sandbox-seal", Map.of());
        signer.sign(documents(1, "sandbox-seal"));
        String probe = rawToken();
        await().atMost(Duration.ofSeconds(10)).until(() -> rawList(probe) == 401);
        sandbox.csc().resetCounters();

        List<SigningOutcome> outcomes = signer.sign(documents(3, "sandbox-seal"));

        assertThat(outcomes).hasSize(3).allMatch(SigningOutcome.Signed.class::isInstance);
        assertThat(sandbox.csc().calls("oauth2/token")).as("one new token").isEqualTo(1);
        assertThat(sandbox.csc().signHashSizes()).containsExactly(3);
    }

    @Test
    void anExpiredSadIsReplacedOnceThenTheDocumentsFailAsAuthorisationRequired() {
        BatchSigner signer = signer(
                sadSandbox,
                TestClock.system(),
                "sandbox-seal",
                Map.of("ec-seal", new CscProperties.Signer("sandbox-seal-ec", "123456", null, false)));

        List<SigningOutcome> outcomes = signer.sign(documents(2, "ec-seal"));

        assertThat(outcomes).hasSize(2).allSatisfy(o -> {
            SigningOutcome.Failed failed = (SigningOutcome.Failed) o;
            assertThat(failed.reason()).isEqualTo(FailureReason.AUTHORISATION_REQUIRED);
            assertThat(failed.message()).contains("SAD expired again");
        });
        assertThat(sadSandbox.csc().authorizations("sandbox-seal-ec")).isEqualTo(2);
        assertThat(sadSandbox.csc().calls("signatures/signHash")).isEqualTo(2);
        assertThat(meters.counter("signing.provider.reauthorisations", "provider", "csc")
                        .count())
                .isEqualTo(1);
    }

    private BatchSigner signer(
            Sandbox target, Clock clock, String credentialId, Map<String, CscProperties.Signer> signers) {
        CscProperties properties = new CscProperties(
                target.cscBaseUrl(),
                null,
                "sandbox-client",
                "sandbox-secret",
                credentialId,
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                50,
                new CscProperties.Retry(1, Duration.ofMillis(10)),
                signers,
                null,
                null,
                Duration.ofSeconds(5));
        CscClient client = new CscClient(HttpClient.newHttpClient(), properties, clock, meters);
        Retry retry = Retry.of("csc-test", RetryConfig.custom().maxAttempts(1).build());
        return new BatchSigner(client, cades, retry, TestClock.system(), meters, properties);
    }

    private static List<HashComputed> documents(int count, String signer) {
        List<HashComputed> documents = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            documents.add(TestDocuments.hashComputed(signer + "-" + i, signer));
        }
        return documents;
    }

    private static String rawToken() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(sandbox.cscBaseUrl() + "/oauth2/token"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "grant_type=client_credentials&client_id=sandbox-client&client_secret=sandbox-secret"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        int start = body.indexOf("\"access_token\":\"") + 16;
        return body.substring(start, body.indexOf('"', start));
    }

    private static int rawList(String token) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(sandbox.cscBaseUrl() + "/credentials/list"))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }
}
