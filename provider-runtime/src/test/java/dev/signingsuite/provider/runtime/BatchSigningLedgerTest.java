package dev.signingsuite.provider.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.events.SigningIntent;
import dev.signingsuite.sandbox.pki.PkiEntity;
import dev.signingsuite.testclock.MutableClock;
import dev.signingsuite.testclock.TestClock;
import dev.signingsuite.testsupport.SampleEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ledger around the remote call, without Kafka: a document that comes again is answered from
 * what was recorded, and the service is not asked a second time.
 */
class BatchSigningLedgerTest {

    private static PkiEntity seal;
    private static TestOnlySigner signer;
    private final MutableClock clock = TestClock.startingAt(Instant.parse("2026-12-01T10:00:00Z"));
    private final MemorySigningIntents ledger = new MemorySigningIntents();

    // One self-signed RSA-2048 seal: the test PKI's 3072-bit root would cost seconds per run.
    @BeforeAll
    static void seal() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=Ledger Test Seal");
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                name,
                                BigInteger.ONE,
                                Date.from(from),
                                Date.from(from.plus(Duration.ofDays(3650))),
                                name,
                                keys.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        seal = new PkiEntity("ledger-test-seal", keys.getPrivate(), certificate, List.of(certificate));
        signer = new TestOnlySigner(seal);
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

    @Test
    void documentsWhoseWaitTheSignerEndsDuringThePollAreSignedInIt() {
        TestOnlySigner settling = new TestOnlySigner(seal);
        List<HashComputed> poll = List.of(document("before"), document("person", TestOnlySigner.PERSON));
        BatchSigning.Result waits =
                new BatchSigning(settling, new DataToSign(), clock, new SimpleMeterRegistry(), ledger).signOrWait(poll);
        assertThat(waits.decided()).isEqualTo(1);
        assertThat(waits.waiting()).extracting(HashComputed::documentId).containsExactly("doc-person");

        settling.releaseWhenAsked();
        BatchSigning.Result settled =
                new BatchSigning(settling, new DataToSign(), clock, new SimpleMeterRegistry(), ledger).signOrWait(poll);

        assertThat(settled.decided()).isEqualTo(2);
        assertThat(settled.waiting()).isEmpty();
        assertThat(settled.outcomes()).allSatisfy(o -> assertThat(o).isInstanceOf(SigningOutcome.Signed.class));
    }

    @Test
    void aServiceFailingOneDocumentsCallDecidesTheDocumentsBeforeItAndHandsBackTheRest() {
        List<HashComputed> poll = List.of(
                document("first"), document("second"), document("away", TestOnlySigner.UNAVAILABLE), document("after"));

        BatchSigning.Result result = signing().signOrWait(poll);

        assertThat(result.decided()).isEqualTo(2);
        assertThat(result.outcomes())
                .extracting(o -> o.document().documentId())
                .containsExactly("doc-first", "doc-second");
        assertThat(result.outcomes()).allSatisfy(o -> assertThat(o).isInstanceOf(SigningOutcome.Signed.class));
        assertThat(result.waiting()).extracting(HashComputed::documentId).containsExactly("doc-away", "doc-after");
        assertThat(result.parked()).isTrue();
        assertThat(result.outage()).contains("HTTP 503 for doc-away");
    }

    @Test
    void aServiceFailingTheFirstDocumentsCallHandsBackTheWholePoll() {
        List<HashComputed> poll = List.of(document("away", TestOnlySigner.UNAVAILABLE), document("after"));

        BatchSigning.Result result = signing().signOrWait(poll);

        assertThat(result.decided()).isZero();
        assertThat(result.outcomes()).isEmpty();
        assertThat(result.waiting()).hasSize(2);
        assertThat(result.parked()).isTrue();
    }

    @Test
    void aFailedCallKeepsTheCallsBeforeItAndItsDocumentsAreSignedOnceWhenThePollComesAgain() {
        TestOnlySigner failing = new TestOnlySigner(seal);
        failing.failCall(2);
        List<HashComputed> poll =
                List.of(document("one"), document("two"), document("three"), document("four"), document("five"));
        BatchSigning signing = new BatchSigning(failing, new DataToSign(), clock, new SimpleMeterRegistry(), ledger);

        BatchSigning.Result first = signing.signOrWait(poll);

        // Chunks of MAX_BATCH_SIZE: the first call of three answered, the second failed.
        assertThat(first.decided()).isEqualTo(TestOnlySigner.MAX_BATCH_SIZE);
        assertThat(first.outcomes())
                .extracting(o -> o.document().documentId())
                .containsExactlyInAnyOrder("doc-one", "doc-two", "doc-three");
        assertThat(first.waiting()).extracting(HashComputed::documentId).containsExactly("doc-four", "doc-five");
        assertThat(first.parked()).isTrue();

        BatchSigning.Result again = signing.signOrWait(poll);

        assertThat(again.decided()).isEqualTo(5);
        assertThat(again.outcomes()).allSatisfy(o -> assertThat(o).isInstanceOf(SigningOutcome.Signed.class));
        // The first three came from the ledger; only the two handed back were signed.
        assertThat(failing.calls()).containsExactly(3, 2);
    }

    private BatchSigning signing() {
        return new BatchSigning(signer, new DataToSign(), clock, new SimpleMeterRegistry(), ledger);
    }

    private static HashComputed document(String name) {
        return document(name, TestOnlySigner.SEAL);
    }

    private static HashComputed document(String name, String identity) {
        HashComputed sample = SampleEvents.hashComputed("doc-" + name, Provider.CSC);
        return new HashComputed(
                sample.schemaVersion(),
                sample.documentId(),
                sample.batchId(),
                sample.tenantId(),
                sample.clientReference(),
                new SignerRef(Provider.CSC, identity),
                sample.format(),
                sample.level(),
                sample.digestAlgorithm(),
                sample.files(),
                sample.manifest(),
                sample.computedAt());
    }
}
