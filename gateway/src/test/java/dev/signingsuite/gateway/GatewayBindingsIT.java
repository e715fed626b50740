package dev.signingsuite.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.DocumentSubmitted;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.Lane;
import dev.signingsuite.events.Provider;
import dev.signingsuite.gateway.database.TestDatabases;
import dev.signingsuite.gateway.intake.IntakeAcceptor;
import dev.signingsuite.gateway.status.DocumentRecord;
import dev.signingsuite.gateway.status.DocumentStatus;
import dev.signingsuite.gateway.status.StatusStore;
import dev.signingsuite.testsupport.KafkaTestClients;
import dev.signingsuite.testsupport.SampleEvents;
import dev.signingsuite.testsupport.StageBindingContract;
import dev.signingsuite.testsupport.TopicRecorder;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(
        properties = {"spring.config.name=" + GatewayApplication.CONFIG_NAME, "signing.blob-store.root=target/it-blobs"
        })
class GatewayBindingsIT extends StageBindingContract {

    @Autowired
    private BlobStore blobs;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry);
    }

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private StatusStore statuses;

    @Autowired
    private BindingsLifecycleController bindings;

    @Override
    protected String inputTopic() {
        return TOPICS.intake().name();
    }

    @Override
    protected String outputTopic() {
        return TOPICS.documentReceived().name();
    }

    @Override
    protected String consumerGroup() {
        return "gateway";
    }

    @Override
    protected Object sampleInput(String reference) {
        return SampleEvents.submitted(reference, Provider.CSC, "sandbox-seal");
    }

    @Override
    protected String keyOf(Object input) {
        return ((DocumentSubmitted) input).clientReference();
    }

    @Override
    protected String documentIdOf(Object input) {
        DocumentSubmitted submitted = (DocumentSubmitted) input;
        return IntakeAcceptor.documentIdFor(submitted.tenantId(), submitted.clientReference());
    }

    @Override
    protected void assertAnswer(Object input, byte[] answer) {
        DocumentSubmitted submitted = (DocumentSubmitted) input;
        DocumentReceived received = EventJson.read(answer, DocumentReceived.class);
        assertThat(received.clientReference()).isEqualTo(submitted.clientReference());
        assertThat(received.signer()).isEqualTo(submitted.signer());
        assertThat(received.files()).hasSize(1);
        DataFile file = received.files().get(0);
        assertThat(file.name()).isEqualTo(submitted.fileName());
        assertThat(file.blob().size()).isEqualTo(submitted.content().length);
        assertThat(file.blob().sha256()).isEqualTo(sha256Hex(submitted.content()));
        try (InputStream stored = blobs.open(file.blob())) {
            assertThat(stored.readAllBytes()).isEqualTo(submitted.content());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void documentsThatArriveTogetherAreAnsweredInOneTransaction() throws Exception {
        assertAPollCommitsInOneTransaction();
    }

    @Test
    void aPersonsDocumentOnTheInteractiveIntakeIsTakenInWhileABulkBacklogWaits() {
        assertInteractiveWorkPassesABulkBacklog(
                () -> bindings.changeState("intake-in-0", BindingsLifecycleController.State.STOPPED),
                () -> bindings.changeState("intake-in-0", BindingsLifecycleController.State.STARTED),
                TOPICS.intake(Lane.INTERACTIVE).name(),
                reference -> SampleEvents.submitted(reference, Provider.SMARTID, "PNOEE-40504040001"),
                TOPICS.documentReceived(Lane.INTERACTIVE).name());
    }

    @Test
    void aSealOnTheInteractiveIntakeEndsAsDocumentFailedNamingTheBulkIntake() {
        // A signer the tenant may use, but no person signs with it.
        DocumentSubmitted submitted =
                SampleEvents.submitted(UUID.randomUUID().toString(), Provider.CSC, "sandbox-seal");
        DocumentFailed failed = awaitFailed(TOPICS.intake(Lane.INTERACTIVE).name(), submitted);
        assertThat(failed.reason()).isEqualTo(FailureReason.SIGNER_NOT_ALLOWED);
        assertThat(failed.message()).contains("sandbox-seal", "interactive intake", "bulk intake");
        // Its one outcome reaches the tenant's status view like any other.
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> statuses.find(SampleEvents.TENANT, documentIdOf(submitted))
                                .map(DocumentRecord::status),
                        status -> status.equals(Optional.of(DocumentStatus.FAILED)));
    }

    @Test
    void aSignerTheTenantMayNotUseEndsAsDocumentFailed() {
        DocumentSubmitted submitted =
                SampleEvents.submitted(UUID.randomUUID().toString(), Provider.CSC, "another-tenants-seal");
        DocumentFailed failed = awaitFailed(inputTopic(), submitted);
        assertThat(failed.reason()).isEqualTo(FailureReason.SIGNER_NOT_ALLOWED);
        assertThat(failed.message()).contains("another-tenants-seal");
    }

    private DocumentFailed awaitFailed(String intakeTopic, DocumentSubmitted submitted) {
        String failedTopic = TOPICS.documentFailed().name();
        try (TopicRecorder recorder = TopicRecorder.open(broker.getBrokersAsString(), List.of(failedTopic));
                KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(broker.getBrokersAsString())) {
            producer.send(new ProducerRecord<>(intakeTopic, submitted.clientReference(), submitted));

            String documentId = documentIdOf(submitted);
            ConsumerRecord<String, byte[]> record =
                    recorder.await(failedTopic, r -> documentId.equals(r.key()), Duration.ofSeconds(30));
            DocumentFailed failed = EventJson.read(record.value(), DocumentFailed.class);
            assertThat(failed.stage()).isEqualTo(FailureStage.GATEWAY);
            assertThat(failed.clientReference()).isEqualTo(submitted.clientReference());
            return failed;
        }
    }

    @Test
    void documentsFromTheKafkaIntakeAreRecordedInTheStatusStore() {
        DocumentSubmitted submitted =
                SampleEvents.submitted(UUID.randomUUID().toString(), Provider.CSC, "sandbox-seal");
        try (KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(broker.getBrokersAsString())) {
            producer.send(new ProducerRecord<>(inputTopic(), submitted.clientReference(), submitted));
        }

        String documentId = documentIdOf(submitted);
        DocumentRecord document = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> statuses.find(SampleEvents.TENANT, documentId), Optional::isPresent)
                .orElseThrow();
        assertThat(document.status()).isEqualTo(DocumentStatus.RECEIVED);
        assertThat(document.clientReference()).isEqualTo(submitted.clientReference());
        assertThat(document.fileName()).isEqualTo(submitted.fileName());
        assertThat(document.batchId()).isEqualTo(documentId);
    }

    private static String sha256Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
