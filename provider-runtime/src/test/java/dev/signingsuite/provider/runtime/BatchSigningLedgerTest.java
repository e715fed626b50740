package dev.signingsuite.provider.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.events.SigningIntent;
import dev.signingsuite.sandbox.pki.PkiSettings;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.sandbox.pki.TestPki;
import dev.signingsuite.testclock.MutableClock;
import dev.signingsuite.testclock.TestClock;
import dev.signingsuite.testsupport.SampleEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ledger around the remote call, without Kafka: a document that comes again is answered from
 * what was recorded, and the service is not asked a second time.
 */
class BatchSigningLedgerTest {

    private static TestOnlySigner signer;
    private final MutableClock clock = TestClock.startingAt(Instant.parse("2026-12-01T10:00:00Z"));
    private final MemorySigningIntents ledger = new MemorySigningIntents();

    @BeforeAll
    static void pki() throws IOException {
        TestPki pki = TestPki.loadOrCreate(
                Files.createTempDirectory("ledger-test-pki"),
                PkiSettings.defaults(),
                SandboxEntities.ALL.subList(0, 3),
                TestClock.startingAt(Instant.parse("2026-11-01T00:00:00Z")));
        signer = new TestOnlySigner(pki.entity(SandboxEntities.SEAL));
    }

    @Test
    void aDocumentSignedBeforeIsAnsweredWithTheRecordedValueAndTheSameParameters() {
        HashComputed document = document("again");
        SigningOutcome.Signed first =
                (SigningOutcome.Signed) signing().sign(List.of(document)).get(0);
        int calls = signer.calls().size();
        assertThat(ledger.written)
                .extracting(SigningIntent::status)
                .containsExactly(SigningIntent.Status.STARTED, SigningIntent.Status.RETURNED);
        assertThat(ledger.written.get(0).dataToSignDigest()).isEqualTo(first.dataToSignDigest());

        // Later: a fresh signing date would build another digest; the ledger's date rebuilds the same.
        clock.advance(Duration.ofMinutes(3));
        SigningOutcome again = signing().sign(List.of(document)).get(0);

        assertThat(signer.calls()).hasSize(calls);
        assertThat(again).isInstanceOf(SigningOutcome.Signed.class);
        SigningOutcome.Signed republished = (SigningOutcome.Signed) again;
        assertThat(republished.signatureValue()).isEqualTo(first.signatureValue());
        assertThat(republished.dataToSignDigest()).isEqualTo(first.dataToSignDigest());
        assertThat(republished.parameters().signingDate())
                .isEqualTo(first.parameters().signingDate());
    }

    @Test
    void aCallWhoseAnswerWasLostIsNotRepeatedUnlessTheProviderSaysItIsSafe() {
        HashComputed document = document("lost");
        signing().sign(List.of(document));
        int calls = signer.calls().size();
        // What a crash between the call and the RETURNED entry leaves: only STARTED.
        ledger.latest.put(document.documentId(), ledger.written.get(0));

        SigningOutcome outcome = signing().sign(List.of(document)).get(0);

        assertThat(signer.calls()).hasSize(calls);
        assertThat(outcome).isInstanceOf(SigningOutcome.Failed.class);
        assertThat(((SigningOutcome.Failed) outcome).reason()).isEqualTo(FailureReason.INTERNAL_ERROR);
    }

    @Test
    void aStartedSessionIsResumedWithoutAskingTheServiceAgain() {
        HashComputed document = document("session");
        SigningOutcome.Signed first =
                (SigningOutcome.Signed) signing().sign(List.of(document)).get(0);
        int calls = signer.calls().size();
        ledger.latest.put(document.documentId(), ledger.written.get(0).withSession("session-1", clock.instant()));

        SigningOutcome outcome = signing().sign(List.of(document)).get(0);

        assertThat(signer.calls()).hasSize(calls);
        assertThat(outcome).isInstanceOf(SigningOutcome.Requested.class);
        SigningOutcome.Requested resumed = (SigningOutcome.Requested) outcome;
        assertThat(resumed.session().sessionId()).isEqualTo("session-1");
        assertThat(resumed.dataToSignDigest()).isEqualTo(first.dataToSignDigest());
    }

    @Test
    void anEntryOfAnotherAttemptIsNotThisDeliverys() {
        HashComputed document = document("attempt");
        signing().sign(List.of(document));
        int calls = signer.calls().size();

        signing().signOrWait(List.of(document), d -> 1);

        assertThat(signer.calls()).hasSize(calls + 1);
        assertThat(ledger.latest.get(document.documentId()).attempt()).isEqualTo(1);
    }

    private BatchSigning signing() {
        return new BatchSigning(signer, new DataToSign(), clock, new SimpleMeterRegistry(), ledger);
    }

    private static HashComputed document(String name) {
        HashComputed sample = SampleEvents.hashComputed("doc-" + name, Provider.CSC);
        return new HashComputed(
                sample.schemaVersion(),
                sample.documentId(),
                sample.batchId(),
                sample.tenantId(),
                sample.clientReference(),
                new SignerRef(Provider.CSC, TestOnlySigner.SEAL),
                sample.format(),
                sample.level(),
                sample.digestAlgorithm(),
                sample.files(),
                sample.manifest(),
                sample.computedAt());
    }
}
