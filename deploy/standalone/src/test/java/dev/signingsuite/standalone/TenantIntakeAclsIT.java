package dev.signingsuite.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.events.ContentObject;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.DocumentSubmitted;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.events.Topics;
import dev.signingsuite.gateway.intake.IntakeAcceptor;
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
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
    Path work;

    @Test
    void aTenantIsRefusedAnothersIntakeAndTheGatewayAcceptsItsOwnRecordFromTheLayoutsBucket() throws Exception {
        String demoPassword = "demo-" + UUID.randomUUID();
        String globexPassword = "globex-" + UUID.randomUUID();
        try (ConfigurableApplicationContext settings = ProcessCommands.settings(SuiteArguments.onFreePorts(
                        work.resolve("data"),
                        "--standalone.processes.brokers=1",
                        "--standalone.services.log-level=WARN",
                        "--standalone.kafka.tenants.demo=" + demoPassword,
                        "--standalone.kafka.tenants.globex=" + globexPassword));
                ProcessSuite suite =
                        ProcessSuite.start(settings.getBean(StandaloneProperties.class), Map.of("gateway", 1))) {
            String tenants = suite.tenantBootstrapServers().orElseThrow();
            String demoTopic = TenantIntakes.topicOf("demo");
            byte[] record = "{\"tenantId\":\"demo\"}".getBytes(UTF_8);

            try (KafkaProducer<byte[], byte[]> globex = TenantProducers.of(tenants, "globex", globexPassword);
                    KafkaProducer<byte[], byte[]> demo = TenantProducers.of(tenants, "demo", demoPassword)) {
                for (String topic :
                        List.of(demoTopic, Topics.defaults().intake().name())) {
                    assertThatThrownBy(() -> globex.send(new ProducerRecord<>(topic, record))
                                    .get(30, TimeUnit.SECONDS))
                            .as(topic)
                            .hasCauseInstanceOf(TopicAuthorizationException.class);
                }
                // A document the back office put in its folder of the layout's back-office bucket
                // (S3Proxy keeps objects as files), named from its own topic.
                byte[] pdf = "%PDF-1.7 from the back office's bucket".getBytes(UTF_8);
                String reference = "own-" + UUID.randomUUID();
                Path object =
                        work.resolve("data/s3/" + ProcessSuite.BACK_OFFICE_BUCKET + "/demo/" + reference + ".pdf");
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
                                "s3://" + ProcessSuite.BACK_OFFICE_BUCKET + "/demo/" + reference + ".pdf",
                                HexFormat.of()
                                        .formatHex(MessageDigest.getInstance("SHA-256")
                                                .digest(pdf))));
                demo.send(new ProducerRecord<>(demoTopic, EventJson.write(submitted)))
                        .get(30, TimeUnit.SECONDS);

                ConsumerRecord<byte[], byte[]> received = awaitKey(
                        suite.bootstrapServers(),
                        Topics.defaults().documentReceived().name(),
                        IntakeAcceptor.documentIdFor("demo", reference));
                assertThat(EventJson.read(received.value(), DocumentReceived.class)
                                .files())
                        .singleElement()
                        .satisfies(file -> assertThat(file.blob().size()).isEqualTo(pdf.length));
            }
        }
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
