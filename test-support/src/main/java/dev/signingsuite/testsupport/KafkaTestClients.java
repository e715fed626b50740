package dev.signingsuite.testsupport;

import dev.signingsuite.events.kafka.EventSerializer;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain kafka-clients against a real broker, configured the way a back-office producer would be. */
public final class KafkaTestClients {

    private KafkaTestClients() {}

    /** Writes events with the suite's shared serde, which adds the CloudEvents headers. */
    public static KafkaProducer<String, Object> eventProducer(String bootstrapServers) {
        return new KafkaProducer<>(producerConfig(bootstrapServers), new StringSerializer(), new EventSerializer());
    }

    /** Writes bytes in transactions of the test's choosing (a fresh transactional id each). */
    public static KafkaProducer<String, byte[]> transactionalRawProducer(String bootstrapServers) {
        Map<String, Object> config = new java.util.HashMap<>(producerConfig(bootstrapServers));
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-" + java.util.UUID.randomUUID());
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Writes arbitrary bytes: what a broken producer would send. */
    public static KafkaProducer<String, byte[]> rawProducer(String bootstrapServers) {
        return new KafkaProducer<>(producerConfig(bootstrapServers), new StringSerializer(), new ByteArraySerializer());
    }

    public static KafkaConsumer<String, byte[]> rawConsumer(String bootstrapServers) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    /**
     * Fences every transactional producer whose id starts with {@code prefix}, as a broker does to a
     * producer whose transaction it timed out: a producer of the same id initialises, which aborts
     * the open transaction and leaves the old producer with a stale epoch.
     *
     * @return the ids fenced
     */
    public static List<String> fenceProducers(String bootstrapServers, String prefix) throws Exception {
        List<String> fenced = new java.util.ArrayList<>();
        try (Admin admin = admin(bootstrapServers)) {
            for (var listing : admin.listTransactions().all().get()) {
                if (!listing.transactionalId().startsWith(prefix)) {
                    continue;
                }
                Map<String, Object> config = new java.util.HashMap<>(producerConfig(bootstrapServers));
                config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, listing.transactionalId());
                try (KafkaProducer<String, byte[]> fencing =
                        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
                    fencing.initTransactions();
                }
                fenced.add(listing.transactionalId());
            }
        }
        return fenced;
    }

    public static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    private static Map<String, Object> producerConfig(String bootstrapServers) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.ACKS_CONFIG,
                "all");
    }
}
