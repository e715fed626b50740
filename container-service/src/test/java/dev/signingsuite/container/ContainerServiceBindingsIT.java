package dev.signingsuite.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.signingsuite.container.assembly.ContainerNameRefused;
import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.Lane;
import dev.signingsuite.events.SignatureAugmented;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.Topics;
import dev.signingsuite.events.kafka.EventSerializer;
import dev.signingsuite.messaging.RoutedStage;
import dev.signingsuite.signature.AsicLayout;
import dev.signingsuite.testsupport.KafkaTestClients;
import dev.signingsuite.testsupport.StageBindingContract;
import dev.signingsuite.testsupport.TopicRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;

@TestPropertySource(properties = "spring.config.name=" + ContainerServiceApplication.CONFIG_NAME)
class ContainerServiceBindingsIT extends StageBindingContract {

    // Started before the Spring context, which reads its trust anchors and blob root.
    private static final Path DIR = tempDir();
    private static final ContainerFixtures FIXTURES = start(DIR);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BINDING = "signatureAugmented-in-0";

    @Value("${spring.embedded.kafka.brokers}")
    private String brokers;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private BindingsLifecycleController bindings;

    @DynamicPropertySource
    static void containerProperties(DynamicPropertyRegistry registry) {
        registry.add("signing.blob-store.root", () -> FIXTURES.blobRoot().toString());
        registry.add(
                "signing.container.trust-anchors", () -> FIXTURES.trustAnchors().toString());
        registry.add("signing.container.work-dir", () -> DIR.resolve("work").toString());
    }

    @AfterAll
    static void stopSandbox() {
        FIXTURES.close();
        FileSystemUtils.deleteRecursively(DIR.toFile());
    }

    @Override
    protected String inputTopic() {
        return TOPICS.signatureAugmented().name();
    }

    @Override
    protected String outputTopic() {
        return TOPICS.containerAssembled().name();
    }

    @Override
    protected String consumerGroup() {
        return "container-service";
    }

    @Override
    protected Object sampleInput(String reference) {
        return FIXTURES.signedDocument(reference, "invoice-" + reference + ".pdf");
    }

    @Override
    protected void assertAnswer(Object input, byte[] answer) {
        SignatureAugmented augmented = (SignatureAugmented) input;
        ContainerAssembled assembled = EventJson.read(answer, ContainerAssembled.class);
        assertThat(assembled.documentId()).isEqualTo(augmented.documentId());
        assertThat(assembled.files()).isEqualTo(augmented.files());
        assertThat(assembled.containerName()).isEqualTo(augmented.files().get(0).name() + ".asice");
        assertThat(assembled.validation().indication()).isEqualTo("TOTAL_PASSED");
        assertThat(assembled.validation().level()).isEqualTo(SignatureLevel.LT);
        assertThat(assembled.validation().signedBy()).isEqualTo("Sandbox Invoicing SIA");
        try {
            Path copy = Files.createTempFile(DIR, "stored-", ".asice");
            try (InputStream in = FIXTURES.blobs().open(assembled.container())) {
                Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            try (ZipFile zip = new ZipFile(copy.toFile())) {
                assertThat(zip.stream().map(ZipEntry::getName))
                        .containsExactly(
                                AsicLayout.MIMETYPE_ENTRY,
                                augmented.files().get(0).name(),
                                AsicLayout.MANIFEST_ENTRY,
                                AsicLayout.SIGNATURE_ENTRY);
                try (InputStream signature = zip.getInputStream(zip.getEntry(AsicLayout.SIGNATURE_ENTRY))) {
                    assertThat(signature.readAllBytes())
                            .isEqualTo(augmented.signature().content());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void documentsThatArriveTogetherAreAnsweredInOneTransaction() throws Exception {
        assertAPollCommitsInOneTransaction();
    }

    @Test
    void aSmartIdDocumentIsPackagedWhileABulkBacklogWaits() {
        assertInteractiveWorkPassesABulkBacklog(
                () -> bindings.changeState(BINDING, BindingsLifecycleController.State.STOPPED),
                () -> bindings.changeState(BINDING, BindingsLifecycleController.State.STARTED),
                TOPICS.signatureAugmented(Lane.INTERACTIVE).name(),
                this::sampleInput,
                TOPICS.containerAssembled().name());
    }

    @Test
    void theSameSignatureAugmentedTwiceGivesOneContainerAlsoAfterARestart() {
        SignatureAugmented augmented = FIXTURES.signedDocument("dup-" + UUID.randomUUID(), "invoice.pdf");
        try (TopicRecorder recorder =
                TopicRecorder.open(brokers, List.of(TOPICS.containerAssembled().name()))) {
            send(augmented);
            send(augmented);

            recorder.await(
                    TOPICS.containerAssembled().name(),
                    r -> augmented.documentId().equals(r.key()),
                    WAIT);
            await().atMost(WAIT).until(() -> duplicates(meters) == 1.0);
            assertThat(recorder.seen(TOPICS.containerAssembled().name()))
                    .filteredOn(r -> augmented.documentId().equals(r.key()))
                    .hasSize(1);

            // The stage restarted: a new context on the same broker reads its ledger back.
            bindings.changeState(BINDING, BindingsLifecycleController.State.STOPPED);
            try (ConfigurableApplicationContext restarted = ContainerServiceApplication.builder()
                    .run(
                            "--spring.cloud.stream.kafka.binder.brokers=" + brokers,
                            "--server.port=0",
                            "--signing.blob-store.root=" + FIXTURES.blobRoot(),
                            "--signing.container.trust-anchors=" + FIXTURES.trustAnchors(),
                            "--signing.container.work-dir=" + DIR.resolve("work-restarted"),
                            "--logging.level.kafka=WARN",
                            "--logging.level.org.apache.kafka=WARN")) {
                send(augmented);
                MeterRegistry restartedMeters = restarted.getBean(MeterRegistry.class);
                await().atMost(WAIT).until(() -> duplicates(restartedMeters) == 1.0);
            } finally {
                bindings.changeState(BINDING, BindingsLifecycleController.State.STARTED);
            }
            assertThat(recorder.seen(TOPICS.containerAssembled().name()))
                    .filteredOn(r -> augmented.documentId().equals(r.key()))
                    .hasSize(1);
        }
    }

    @Test
    void aNameNoContainerCanCarryEndsTheDocumentFailedAndTheRecordDeadLettered() {
        // Intake allowed 255 bytes; "<name>.asice" needs 256 here.
        SignatureAugmented augmented = FIXTURES.signedDocument("long-" + UUID.randomUUID(), "n".repeat(247) + ".pdf");
        String deadLetters = Topics.deadLetter(TOPICS.signatureAugmented().name(), "container-service");
        try (TopicRecorder recorder = TopicRecorder.open(
                brokers,
                List.of(
                        TOPICS.documentFailed().name(),
                        deadLetters,
                        TOPICS.containerAssembled().name()))) {
            send(augmented);

            ConsumerRecord<String, byte[]> failed = recorder.await(
                    TOPICS.documentFailed().name(), r -> augmented.documentId().equals(r.key()), WAIT);
            DocumentFailed failure = EventJson.read(failed.value(), DocumentFailed.class);
            assertThat(failure.stage()).isEqualTo(FailureStage.CONTAINER);
            assertThat(failure.reason()).isEqualTo(FailureReason.INVALID_FILE_NAME);
            ConsumerRecord<String, byte[]> dead =
                    recorder.await(deadLetters, r -> augmented.documentId().equals(r.key()), WAIT);
            assertThat(EventJson.read(dead.value(), SignatureAugmented.class))
                    .usingRecursiveComparison()
                    .isEqualTo(augmented);
            assertThat(TopicRecorder.header(dead, "x-original-topic"))
                    .contains(TOPICS.signatureAugmented().name());
            assertThat(TopicRecorder.header(dead, "x-exception-fqcn")).contains(ContainerNameRefused.class.getName());
            assertThat(TopicRecorder.header(dead, "x-exception-message"))
                    .hasValueSatisfying(m -> assertThat(m).contains("255 UTF-8 bytes"));
            assertThat(dead.headers().lastHeader("x-original-offset").value()).hasSize(Long.BYTES);
            assertThat(recorder.seen(TOPICS.containerAssembled().name()))
                    .noneMatch(r -> augmented.documentId().equals(r.key()));
        }
    }

    @Test
    void whatAnAbortedTransactionWroteNeverReachesTheStageAndItsOwnOutputIsTransactional() throws Exception {
        SignatureAugmented aborted = FIXTURES.signedDocument("aborted-" + UUID.randomUUID(), "a.pdf");
        SignatureAugmented committed = FIXTURES.signedDocument("committed-" + UUID.randomUUID(), "c.pdf");
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                "upstream-" + UUID.randomUUID());
        try (TopicRecorder recorder = TopicRecorder.open(
                        brokers,
                        List.of(
                                TOPICS.containerAssembled().name(),
                                TOPICS.documentFailed().name()));
                KafkaProducer<String, Object> upstream =
                        new KafkaProducer<>(config, new StringSerializer(), new EventSerializer())) {
            upstream.initTransactions();
            upstream.beginTransaction();
            upstream.send(new ProducerRecord<>(TOPICS.signatureAugmented().name(), aborted.documentId(), aborted));
            upstream.flush();
            upstream.abortTransaction();
            upstream.beginTransaction();
            upstream.send(new ProducerRecord<>(TOPICS.signatureAugmented().name(), committed.documentId(), committed));
            upstream.commitTransaction();

            recorder.await(
                    TOPICS.containerAssembled().name(),
                    r -> committed.documentId().equals(r.key()),
                    WAIT);
            assertThat(recorder.seen(TOPICS.containerAssembled().name()))
                    .noneMatch(r -> aborted.documentId().equals(r.key()));
            assertThat(recorder.seen(TOPICS.documentFailed().name()))
                    .noneMatch(r -> aborted.documentId().equals(r.key()));
        }
        try (Admin admin = KafkaTestClients.admin(brokers)) {
            assertThat(admin.listTransactions().all().get(30, TimeUnit.SECONDS))
                    .extracting(TransactionListing::transactionalId)
                    .anyMatch(id -> id.startsWith("container-service-"));
        }
    }

    private void send(SignatureAugmented augmented) {
        try (KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(brokers)) {
            producer.send(new ProducerRecord<>(TOPICS.signatureAugmented().name(), augmented.documentId(), augmented));
        }
    }

    private static double duplicates(MeterRegistry registry) {
        return registry.get("signing.documents")
                .tags("stage", "container", "outcome", RoutedStage.DUPLICATE)
                .counter()
                .count();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("container-service-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ContainerFixtures start(Path dir) {
        try {
            return ContainerFixtures.start(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
