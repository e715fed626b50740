package dev.signingsuite.provider.csc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.provider.csc.TestDocuments;
import dev.signingsuite.provider.csc.signing.CscSigner;
import dev.signingsuite.provider.runtime.BatchSigning;
import dev.signingsuite.provider.runtime.DataToSign;
import dev.signingsuite.provider.runtime.SigningIntents;
import dev.signingsuite.provider.runtime.SigningOutcome;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.SandboxSettings;
import dev.signingsuite.sandbox.csc.CscSettings;
import dev.signingsuite.sandbox.faults.Fault;
import dev.signingsuite.sandbox.faults.FaultProfile;
import dev.signingsuite.sandbox.faults.Simulator;
import dev.signingsuite.testclock.TestClock;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers that come later, against the simulator: an asynchronous signHash ({@code operationMode
 * "A"}, {@code signPolling}) and an authorisation answered 202 ({@code authorizeCheck}). Polling is
 * safe to repeat, signing is not: a lost or failed poll is asked again, and a result that never
 * comes fails the documents, but neither leads to a second signHash (the simulator's SigningLog).
 */
class CscLaterAnswersTest {

    @TempDir
    static Path dataDir;

    static Sandbox sandbox;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    // The service's own retry: transient errors only, as configured in production.
    final Retry retry = Retry.of("csc-test", CscClient.retryConfig(new CscProperties.Retry(3, Duration.ofMillis(10))));

    /** Two polls "still going on" before the signatures; one authorizeCheck before the SAD. */
    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(new SandboxSettings(dataDir, "127.0.0.1", 0)
                .withCsc(CscSettings.defaults().withPendingPolls(2).withPendingAuthorizeChecks(1)));
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

    @Test
    void aSealIsSignedByOneAsynchronousSignHashAfterAnAuthorisationAnswered202() {
        BatchSigning signer = signing(asynchronous(Duration.ofMillis(5), Duration.ofSeconds(5)), SigningIntents.NONE);

        List<SigningOutcome> outcomes = signer.signOrWait(documents("async")).outcomes();

        assertThat(outcomes).hasSize(2).allMatch(SigningOutcome.Signed.class::isInstance);
        assertThat(sandbox.csc().calls("credentials/authorize")).isEqualTo(1);
        assertThat(sandbox.csc().calls("credentials/authorizeCheck")).isEqualTo(1);
        assertThat(sandbox.csc().calls("signatures/signHash")).isEqualTo(1);
        assertThat(sandbox.csc().calls("signatures/signPolling")).isEqualTo(3);
        assertThat(sandbox.csc().signingLog().entries()).hasSize(2);
    }

    @Test
    void lostPollingAnswersAreAskedAgainAndNeverLeadToASecondSignHash() {
        BatchSigning signer =
                signing(asynchronous(Duration.ofMillis(150), Duration.ofSeconds(10)), SigningIntents.NONE);
        // Once the signHash is accepted, the next polls lose their answers (connection reset).
        CompletableFuture<Void> disturb = CompletableFuture.runAsync(() -> {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> sandbox.csc().calls("signatures/signHash") == 1);
            sandbox.faults().set(Simulator.CSC, FaultProfile.of(1.0, Fault.RESET));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lostPolls() >= 2);
            sandbox.faults().clear();
        });

        List<SigningOutcome> outcomes =
                signer.signOrWait(documents("lost-poll")).outcomes();
        disturb.join();

        assertThat(lostPolls()).isGreaterThanOrEqualTo(2);
        assertThat(outcomes).hasSize(2).allMatch(SigningOutcome.Signed.class::isInstance);
        assertThat(sandbox.csc().calls("signatures/signHash")).isEqualTo(1);
        assertThat(sandbox.csc().signingLog().entries()).hasSize(2);
    }

    @Test
    void aResultThatNeverComesFailsTheDocumentsWithoutAskingAgain() {
        // One poll within the wait, and the simulator says "still going on" twice.
        BatchSigning signer = signing(asynchronous(Duration.ofMillis(5), Duration.ofMillis(5)), SigningIntents.NONE);

        List<SigningOutcome> outcomes = signer.signOrWait(documents("never")).outcomes();

        assertThat(outcomes)
                .hasSize(2)
                .allSatisfy(outcome -> assertThat(outcome)
                        .isInstanceOfSatisfying(SigningOutcome.Failed.class, failed -> {
                            assertThat(failed.reason()).isEqualTo(FailureReason.SIGNER_UNAVAILABLE);
                            assertThat(failed.message()).contains("not asked again");
                        }));
        assertThat(sandbox.csc().calls("signatures/signHash")).isEqualTo(1);
        assertThat(sandbox.csc().signingLog().entries()).hasSize(2);
    }

    /** A crash while the result is polled for: the redelivered document fails, it is not signed again. */
    @Test
    void aCrashWhilePollingFailsTheRedeliveredDocumentWithoutASecondSignature() {
        CscProperties properties = asynchronous(Duration.ofMillis(5), Duration.ofSeconds(5));
        HashComputed document = TestDocuments.hashComputed("async-crash", "sandbox-seal");
        CscLostAnswerTest.CrashingLedger ledger = new CscLostAnswerTest.CrashingLedger();
        assertThatThrownBy(() -> signing(properties, ledger).signOrWait(List.of(document)))
                .hasMessageContaining("stopped");

        ledger.crashing = false;
        BatchSigning.Result again = signing(properties, ledger).signOrWait(List.of(document));

        assertThat(again.outcomes())
                .singleElement()
                .isInstanceOfSatisfying(
                        SigningOutcome.Failed.class,
                        failed -> assertThat(failed.reason()).isEqualTo(FailureReason.INTERNAL_ERROR));
        assertThat(sandbox.csc().calls("signatures/signHash")).isEqualTo(1);
        assertThat(sandbox.csc().signingLog().entries()).hasSize(1);
    }

    private double lostPolls() {
        Timer lost = meters.find("signing.provider.requests")
                .tags("operation", "signatures/signPolling", "outcome", "io_error")
                .timer();
        return lost == null ? 0 : lost.count();
    }

    private static List<HashComputed> documents(String prefix) {
        return List.of(
                TestDocuments.hashComputed(prefix + "-1", "sandbox-seal"),
                TestDocuments.hashComputed(prefix + "-2", "sandbox-seal"));
    }

    private BatchSigning signing(CscProperties properties, SigningIntents ledger) {
        CscClient client = new CscClient(HttpClient.newHttpClient(), properties, TestClock.system(), meters);
        DataToSign dataToSign = new DataToSign();
        return new BatchSigning(
                new CscSigner(client, retry, TestClock.system(), meters, properties, null, dataToSign),
                dataToSign,
                TestClock.system(),
                meters,
                ledger);
    }

    private static CscProperties asynchronous(Duration interval, Duration maxWait) {
        return properties(sandbox)
                .withProfile(ServiceProfile.GENERIC, overrides())
                .withPolling(new CscProperties.Polling(interval, maxWait));
    }

    private static CscProperties.Overrides overrides() {
        return new CscProperties.Overrides(null, null, null, null, null, null, true, null, null);
    }

    private static CscProperties properties(Sandbox on) {
        return new CscProperties(
                on.cscBaseUrl(),
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
                null,
                Duration.ofSeconds(5));
    }
}
