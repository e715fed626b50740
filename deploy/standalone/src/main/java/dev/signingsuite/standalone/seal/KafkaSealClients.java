package dev.signingsuite.standalone.seal;

import dev.signingsuite.events.kafka.EventDeserializer;
import dev.signingsuite.events.kafka.EventSerializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain kafka-clients with the suite's serde, as a back-office integration would use them. */
public final class KafkaSealClients implements Sealer.SealClients {

    private static final java.util.concurrent.atomic.AtomicInteger PRODUCERS =
            new java.util.concurrent.atomic.AtomicInteger();

    private final String bootstrapServers;
    private final int partitions;
    private final int maxRequestBytes;

    public KafkaSealClients(String bootstrapServers, int partitions, int maxRequestBytes) {
        this.bootstrapServers = bootstrapServers;
        this.partitions = partitions;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public KafkaProducer<String, Object> intakeProducer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        // Named, so that bench can tell its own client's thread from the suite's.
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "seal-intake-" + PRODUCERS.incrementAndGet(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                        maxRequestBytes,
                        EventSerializer.SOURCE_CONFIG,
                        "/signing-suite/seal"),
                new StringSerializer(),
                new EventSerializer());
    }

    @Override
    public KafkaConsumer<String, Object> outcomeConsumer(List<String> topics) {
        createMissing(topics);
        KafkaConsumer<String, Object> consumer = committedEvents(bootstrapServers);
        List<TopicPartition> assigned = partitionsOf(consumer, topics);
        consumer.assign(assigned);
        consumer.seekToEnd(assigned);
        // seekToEnd is lazy: fix the positions before the first document is submitted.
        assigned.forEach(consumer::position);
        return consumer;
    }

    /** A consumer of the suite's events that sees only committed records and commits nothing. */
    public static KafkaConsumer<String, Object> committedEvents(String bootstrapServers) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new EventDeserializer());
    }

    /** Every partition of the topics, to assign rather than subscribe (no group, no rebalance). */
    public static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, List<String> topics) {
        return topics.stream()
                .flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream())
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
    }

    /**
     * The terminal topics may not exist yet on a fresh broker; make them as the services would, with
     * the cluster's default replication factor.
     */
    private void createMissing(List<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
                            .all()
                            .get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create " + topic, e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
