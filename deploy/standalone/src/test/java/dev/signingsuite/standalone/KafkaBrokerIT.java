package dev.signingsuite.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerIT {

    private static final String TOPIC = "signing.document-received.v1";

    @TempDir
    Path dataDir;

    @Test
    void recordWithHeaderSurvivesRestartOnTheSameDataDirectory() throws Exception {
        KafkaBrokerSettings settings = KafkaBrokerSettings.defaults(dataDir).withPort(0);
        RecordMetadata written;
        String clusterId;
        try (KafkaBroker broker = KafkaBroker.start(settings)) {
            clusterId = broker.clusterId();
            try (Admin admin = admin(broker)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1)))
                        .all()
                        .get(10, TimeUnit.SECONDS);
                TopicDescription topic = admin.describeTopics(Set.of(TOPIC))
                        .allTopicNames()
                        .get()
                        .get(TOPIC);
                assertThat(topic.partitions()).hasSize(3);
            }
            try (KafkaProducer<String, String> producer = producer(broker)) {
                ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, "doc-1", "<xml/>");
                record.headers().add("document.id", "doc-1".getBytes(StandardCharsets.UTF_8));
                written = sendOnceLeadersAreElected(producer, record);
            }
            assertReadBack(broker, written);

            // A second broker on the same directory would join the metadata quorum as node 1 too.
            assertThatThrownBy(() -> KafkaBroker.start(settings))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another running standalone");
        }

        // A new server object on the same directory: same cluster, same log.
        try (KafkaBroker restarted = KafkaBroker.start(settings)) {
            assertThat(restarted.clusterId()).isEqualTo(clusterId);
            assertReadBack(restarted, written);
        }
    }

    @Test
    void takenPortFailsWithAMessageNamingTheSetting() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            KafkaBrokerSettings settings = KafkaBrokerSettings.defaults(dataDir).withPort(squatter.getLocalPort());
            assertThatThrownBy(() -> KafkaBroker.start(settings))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("already in use")
                    .hasMessageContaining("standalone.kafka.port");
        }
    }

    /**
     * A topic exists in the metadata a moment before its partitions are hosted; on a busy machine
     * the first send can meet that window, which the producer reports rather than retries.
     */
    private static RecordMetadata sendOnceLeadersAreElected(
            KafkaProducer<String, String> producer, ProducerRecord<String, String> record) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                return producer.send(record).get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static void assertReadBack(KafkaBroker broker, RecordMetadata written) {
        TopicPartition partition = new TopicPartition(written.topic(), written.partition());
        try (KafkaConsumer<String, String> consumer = consumer(broker)) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, written.offset());
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                records = consumer.poll(Duration.ofMillis(200));
            }
            assertThat(records.count()).isEqualTo(1);
            ConsumerRecord<String, String> record = records.iterator().next();
            assertThat(record.key()).isEqualTo("doc-1");
            assertThat(record.value()).isEqualTo("<xml/>");
            assertThat(new String(record.headers().lastHeader("document.id").value(), StandardCharsets.UTF_8))
                    .isEqualTo("doc-1");
        }
    }

    private static Admin admin(KafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static KafkaProducer<String, String> producer(KafkaBroker broker) {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(KafkaBroker broker) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer());
    }
}
