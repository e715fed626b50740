package dev.signingsuite.provider.csc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.SandboxSettings;
import dev.signingsuite.testclock.MutableClock;
import dev.signingsuite.testclock.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OAuth 2.0 authorisation code against the simulator, whose test user approves at once: the
 * browser's leg is played by an HTTP client that does not follow the redirect.
 */
class CscOAuthTest {

    static final URI REDIRECT = URI.create("http://127.0.0.1:1/csc/callback");

    @TempDir
    static java.nio.file.Path dataDir;

    static Sandbox sandbox;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(new SandboxSettings(dataDir, "127.0.0.1", 0));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.csc().resetCounters();
        sandbox.csc().approving(true);
    }

    @Test
    void anOperatorsServiceAuthorisationReplacesClientCredentialsAndIsRevokedAtClose() throws Exception {
        CscClient client = client();
        OperatorAuthorisation operator = new OperatorAuthorisation(client, REDIRECT, TestClock.system(), Duration.ZERO);
        client.useOperatorAuthorisation(operator);
        assertThatThrownBy(() -> client.credential("sandbox-seal"))
                .isInstanceOfSatisfying(CscCallException.class, e -> {
                    assertThat(e.error()).isEqualTo("operator_authorisation_required");
                    assertThat(e.isAuthorisationRefused()).isTrue();
                });

        Map<String, String> back = browse(operator.startLogin());
        operator.completeLogin(back.get("code"), back.get("state"));

        assertThat(operator.status().state()).isEqualTo("AUTHORISED");
        assertThat(operator.status().refreshable()).isTrue();
        assertThat(client.credential("sandbox-seal").multisign()).isPositive();
        assertThat(sandbox.csc().calls("oauth2/token"))
                .as("the code exchange only")
                .isEqualTo(1);

        client.close();
        assertThat(sandbox.csc().calls("oauth2/revoke")).isEqualTo(1);
        assertThat(operator.status().state()).isEqualTo("AUTHORISATION_REQUIRED");
    }

    @Test
    void theAccessTokenIsRefreshedWithTheRefreshToken() throws Exception {
        CscClient client = client();
        MutableClock clock = TestClock.startingAt(TestClock.now());
        OperatorAuthorisation operator = new OperatorAuthorisation(client, REDIRECT, clock, Duration.ofSeconds(60));
        Map<String, String> back = browse(operator.startLogin());
        operator.completeLogin(back.get("code"), back.get("state"));
        String first = operator.serviceGrant().accessToken();

        clock.advance(Duration.ofHours(2));
        CscClient.Grant refreshed = operator.serviceGrant();

        assertThat(refreshed.accessToken()).isNotEqualTo(first);
        assertThat(refreshed.refreshToken()).isNotNull();
        assertThat(sandbox.csc().calls("oauth2/token")).isEqualTo(2);
    }

    @Test
    void aLoginWithAStateThisInstanceDidNotIssueOrAFailedCodeIsRefused() throws Exception {
        CscClient client = client();
        OperatorAuthorisation operator = new OperatorAuthorisation(client, REDIRECT, TestClock.system(), Duration.ZERO);
        Map<String, String> back = browse(operator.startLogin());

        assertThatThrownBy(() -> operator.completeLogin(back.get("code"), "forged"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> operator.completeLogin("not-a-code", back.get("state")))
                .isInstanceOfSatisfying(
                        CscCallException.class, e -> assertThat(e.error()).isEqualTo("invalid_grant"));
        assertThat(operator.status().state()).isEqualTo("AUTHORISATION_REQUIRED");
    }

    @Test
    void aCredentialScopeTokenSignsExactlyItsHashesWithoutASad() throws Exception {
        CscClient client = client();
        CscCredential credential = client.credential("sandbox-seal-oauth");
        CscCredential.HashSigning ecdsa = credential.sha256Signing(false).orElseThrow();
        List<byte[]> data = List.of(bytes("one"), bytes("two"));
        List<byte[]> hashes = data.stream().map(CscOAuthTest::sha256).toList();
        String verifier = "verifier-" + "x".repeat(40);

        Map<String, String> back = browse(client.authorizationUrl(new CscClient.AuthorizationRequest(
                REDIRECT, "state-1", challenge(verifier), "sandbox-seal-oauth", 2, hashes, CscCredential.SHA256)));
        CscClient.Grant grant = client.exchangeCode(back.get("code"), verifier, REDIRECT);

        assertThat(back.get("state")).isEqualTo("state-1");
        assertThat(grant.refreshToken())
                .as("credential scope is not refreshable")
                .isNull();
        assertThatThrownBy(() -> client.signHash(grant, "sandbox-seal-oauth", List.of(sha256(bytes("other"))), ecdsa))
                .isInstanceOfSatisfying(
                        CscCallException.class,
                        e -> assertThat(e.isHashNotAuthorized()).isTrue());
        List<byte[]> values = client.signHash(grant, "sandbox-seal-oauth", hashes, ecdsa);
        for (int i = 0; i < data.size(); i++) {
            Signature verify = Signature.getInstance("SHA256withECDSA");
            verify.initVerify(sandbox.csc().certificate("sandbox-seal-oauth").getPublicKey());
            verify.update(data.get(i));
            assertThat(verify.verify(values.get(i))).isTrue();
        }
        assertThat(credential.authMode()).isEqualTo(CscCredential.AuthMode.OAUTH2CODE);
    }

    @Test
    void aPersonWhoDeniesGivesAccessDeniedOnTheRedirect() throws Exception {
        CscClient client = client();
        OperatorAuthorisation operator = new OperatorAuthorisation(client, REDIRECT, TestClock.system(), Duration.ZERO);
        sandbox.csc().approving(false);

        Map<String, String> back = browse(operator.startLogin());

        assertThat(back.get("error")).isEqualTo("access_denied");
        assertThat(back).doesNotContainKey("code");
    }

    private CscClient client() {
        return new CscClient(
                HttpClient.newHttpClient(),
                CscClientTest.properties(sandbox.cscBaseUrl(), "sandbox-secret", "sandbox-seal"),
                TestClock.system(),
                meters);
    }

    /** The browser's leg: follows nothing, returns the redirect's query parameters. */
    private static Map<String, String> browse(URI authorize) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(authorize).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        URI location = URI.create(answer.headers().firstValue("Location").orElseThrow());
        assertThat(location.getPath()).isEqualTo(REDIRECT.getPath());
        Map<String, String> query = new HashMap<>();
        for (String pair : location.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return query;
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
