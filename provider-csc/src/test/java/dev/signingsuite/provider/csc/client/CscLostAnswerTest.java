package dev.signingsuite.provider.csc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.SigningIntent;
import dev.signingsuite.provider.csc.TestDocuments;
import dev.signingsuite.provider.csc.signing.CredentialApprovals;
import dev.signingsuite.provider.csc.signing.CscSigner;
import dev.signingsuite.provider.runtime.BatchSigning;
import dev.signingsuite.provider.runtime.DataToSign;
import dev.signingsuite.provider.runtime.SigningIntents;
import dev.signingsuite.provider.runtime.SigningOutcome;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.SandboxSettings;
import dev.signingsuite.sandbox.csc.CscProfile;
import dev.signingsuite.sandbox.csc.CscSettings;
import dev.signingsuite.sandbox.faults.FaultProfile;
import dev.signingsuite.sandbox.faults.Simulator;
import dev.signingsuite.testclock.TestClock;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under the {@code lvrtc} profile a signing token is spent by its first signHash, answered or not
 * (GOCSC-LV CHANGELOG: "never retry on the same token"). A signHash whose answer is lost, in flight
 * or in a crash, must lead neither to a second signature (the simulator's SigningLog) nor to a
 * document that never gets an outcome.
 */
class CscLostAnswerTest {

    static final URI REDIRECT = URI.create("http://127.0.0.1:1/csc/callback");

    @TempDir
    static Path dataDir;

    static Sandbox sandbox;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Retry retry = Retry.of("csc-test", RetryConfig.custom().maxAttempts(3).build());

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(new SandboxSettings(dataDir, "127.0.0.1", 0)
                .withCsc(CscSettings.defaults().withProfile(CscProfile.LVRTC)));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.faults().clear();
        sandbox.csc().resetCounters();
        sandbox.csc().signingLog().clear();
    }

    /**
     * The service signs, but its answer comes after the client gave up: the approved documents fail
     * SIGNER_UNAVAILABLE at once, without a retry on the spent token and without a new approval.
     */
    @Test
    void anApprovedGroupWhoseAnswerIsLostFailsAndIsSignedOnlyOnce() throws Exception {
        CscProperties properties = properties();
        CscClient client = new CscClient(HttpClient.newHttpClient(), properties, TestClock.system(), meters);
        CredentialApprovals approvals = new CredentialApprovals(client, REDIRECT, TestClock.system(), meters);
        BatchSigning signer = signing(client, properties, approvals, SigningIntents.NONE);
        List<HashComputed> group = List.of(
                TestDocuments.hashComputed("lost-1", "oauth-seal"), TestDocuments.hashComputed("lost-2", "oauth-seal"));
        assertThat(signer.signOrWait(group).waiting()).hasSize(2);
        Map<String, String> back =
                browse(approvals.start(approvals.pending().get(0).id()));
        approvals.complete(back.get("code"), back.get("state"));

        sandbox.faults().set(Simulator.CSC, FaultProfile.slow(1.0, Duration.ofMillis(2000)));
        BatchSigning.Result lost = signer.signOrWait(group);
        sandbox.faults().clear();

        assertThat(lost.outcomes())
                .hasSize(2)
                .allSatisfy(outcome -> assertThat(outcome)
                        .isInstanceOfSatisfying(SigningOutcome.Failed.class, failed -> {
                            assertThat(failed.reason()).isEqualTo(FailureReason.SIGNER_UNAVAILABLE);
                            assertThat(failed.message()).contains("not asked again");
                        }));
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(sandbox.csc().signingLog().entries()).hasSize(2));
        assertThat(sandbox.csc().calls("signatures/signHash")).isEqualTo(1);
        assertThat(approvals.pending()).isEmpty();
    }

    /**
     * The instance stops after signHash and before the value is in the ledger: the redelivered
     * document finds the call started and its answer lost, and under {@code lvrtc} it fails rather
     * than be signed again.
     */
    @Test
    void aSealWhoseAnswerWasLostInACrashFailsOnRedeliveryWithoutASecondSignature() {
        CscProperties properties = properties();
        HashComputed document = TestDocuments.hashComputed("crash-1", "sandbox-seal");
        CrashingLedger ledger = new CrashingLedger();
        BatchSigning first = signing(
                new CscClient(HttpClient.newHttpClient(), properties, TestClock.system(), meters),
                properties,
                null,
                ledger);
        assertThatThrownBy(() -> first.signOrWait(List.of(document))).hasMessageContaining("stopped");

        ledger.crashing = false;
        BatchSigning restarted = signing(
                new CscClient(HttpClient.newHttpClient(), properties, TestClock.system(), meters),
                properties,
                null,
                ledger);
        BatchSigning.Result again = restarted.signOrWait(List.of(document));

        assertThat(again.outcomes()).singleElement().isInstanceOfSatisfying(SigningOutcome.Failed.class, failed -> {
            assertThat(failed.reason()).isEqualTo(FailureReason.INTERNAL_ERROR);
            assertThat(failed.message()).contains("does not ask again");
        });
        assertThat(sandbox.csc().signingLog().entries()).hasSize(1);
        assertThat(sandbox.csc().calls("signatures/signHash")).isEqualTo(1);
    }

    /** The ledger of one instance that stops before it can record a returned value. */
    static final class CrashingLedger implements SigningIntents {
        final Map<String, SigningIntent> entries = new ConcurrentHashMap<>();
        volatile boolean crashing = true;

        @Override
        public Map<String, SigningIntent> latest(Collection<String> documentIds) {
            Map<String, SigningIntent> found = new HashMap<>();
            documentIds.forEach(id -> {
                if (entries.containsKey(id)) {
                    found.put(id, entries.get(id));
                }
            });
            return found;
        }

        @Override
        public void write(List<SigningIntent> intents) {
            if (crashing && intents.stream().anyMatch(i -> i.status() == SigningIntent.Status.RETURNED)) {
                throw new IllegalStateException("the instance stopped before the value was recorded");
            }
            intents.forEach(i -> entries.put(i.documentId(), i));
        }

        @Override
        public void withdraw(List<SigningIntent> intents) {
            intents.forEach(i -> entries.remove(i.documentId()));
        }
    }

    private BatchSigning signing(
            CscClient client, CscProperties properties, CredentialApprovals approvals, SigningIntents ledger) {
        DataToSign dataToSign = new DataToSign();
        return new BatchSigning(
                new CscSigner(client, retry, TestClock.system(), meters, properties, approvals, dataToSign),
                dataToSign,
                TestClock.system(),
                meters,
                ledger);
    }

    private static CscProperties properties() {
        return new CscProperties(
                        sandbox.cscBaseUrl(),
                        null,
                        CscSettings.DEFAULT_CLIENT_ID,
                        CscSettings.DEFAULT_CLIENT_SECRET,
                        "sandbox-seal",
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(60),
                        50,
                        new CscProperties.Retry(3, Duration.ofMillis(10)),
                        CscServiceProfilesTest.SIGNERS,
                        null,
                        REDIRECT,
                        Duration.ofSeconds(5))
                .withProfile(ServiceProfile.LVRTC, CscProperties.Overrides.NONE);
    }

    private static Map<String, String> browse(URI authorize) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(authorize).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        Map<String, String> query = new HashMap<>();
        for (String pair : URI.create(answer.headers().firstValue("Location").orElseThrow())
                .getRawQuery()
                .split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        assertThat(query).doesNotContainKey("error");
        return query;
    }
}
