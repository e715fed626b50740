package dev.signingsuite.provider.csc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.SandboxSettings;
import dev.signingsuite.sandbox.csc.CscSettings;
import dev.signingsuite.sandbox.pki.PkiEntity;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.testclock.TestClock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against the sandbox's CSC simulator: real HTTP, real keys, real errors. */
class CscClientTest {

    @TempDir
    static java.nio.file.Path dataDir;

    static Sandbox sandbox;
    static PkiEntity seal;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void start() throws Exception {
        // Tokens live 2 s, so the refresh-after-401 test need not wait long.
        sandbox = Sandbox.start(new SandboxSettings(dataDir, "127.0.0.1", 0)
                .withCsc(CscSettings.defaults().withTokenLifetime(Duration.ofSeconds(2))));
        seal = sandbox.pki().entity(SandboxEntities.SEAL);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void resetCounters() {
        sandbox.csc().resetCounters();
    }

    @Test
    void resolvesTheCredentialOnceWithItsChainAndReusesTheToken() throws Exception {
        CscClient client =
                client(properties(sandbox.cscBaseUrl(), "sandbox-secret", "sandbox-seal"), TestClock.system());

        CscCredential credential = client.credential();
        client.credential();

        assertThat(credential.signingCertificate().getEncoded())
                .isEqualTo(seal.certificate().getEncoded());
        assertThat(credential.issuers()).hasSize(seal.chain().size() - 1);
        assertThat(credential.issuers().get(0).getEncoded())
                .isEqualTo(seal.chain().get(1).getEncoded());
        assertThat(credential.rsaSha256()).contains(new CscCredential.HashSigning(CscCredential.SHA256_WITH_RSA, null));
        assertThat(credential.keyEnabled()).isTrue();
        assertThat(credential.multisign()).isEqualTo(1000);
        assertThat(sandbox.csc().calls("credentials/info")).isEqualTo(1);
        assertThat(sandbox.csc().calls("oauth2/token")).isEqualTo(1);
    }

    @Test
    void signsHashesInOrderUnderOneSad() throws Exception {
        CscClient client =
                client(properties(sandbox.cscBaseUrl(), "sandbox-secret", "sandbox-seal"), TestClock.system());
        List<byte[]> data = List.of(bytes("a"), bytes("b"), bytes("c"));
        List<byte[]> hashes = data.stream().map(CscClientTest::sha256).toList();

        CscClient.Sad sad = client.authorize(3);
        List<byte[]> values = client.signHash(
                sad, hashes, new CscCredential.HashSigning(CscCredential.RSA_ENCRYPTION, CscCredential.SHA256));

        for (int i = 0; i < data.size(); i++) {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(seal.certificate().getPublicKey());
            verifier.update(data.get(i));
            assertThat(verifier.verify(values.get(i))).as("value %d", i).isTrue();
        }
        assertThat(sad.toString()).doesNotContain(sad.value());
        assertThat(sandbox.csc().signHashSizes()).containsExactly(3);
        assertThat(meters.get("signing.provider.requests")
                        .tags("provider", "csc", "operation", "signatures/signHash", "outcome", "success")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aSadSpentOnceIsRefusedAsAPermanentError() {
        CscClient client =
                client(properties(sandbox.cscBaseUrl(), "sandbox-secret", "sandbox-seal"), TestClock.system());
        CscCredential.HashSigning algorithm = new CscCredential.HashSigning(CscCredential.SHA256_WITH_RSA, null);
        CscClient.Sad sad = client.authorize(1);
        client.signHash(sad, List.of(sha256(bytes("x"))), algorithm);

        assertThatThrownBy(() -> client.signHash(sad, List.of(sha256(bytes("y"))), algorithm))
                .isInstanceOfSatisfying(CscCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.error()).isEqualTo("invalid_request");
                    assertThat(e.description()).isEqualTo("Invalid parameter SAD");
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).doesNotContain(sad.value());
                });
    }

    @Test
    void aRefusedTokenIsReplacedOnceAndTheCallSucceeds() throws Exception {
        // The client's clock stands still, so it keeps its token until the service refuses it.
        Clock frozen = TestClock.frozenNow();
        CscClient client = client(properties(sandbox.cscBaseUrl(), "sandbox-secret", "sandbox-seal"), frozen);
        client.credential();
        String probe = rawToken();
        await().atMost(Duration.ofSeconds(10)).until(() -> rawList(probe) == 401);
        int tokensBefore = sandbox.csc().calls("oauth2/token");

        CscClient.Sad sad = client.authorize(1);

        assertThat(sad.numSignatures()).isEqualTo(1);
        assertThat(sandbox.csc().calls("oauth2/token")).isEqualTo(tokensBefore + 1);
        assertThat(meters.get("signing.provider.requests")
                        .tags("operation", "credentials/authorize", "outcome", "unauthorized")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aWrongClientSecretIsPermanent() {
        CscClient client = client(properties(sandbox.cscBaseUrl(), "wrong", "sandbox-seal"), TestClock.system());

        assertThatThrownBy(client::credential).isInstanceOfSatisfying(CscCallException.class, e -> {
            assertThat(e.method()).isEqualTo("oauth2/token");
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.description()).isEqualTo("Invalid parameter client_secret");
            assertThat(e.isTransient()).isFalse();
            assertThat(e.getMessage()).doesNotContain("wrong");
        });
    }

    @Test
    void anUnknownCredentialIsReportedByTheService() {
        CscClient client =
                client(properties(sandbox.cscBaseUrl(), "sandbox-secret", "no-such-seal"), TestClock.system());

        assertThatThrownBy(client::credential).isInstanceOfSatisfying(CscCallException.class, e -> {
            assertThat(e.method()).isEqualTo("credentials/info");
            assertThat(e.description()).isEqualTo("Invalid parameter credentialID");
        });
    }

    @Test
    void noAnswerIsTransient() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CscClient client = client(
                properties(URI.create("http://127.0.0.1:" + closedPort + "/csc/v2"), "sandbox-secret", "sandbox-seal"),
                TestClock.system());

        assertThatThrownBy(client::credential).isInstanceOfSatisfying(CscCallException.class, e -> {
            assertThat(e.status()).isZero();
            assertThat(e.isTransient()).isTrue();
        });
    }

    @Test
    void repeatedTransientFailuresOpenTheBreakerAndLaterCallsFailFastAsCircuitOpen() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CircuitBreaker breaker = CircuitBreaker.of("csc", CscClient.breakerConfig());
        CscClient client = new CscClient(
                HttpClient.newHttpClient(),
                properties(URI.create("http://127.0.0.1:" + closedPort + "/csc/v2"), "sandbox-secret", "sandbox-seal"),
                TestClock.system(),
                meters,
                breaker);

        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(client::credential).isInstanceOf(CscCallException.class);
        }

        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(client::credential).isInstanceOfSatisfying(CscCallException.class, e -> {
            assertThat(e.error()).isEqualTo("circuit_open");
            assertThat(e.isTransient()).as("worth retrying later").isTrue();
        });
        assertThat(meters.get("signing.provider.requests")
                        .tags("provider", "csc", "operation", "info", "outcome", "circuit_open")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void refusalsDoNotOpenTheBreaker() {
        CircuitBreaker breaker = CircuitBreaker.of("csc", CscClient.breakerConfig());
        CscClient client = new CscClient(
                HttpClient.newHttpClient(),
                properties(sandbox.cscBaseUrl(), "wrong", "sandbox-seal"),
                TestClock.system(),
                meters,
                breaker);

        for (int i = 0; i < 12; i++) {
            assertThatThrownBy(client::credential).isInstanceOf(CscCallException.class);
        }

        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void theResolvedCredentialIsOnlyKnownAfterTheFirstCall() {
        CscClient client =
                client(properties(sandbox.cscBaseUrl(), "sandbox-secret", "sandbox-seal"), TestClock.system());

        assertThat(client.resolvedCredential()).isEmpty();
        assertThat(sandbox.csc().calls("credentials/info")).isZero();
        client.credential();
        assertThat(client.resolvedCredential()).isPresent();
    }

    @Test
    void propertiesKeepTheSecretOutOfToString() {
        CscProperties properties = properties(sandbox.cscBaseUrl(), "very-secret-value", "sandbox-seal");
        assertThat(properties.toString()).doesNotContain("very-secret-value").contains("sandbox-client");
        assertThat(properties.tokenUrl()).isEqualTo(URI.create(sandbox.cscBaseUrl() + "/oauth2/token"));
        assertThat(properties.oauth2Base("https://as.example/")).isEqualTo(URI.create("https://as.example"));
        CscProperties.Signer signer = new CscProperties.Signer("sandbox-seal-otp", "pin-4711", "otp-0815", false);
        assertThat(signer.toString()).doesNotContain("pin-4711").doesNotContain("otp-0815");
        assertThat(signer.factor("PIN")).contains("pin-4711");
        assertThat(signer.factor("otp")).contains("otp-0815");
        assertThat(signer.factor("TAN")).isEmpty();
    }

    static CscProperties properties(URI baseUrl, String secret, String credentialId) {
        return new CscProperties(
                URI.create(baseUrl + "/"),
                null,
                "sandbox-client",
                secret,
                credentialId,
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                50,
                new CscProperties.Retry(3, Duration.ofMillis(10)),
                java.util.Map.of(),
                null,
                null,
                Duration.ofSeconds(5));
    }

    private CscClient client(CscProperties properties, Clock clock) {
        return new CscClient(HttpClient.newHttpClient(), properties, clock, meters);
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
        return response.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    private static int rawList(String token) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(sandbox.cscBaseUrl() + "/credentials/list"))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
