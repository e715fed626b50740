package dev.signingsuite.hash;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.blobstore.FileSystemBlobStore;
import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Lane;
import dev.signingsuite.events.Provider;
import dev.signingsuite.testsupport.KafkaTestClients;
import dev.signingsuite.testsupport.SampleEvents;
import dev.signingsuite.testsupport.StageBindingContract;
import dev.signingsuite.testsupport.TopicRecorder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(
        properties = {
            "spring.config.name=" + HashServiceApplication.CONFIG_NAME,
            "signing.blob-store.root=" + HashServiceBindingsIT.BLOB_ROOT
        })
class HashServiceBindingsIT extends StageBindingContract {

    static final String BLOB_ROOT = "target/it-blobs";

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private BindingsLifecycleController bindings;

    @Override
    protected String inputTopic() {
        return TOPICS.documentReceived().name();
    }

    @Override
    protected String outputTopic() {
        return TOPICS.hashComputed(Provider.CSC).name();
    }

    @Override
    protected String consumerGroup() {
        return "hash-service";
    }

    /** As the gateway does: the bytes go into the blob store, the event carries the reference. */
    @Override
    protected Object sampleInput(String reference) {
        byte[] content = content(reference);
        return SampleEvents.received(
                reference,
                Provider.CSC,
                List.of(new DataFile("invoice-" + reference + ".pdf", store(SampleEvents.TENANT, content))));
    }

    @Override
    protected void assertAnswer(Object input, byte[] answer) {
        DocumentReceived received = (DocumentReceived) input;
        HashComputed computed = EventJson.read(answer, HashComputed.class);
        assertThat(computed.documentId()).isEqualTo(received.documentId());
        assertThat(computed.signer()).isEqualTo(received.signer());
        assertThat(computed.digestAlgorithm()).isEqualTo("SHA256");
        assertThat(computed.files()).isEqualTo(received.files());

        DataFile file = received.files().get(0);
        ManifestXml manifest = ManifestXml.parse(computed.manifest().content());
        assertThat(manifest.signatureEntry()).isEqualTo("META-INF/signature001.p7s");
        assertThat(manifest.digests())
                .containsExactly(Map.entry(file.name(), TestBlobs.sha256Base64(content(received.documentId()))));
    }

    @Test
    void documentsThatArriveTogetherAreAnsweredInOneTransaction() throws Exception {
        assertAPollCommitsInOneTransaction();
    }

    @Test
    void aSmartIdDocumentIsHashedWhileABulkBacklogWaits() {
        assertInteractiveWorkPassesABulkBacklog(
                () -> bindings.changeState("documentReceived-in-0", BindingsLifecycleController.State.STOPPED),
                () -> bindings.changeState("documentReceived-in-0", BindingsLifecycleController.State.STARTED),
                TOPICS.documentReceived(Lane.INTERACTIVE).name(),
                reference -> SampleEvents.received(
                        reference,
                        Provider.SMARTID,
                        List.of(new DataFile(
                                "contract-" + reference + ".pdf", store(SampleEvents.TENANT, content(reference))))),
                TOPICS.hashComputed(Provider.SMARTID).name());
    }

    @Test
    void aTamperedBlobEndsAsInvalidDocumentOnTheFailedTopic() {
        String reference = UUID.randomUUID().toString();
        DocumentReceived received = (DocumentReceived) sampleInput(reference);
        BlobRef blob = received.files().get(0).blob();
        byte[] tampered = content(reference);
        tampered[tampered.length - 1] ^= 0x01;
        TestBlobs.overwrite(Path.of(BLOB_ROOT), blob, tampered);

        String failedTopic = TOPICS.documentFailed().name();
        String hashedTopic = outputTopic();
        try (TopicRecorder recorder =
                        TopicRecorder.open(broker.getBrokersAsString(), List.of(failedTopic, hashedTopic));
                KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(broker.getBrokersAsString())) {
            producer.send(new ProducerRecord<>(inputTopic(), received.documentId(), received));

            ConsumerRecord<String, byte[]> record =
                    recorder.await(failedTopic, r -> received.documentId().equals(r.key()), Duration.ofSeconds(30));
            DocumentFailed failed = EventJson.read(record.value(), DocumentFailed.class);
            assertThat(failed.stage()).isEqualTo(FailureStage.HASH);
            assertThat(failed.reason()).isEqualTo(FailureReason.INVALID_DOCUMENT);
            assertThat(failed.message())
                    .contains("not the one received", "has SHA-256 " + TestBlobs.sha256Hex(tampered), blob.sha256());
            assertThat(failed.clientReference()).isEqualTo(received.clientReference());
            assertThat(recorder.seen(hashedTopic))
                    .noneMatch(r -> received.documentId().equals(r.key()));
        }
    }

    private static byte[] content(String reference) {
        return ("%PDF-1.7 invoice " + reference).getBytes(UTF_8);
    }

    private BlobRef store(String tenantId, byte[] content) {
        try {
            BlobStore gatewaysStore = new FileSystemBlobStore(Path.of(BLOB_ROOT));
            return gatewaysStore.put(tenantId, new ByteArrayInputStream(content), "application/pdf", Long.MAX_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
