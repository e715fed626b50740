package dev.signingsuite.provider.csc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.events.HashComputed;
import dev.signingsuite.provider.csc.TestDocuments;
import dev.signingsuite.provider.csc.signing.BatchSigner;
import dev.signingsuite.provider.csc.signing.CredentialApprovals;
import dev.signingsuite.provider.runtime.BatchSigning;
import dev.signingsuite.provider.runtime.SigningOutcome;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.SandboxSettings;
import dev.signingsuite.sandbox.csc.CscProfile;
import dev.signingsuite.sandbox.csc.CscSettings;
import dev.signingsuite.testclock.MutableClock;
import dev.signingsuite.testclock.TestClock;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * provider-csc under each service profile against the simulator posing as that service: SAD seals
 * (implicit RSA, explicit ECDSA SCAL 2) and a person's approval of an {@code oauth2code} group are
 * signed with exactly one signHash each, in the shape the service wants.
 */
class CscServiceProfilesTest {

    static final URI REDIRECT = URI.create("http://127.0.0.1:1/csc/callback");
    static final Map<String, CscProperties.Signer> SIGNERS = Map.of(
            "ec-seal", new CscProperties.Signer("sandbox-seal-ec", "123456", null, false),
            "oauth-seal", new CscProperties.Signer("sandbox-seal-oauth", null, null, false));

    @TempDir
    static Path dataDir;

    final CAdESService cades = new CAdESService(new CommonCertificateVerifier());
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final MutableClock clock = TestClock.startingAt(TestClock.now());

    @ParameterizedTest
    @EnumSource(ServiceProfile.class)
    void sealsAndAnApprovedGroupAreSignedOnceEachInTheShapeTheServiceWants(ServiceProfile profile) throws Exception {
        try (Sandbox sandbox = start(CscProfile.valueOf(profile.name()))) {
            // SIGN8's clients sign asynchronously (csc-api-v2.md 13.2), and SIGN8 says "pending" with a 400;
            // under LVRTC the approval is asked as authorization_details (RAR), pushed.
            CscProperties properties = properties(sandbox)
                    .withProfile(
                            profile,
                            switch (profile) {
                                case SIGN8 ->
                                    new CscProperties.Overrides(null, null, null, null, null, null, true, null, null);
                                case LVRTC ->
                                    new CscProperties.Overrides(null, null, null, null, null, null, null, null, true);
                                default -> CscProperties.Overrides.NONE;
                            })
                    .withPolling(new CscProperties.Polling(Duration.ofMillis(5), Duration.ofSeconds(5)));
            CscClient client = new CscClient(HttpClient.newHttpClient(), properties, TestClock.system(), meters);
            CredentialApprovals approvals = new CredentialApprovals(client, REDIRECT, clock, meters);
            BatchSigner signer = signer(client, properties, approvals);
            List<HashComputed> seals = List.of(
                    TestDocuments.hashComputed(profile + "-rsa", "sandbox-seal"),
                    TestDocuments.hashComputed(profile + "-ec", "ec-seal"));
            List<HashComputed> oauth = List.of(
                    TestDocuments.hashComputed(profile + "-oauth-1", "oauth-seal"),
                    TestDocuments.hashComputed(profile + "-oauth-2", "oauth-seal"));

            assertThat(signer.sign(seals)).hasSize(2).allMatch(SigningOutcome.Signed.class::isInstance);
            assertThat(signer.signOrWait(oauth).waiting()).hasSize(2);
            URI authorize = approvals.start(approvals.pending().get(0).id());
            if (profile == ServiceProfile.LVRTC) {
                assertThat(authorize.getRawQuery())
                        .as("pushed: the browser carries only the request_uri")
                        .startsWith("client_id=sandbox-client&request_uri=")
                        .doesNotContain("hashes")
                        .doesNotContain("authorization_details");
            }
            if (profile == ServiceProfile.SIGN8) {
                assertThat(authorize.toString()).startsWith(sandbox.cscBaseUrl() + "/issuer/authorize?");
            }
            Map<String, String> back = browse(authorize);
            approvals.complete(back.get("code"), back.get("state"));
            BatchSigning.Result approved = signer.signOrWait(oauth);

            assertThat(approved.outcomes()).hasSize(2).allMatch(SigningOutcome.Signed.class::isInstance);
            assertThat(sandbox.csc().calls("signatures/signHash"))
                    .as("one per seal and one for the approval: no call in a shape the service refused")
                    .isEqualTo(3);
            assertThat(sandbox.csc().signingLog().entries()).hasSize(4);
            assertThat(sandbox.csc().calls("signatures/signPolling"))
                    .as("each asynchronous signHash: one 400 \"not yet completed\", then its signatures")
                    .isEqualTo(profile == ServiceProfile.SIGN8 ? 6 : 0);
        }
    }

    /**
     * A generic client at the EU reference server: its first signHash is answered 500 for leaving
     * out operationMode; that is the request's shape, not an outage, so it is sent once more in the
     * full shape, which every later call keeps. Nothing is signed twice.
     */
    @Test
    void aGenericClientLearnsTheFullSignHashShapeFromTheEuReferenceServersFirst500() throws Exception {
        try (Sandbox sandbox = start(CscProfile.EUDI_REFERENCE)) {
            CscProperties properties = properties(sandbox)
                    .withProfile(
                            ServiceProfile.GENERIC,
                            new CscProperties.Overrides(null, null, null, ServiceProfile.ClientAuth.BASIC, null, null));
            CscClient client = new CscClient(HttpClient.newHttpClient(), properties, TestClock.system(), meters);
            BatchSigner signer = signer(client, properties, null);

            assertThat(signer.sign(List.of(TestDocuments.hashComputed("eudi-1", "sandbox-seal"))))
                    .singleElement()
                    .isInstanceOf(SigningOutcome.Signed.class);
            assertThat(signer.sign(List.of(TestDocuments.hashComputed("eudi-2", "sandbox-seal"))))
                    .singleElement()
                    .isInstanceOf(SigningOutcome.Signed.class);

            assertThat(sandbox.csc().calls("signatures/signHash")).isEqualTo(3);
            assertThat(sandbox.csc().signHashSizes()).containsExactly(1, 1);
            assertThat(sandbox.csc().signingLog().entries()).hasSize(2);

            // Asked to sign asynchronously, it learns the shape, then that the service answers 501 to "A".
            CscProperties async = properties.withProfile(
                    ServiceProfile.GENERIC,
                    new CscProperties.Overrides(
                            null, null, null, ServiceProfile.ClientAuth.BASIC, null, null, true, null, null));
            BatchSigner asyncSigner =
                    signer(new CscClient(HttpClient.newHttpClient(), async, TestClock.system(), meters), async, null);
            assertThat(asyncSigner.sign(List.of(
                            TestDocuments.hashComputed("eudi-3", "sandbox-seal"),
                            TestDocuments.hashComputed("eudi-4", "sandbox-seal"))))
                    .hasSize(2)
                    .allMatch(SigningOutcome.Signed.class::isInstance);
            assertThat(asyncSigner.sign(List.of(TestDocuments.hashComputed("eudi-5", "sandbox-seal"))))
                    .singleElement()
                    .isInstanceOf(SigningOutcome.Signed.class);
            assertThat(sandbox.csc().calls("signatures/signHash"))
                    .as("500 without the shape, 501 to A, then synchronous: 3 calls, then one")
                    .isEqualTo(3 + 4);
            assertThat(sandbox.csc().calls("signatures/signPolling")).isZero();
            assertThat(sandbox.csc().signingLog().entries()).hasSize(5);
        }
    }

    /**
     * 429 with {@code Retry-After} (RFC 9110 section 10.2.3; CSC API v2 section 10.1): the retry
     * waits what the service asked instead of its own short backoff, and a wait longer than
     * {@code retry.max-retry-after} is not held in line: the error goes up to be parked.
     */
    @Test
    void a429IsRetriedAfterTheServicesRetryAfterAndALongerOneIsLeftToParking() throws Exception {
        try (Sandbox sandbox = start(CscProfile.GENERIC)) {
            CscClient client =
                    new CscClient(HttpClient.newHttpClient(), properties(sandbox), TestClock.system(), meters);
            Retry retry = Retry.of(
                    "csc-429",
                    CscClient.retryConfig(new CscProperties.Retry(3, Duration.ofMillis(10), Duration.ofSeconds(2))));
            List<Duration> waits = new CopyOnWriteArrayList<>();
            retry.getEventPublisher().onRetry(event -> waits.add(event.getWaitInterval()));

            sandbox.csc().throttle(1, Duration.ofSeconds(1));
            assertThat(retry.executeSupplier(() -> client.credential("sandbox-seal"))
                            .id())
                    .isEqualTo("sandbox-seal");
            assertThat(waits).containsExactly(Duration.ofSeconds(1));

            sandbox.csc().throttle(1, Duration.ofSeconds(30));
            assertThatThrownBy(() -> retry.executeSupplier(client::listCredentials))
                    .isInstanceOfSatisfying(CscCallException.class, e -> {
                        assertThat(e.status()).isEqualTo(429);
                        assertThat(e.isTransient()).isTrue();
                        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
                    });
            assertThat(waits).hasSize(1);
        }
    }

    private static Sandbox start(CscProfile profile) throws Exception {
        return Sandbox.start(new SandboxSettings(dataDir, "127.0.0.1", 0)
                .withCsc(CscSettings.defaults().withProfile(profile)));
    }

    private BatchSigner signer(CscClient client, CscProperties properties, CredentialApprovals approvals) {
        Retry retry = Retry.of("csc-test", RetryConfig.custom().maxAttempts(1).build());
        return new BatchSigner(client, cades, retry, clock, meters, properties, approvals);
    }

    private static CscProperties properties(Sandbox sandbox) {
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
                SIGNERS,
                null,
                REDIRECT,
                Duration.ofSeconds(5));
    }

    /** The browser's leg: follows nothing, returns the redirect's query parameters. */
    private static Map<String, String> browse(URI authorize) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(authorize).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        URI location = URI.create(answer.headers().firstValue("Location").orElseThrow());
        assertThat(location.getRawQuery()).doesNotContain("error=");
        Map<String, String> query = new HashMap<>();
        for (String pair : location.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return query;
    }
}
