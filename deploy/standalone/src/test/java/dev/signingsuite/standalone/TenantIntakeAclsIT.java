package dev.signingsuite.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.events.Topics;
import java.nio.file.Path;
import java.time.Duration;
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
 * The tenants' intake on the multi-process layout's cluster ({@code --processes}): Kafka nodes in
 * processes of their own, with the back offices' SCRAM listener and the ACLs the layout sets
 * (ADR 17). Only the cluster is started (no services), so this costs seconds; that a tenant's own
 * record is then signed is PipelineEndToEndIT's, on the same broker configuration and gateway
 * binding.
 */
class TenantIntakeAclsIT {

    @TempDir
    Path work;

    @Test
    void aTenantWritesItsOwnIntakeTopicAndIsRefusedAnothersByTheClusterNodes() throws Exception {
        String demoPassword = "demo-" + UUID.randomUUID();
        String globexPassword = "globex-" + UUID.randomUUID();
        try (ConfigurableApplicationContext settings = ProcessCommands.settings(SuiteArguments.onFreePorts(
                        work.resolve("data"),
                        "--standalone.processes.brokers=1",
                        "--standalone.processes.s3=false",
                        "--standalone.kafka.tenants.demo=" + demoPassword,
                        "--standalone.kafka.tenants.globex=" + globexPassword));
                ProcessSuite suite = ProcessSuite.start(settings.getBean(StandaloneProperties.class), Map.of())) {
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
                long offset = demo.send(new ProducerRecord<>(demoTopic, record))
                        .get(30, TimeUnit.SECONDS)
                        .offset();
                assertThat(offset).isZero();
            }
            // The gateway's side of the listener (no authentication, loopback only) reads what demo wrote.
            try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            suite.bootstrapServers(),
                            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                            "earliest"),
                    new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = reader.partitionsFor(demoTopic).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
                reader.assign(partitions);
                reader.seekToBeginning(partitions);
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                int read = 0;
                while (read == 0 && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> ignored : reader.poll(Duration.ofMillis(200))) {
                        read++;
                    }
                }
                assertThat(read).isEqualTo(1);
            }
        }
    }
}
