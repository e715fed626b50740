package dev.signingsuite.provider.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.BatchCancelled;
import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignatureRequested;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.signature.AsicManifests;
import dev.signingsuite.testclock.TestClock;
import dev.signingsuite.testsupport.KafkaTestClients;
import eu.europa.esig.dss.model.x509.CertificateToken;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The runtime contract, passed by a provider that implements nothing but the port. */
@TestPropertySource(properties = "spring.config.name=" + TestOnlyProvider.CONFIG_NAME)
class TestOnlyProviderIT extends RemoteSignerContract {

    @Autowired
    private TestOnlySigner signer;

    @Override
    protected String inputTopic() {
        return TOPICS.prefix() + ".hash-computed.test-only.v1";
    }

    @Override
    protected String consumerGroup() {
        return "provider-test-only";
    }

    @Override
    protected HashComputed signable(String documentId) {
        return document(documentId, TestOnlySigner.SEAL);
    }

    @Override
    protected HashComputed waiting(String documentId) {
        return document(documentId, TestOnlySigner.PERSON);
    }

    @Override
    protected void release() {
        signer.release();
    }

    @Override
    protected HashComputed answeredWrongly(String documentId) {
        return document(documentId, TestOnlySigner.WRONG_VALUE);
    }

    @Override
    protected CertificateToken certificate() {
        return signer.resolve(signable("any")) instanceof Resolution.Sign sign
                ? sign.signer().certificate()
                : null;
    }

    @Override
    protected int maxBatchSize() {
        return TestOnlySigner.MAX_BATCH_SIZE;
    }

    @Override
    protected List<Integer> callSizes() {
        return signer.calls();
    }

    /**
     * ADR 31 on a real broker: of a batch with a document already signed, one waiting for a person
     * and two not signed yet, the signed one keeps its signature, the others end CANCELLED, each
     * document with exactly one outcome; another batch is signed as ever.
     */
    @Test
    void aCancelledBatchFailsWhatIsNotSignedOnceAndKeepsWhatIsSigned() throws Exception {
        String batch = "cancelled-" + UUID.randomUUID();
        HashComputed signed = document("signed-" + UUID.randomUUID(), TestOnlySigner.SEAL, batch);
        HashComputed waiting = document("waiting-" + UUID.randomUUID(), TestOnlySigner.ABSENT_PERSON, batch);
        // Signed before the waiting one comes: a poll is handed back from its first waiting record on,
        // whatever the partitions, so a record polled behind it would wait with it.
        send(List.of(signed), 0);
        recorder.await(returned(), r -> signed.documentId().equals(r.key()), WAIT);
        send(List.of(waiting), 1);
        recorder.await(
                requested(),
                r -> waiting.documentId().equals(r.key())
                        && EventJson.read(r.value(), SignatureRequested.class).awaitsPerson(),
                WAIT);

        try (KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(brokers())) {
            BatchCancelled cancel = new BatchCancelled(BatchCancelled.SCHEMA_VERSION, "demo", batch, TestClock.now());
            producer.send(new ProducerRecord<>(TOPICS.batchCancelled().name(), cancel.key(), cancel))
                    .get();
        }
        List<HashComputed> unsigned = List.of(
                document("unsigned-1-" + UUID.randomUUID(), TestOnlySigner.SEAL, batch),
                document("unsigned-2-" + UUID.randomUUID(), TestOnlySigner.SEAL, batch));
        HashComputed otherBatch = document("other-" + UUID.randomUUID(), TestOnlySigner.SEAL, "batch-1");
        send(List.of(unsigned.get(0), unsigned.get(1), otherBatch), 2);

        List<HashComputed> cancelled = List.of(waiting, unsigned.get(0), unsigned.get(1));
        for (HashComputed document : cancelled) {
            DocumentFailed failure = EventJson.read(
                    recorder.await(failed(), r -> document.documentId().equals(r.key()), WAIT)
                            .value(),
                    DocumentFailed.class);
            assertThat(failure.reason()).isEqualTo(FailureReason.CANCELLED);
            assertThat(failure.message()).contains(batch);
        }
        recorder.await(returned(), r -> otherBatch.documentId().equals(r.key()), WAIT);
        // A negative claim over a recheck (1 s): the failed waiting record does not come again.
        Thread.sleep(1_500);
        for (HashComputed document : List.of(signed, waiting, unsigned.get(0), unsigned.get(1), otherBatch)) {
            long outcomes = java.util.stream.Stream.of(returned(), failed())
                    .flatMap(topic -> recorder.seen(topic).stream())
                    .filter(r -> document.documentId().equals(r.key()))
                    .count();
            assertThat(outcomes).as("outcomes of %s", document.documentId()).isEqualTo(1);
        }
        assertThat(recorder.seen(failed())).extracting(ConsumerRecord::key).doesNotContain(signed.documentId());
    }

    /** A HashComputed as hash-service writes it: a real ASiC manifest over a fake blob. */
    private static HashComputed document(String documentId, String identity) {
        return document(documentId, identity, "batch-1");
    }

    private static HashComputed document(String documentId, String identity, String batchId) {
        String sha256 = sha256Hex("content of " + documentId);
        List<DataFile> files = List.of(new DataFile(
                "invoice-" + documentId + ".pdf", new BlobRef("fs:demo/" + sha256, 1234, "application/pdf", sha256)));
        return new HashComputed(
                HashComputed.SCHEMA_VERSION,
                documentId,
                batchId,
                "demo",
                "ref-" + documentId,
                new SignerRef(Provider.CSC, identity),
                SignatureFormat.ASIC_E_CADES,
                SignatureLevel.LT,
                "SHA256",
                files,
                AsicManifests.forFiles(files),
                Instant.parse("2026-11-23T08:00:00Z"));
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
