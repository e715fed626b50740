package dev.signingsuite.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.ContentObject;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.DocumentSubmitted;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.Lane;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.events.SigningHeaders;
import dev.signingsuite.events.Topics;
import dev.signingsuite.events.ValidationSummary;
import dev.signingsuite.gateway.intake.IntakeAcceptor;
import dev.signingsuite.testclock.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The tenants' intake on the multi-process layout ({@code --processes}): a Kafka node, the S3 server
 * and the gateway in processes of their own, with the back offices' SCRAM listener and the ACLs the
 * layout sets (ADR 17). Only the gateway of the services runs: that a tenant's own record is then
 * signed is PipelineEndToEndIT's, on the same broker configuration and gateway binding.
 */
class TenantIntakeAclsIT {

    @TempDir
    static Path work;

    private static final String DEMO_PASSWORD = "demo-" + UUID.randomUUID();
    private static final String GLOBEX_PASSWORD = "globex-" + UUID.randomUUID();
    private static ConfigurableApplicationContext settings;
    private static ProcessSuite suite;

    @BeforeAll
    static void startTheLayout() throws Exception {
        settings = ProcessCommands.settings(SuiteArguments.onFreePorts(
                work.resolve("data"),
                "--standalone.processes.brokers=1",
                "--standalone.services.log-level=WARN",
                "--standalone.kafka.tenants.demo=" + DEMO_PASSWORD,
                "--standalone.kafka.tenants.globex=" + GLOBEX_PASSWORD));
        suite = ProcessSuite.start(settings.getBean(StandaloneProperties.class), Map.of("gateway", 1));
    }

    @AfterAll
    static void stopTheLayout() {
        try (ConfigurableApplicationContext closedLast = settings) {
            if (suite != null) {
                suite.close();
            }
        }
    }

    @Test
    void aTenantIsRefusedAnothersIntakeAndTheGatewayAcceptsItsOwnRecordFromTheLayoutsBucket() throws Exception {
        String demoPassword = DEMO_PASSWORD;
        String globexPassword = GLOBEX_PASSWORD;
        String tenants = suite.tenantBootstrapServers().orElseThrow();
        String demoTopic = TenantIntakes.topicOf("demo");
        byte[] record = "{\"tenantId\":\"demo\"}".getBytes(UTF_8);

        try (KafkaProducer<byte[], byte[]> globex = TenantProducers.of(tenants, "globex", globexPassword);
                KafkaProducer<byte[], byte[]> demo = TenantProducers.of(tenants, "demo", demoPassword)) {
            for (String topic : List.of(
                    demoTopic,
                    Topics.defaults().intake().name(),
                    TenantIntakes.topicOf("demo", Lane.INTERACTIVE),
                    Topics.defaults().intake(Lane.INTERACTIVE).name())) {
                assertThatThrownBy(() ->
                                globex.send(new ProducerRecord<>(topic, record)).get(30, TimeUnit.SECONDS))
                        .as(topic)
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
            }
            // A document the back office put in its folder of the layout's back-office bucket
            // (S3Proxy keeps objects as files), named from its own topic.
            byte[] pdf = "%PDF-1.7 from the back office's bucket".getBytes(UTF_8);
            String reference = "own-" + UUID.randomUUID();
            Path object = work.resolve("data/s3/" + LayoutStorage.BACK_OFFICE_BUCKET + "/demo/" + reference + ".pdf");
            Files.createDirectories(object.getParent());
            Files.write(object, pdf);
            DocumentSubmitted submitted = new DocumentSubmitted(
                    DocumentSubmitted.SCHEMA_VERSION,
                    "demo",
                    reference,
                    null,
                    reference + ".pdf",
                    "application/pdf",
                    null,
                    new SignerRef(Provider.CSC, "sandbox-seal"),
                    SignatureFormat.ASIC_E_CADES,
                    SignatureLevel.B,
                    new ContentObject(
                            "s3://" + LayoutStorage.BACK_OFFICE_BUCKET + "/demo/" + reference + ".pdf",
                            HexFormat.of()
                                    .formatHex(
                                            MessageDigest.getInstance("SHA-256").digest(pdf))));
            demo.send(new ProducerRecord<>(demoTopic, EventJson.write(submitted)))
                    .get(30, TimeUnit.SECONDS);

            ConsumerRecord<byte[], byte[]> received = awaitKey(
                    suite.bootstrapServers(),
                    Topics.defaults().documentReceived().name(),
                    IntakeAcceptor.documentIdFor("demo", reference));
            assertThat(EventJson.read(received.value(), DocumentReceived.class).files())
                    .singleElement()
                    .satisfies(file -> assertThat(file.blob().size()).isEqualTo(pdf.length));

            // A person's document on the tenant's own interactive intake (ADR 16) enters that lane.
            String personal = "person-" + UUID.randomUUID();
            DocumentSubmitted forAPerson = new DocumentSubmitted(
                    DocumentSubmitted.SCHEMA_VERSION,
                    "demo",
                    personal,
                    null,
                    personal + ".pdf",
                    "application/pdf",
                    pdf,
                    new SignerRef(Provider.SMARTID, "PNOEE-40504040001"),
                    SignatureFormat.ASIC_E_CADES,
                    SignatureLevel.B);
            demo.send(new ProducerRecord<>(
                            TenantIntakes.topicOf("demo", Lane.INTERACTIVE), EventJson.write(forAPerson)))
                    .get(30, TimeUnit.SECONDS);
            awaitKey(
                    suite.bootstrapServers(),
                    Topics.defaults().documentReceived(Lane.INTERACTIVE).name(),
                    IntakeAcceptor.documentIdFor("demo", personal));
        }
    }

    /**
     * ADR 23: the gateway copies each tenant's outcomes to its own topic, once, with the record's
     * headers; the tenant reads it in groups of its own, and is refused another tenant's outcome
     * topic, the shared outcome topics and another tenant's groups.
     */
    @Test
    void aTenantReadsItsOwnOutcomesAndIsRefusedAnyOtherTenantsOrTheSharedTopics() throws Exception {
        Topics topics = Topics.defaults();
        String demoAssembled = "assembled-" + UUID.randomUUID();
        String demoFailed = "failed-" + UUID.randomUUID();
        String globexFailed = "globex-" + UUID.randomUUID();
        Map<String, byte[]> written = new java.util.HashMap<>();
        try (KafkaProducer<byte[], byte[]> stages = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            written.put(demoAssembled, EventJson.write(assembled("demo", demoAssembled)));
            written.put(demoFailed, EventJson.write(failed("demo", demoFailed)));
            written.put(globexFailed, EventJson.write(failed("globex", globexFailed)));
            for (Map.Entry<String, byte[]> outcome : written.entrySet()) {
                String topic = outcome.getKey().startsWith("assembled-")
                        ? topics.containerAssembled().name()
                        : topics.documentFailed().name();
                ProducerRecord<byte[], byte[]> record =
                        new ProducerRecord<>(topic, outcome.getKey().getBytes(UTF_8), outcome.getValue());
                record.headers().add(SigningHeaders.ATTEMPT, "1".getBytes(UTF_8));
                stages.send(record).get(30, TimeUnit.SECONDS);
            }
        }
        String tenants = suite.tenantBootstrapServers().orElseThrow();

        // The copies: demo's two outcomes, each once, bytes and headers unchanged; not globex's.
        Map<String, Integer> seen = new java.util.HashMap<>();
        try (KafkaConsumer<byte[], byte[]> demo = tenantConsumer(tenants, "demo", DEMO_PASSWORD, "demo.back-office")) {
            demo.subscribe(List.of(TenantIntakes.outcomesOf("demo")));
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<byte[], byte[]> copy : demo.poll(Duration.ofMillis(200))) {
                    String key = new String(copy.key(), UTF_8);
                    seen.merge(key, 1, Integer::sum);
                    assertThat(copy.value()).as(key).isEqualTo(written.get(key));
                    assertThat(copy.headers().lastHeader(SigningHeaders.ATTEMPT).value())
                            .isEqualTo("1".getBytes(UTF_8));
                }
                if (quietUntil == Long.MAX_VALUE && seen.keySet().containsAll(List.of(demoAssembled, demoFailed))) {
                    // A second copy would follow within the same transactions: read on a little.
                    quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
            }
        }
        assertThat(seen).containsOnlyKeys(demoAssembled, demoFailed).containsValues(1, 1);

        for (String topic : List.of(
                TenantIntakes.outcomesOf("globex"),
                topics.containerAssembled().name(),
                topics.documentFailed().name())) {
            try (KafkaConsumer<byte[], byte[]> demo = tenantConsumer(tenants, "demo", DEMO_PASSWORD, null)) {
                demo.assign(List.of(new TopicPartition(topic, 0)));
                assertThatThrownBy(() -> demo.poll(Duration.ofSeconds(10)))
                        .as(topic)
                        .isInstanceOf(TopicAuthorizationException.class);
            }
        }
        try (KafkaConsumer<byte[], byte[]> demo =
                tenantConsumer(tenants, "demo", DEMO_PASSWORD, "globex.back-office")) {
            demo.subscribe(List.of(TenantIntakes.outcomesOf("demo")));
            assertThatThrownBy(() -> demo.poll(Duration.ofSeconds(10))).isInstanceOf(GroupAuthorizationException.class);
        }
    }

    private static ContainerAssembled assembled(String tenant, String documentId) {
        String sha256 = "ab".repeat(32);
        return new ContainerAssembled(
                ContainerAssembled.SCHEMA_VERSION,
                documentId,
                "batch-" + documentId,
                tenant,
                "ref-" + documentId,
                new BlobRef("fs:" + tenant + "/" + sha256, 10, "application/vnd.etsi.asic-e+zip", sha256),
                "invoice.pdf.asice",
                List.of(new DataFile(
                        "invoice.pdf", new BlobRef("fs:" + tenant + "/" + sha256, 10, "application/pdf", sha256))),
                new ValidationSummary("TOTAL_PASSED", null, TestClock.now(), "sandbox-seal", SignatureLevel.B),
                TestClock.now());
    }

    private static DocumentFailed failed(String tenant, String documentId) {
        return new DocumentFailed(
                DocumentFailed.SCHEMA_VERSION,
                documentId,
                "batch-" + documentId,
                tenant,
                "ref-" + documentId,
                FailureStage.PROVIDER,
                FailureReason.USER_REFUSED,
                "refused",
                TestClock.now());
    }

    private static KafkaConsumer<byte[], byte[]> tenantConsumer(
            String bootstrap, String user, String password, String group) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                "security.protocol",
                "SASL_PLAINTEXT",
                "sasl.mechanism",
                TenantIntakes.MECHANISM.mechanismName(),
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                        + password + "\";"));
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static ConsumerRecord<byte[], byte[]> awaitKey(String bootstrap, String topic, String key) {
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && key.equals(new String(record.key(), UTF_8))) {
                        return record;
                    }
                }
            }
            throw new AssertionError("no record " + key + " on " + topic);
        }
    }
}
