package dev.signingsuite.provider.runtime;

import dev.signingsuite.events.BatchCancelled;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batches tenants cancelled (ADR 31), from the gateway's compacted {@code batch-cancelled}
 * topic. Each look-up first reads the topic up to the end offsets the broker reports at that moment,
 * from the beginning the first time, without a consumer group: a restarted or second instance knows
 * every cancel the gateway wrote before the poll it decides, as {@link KafkaSigningIntents} knows
 * every intent. One key per batch of the last 7 days is kept in memory.
 */
final class CancelledBatches implements AutoCloseable {

    /** Which of some batches ({@link BatchCancelled#keyOf} keys) are cancelled. */
    @FunctionalInterface
    interface Lookup {
        /** Nothing is cancelled: a provider without the topic (unit tests). */
        Lookup NONE = keys -> Set.of();

        Set<String> cancelled(Collection<String> batchKeys);
    }

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(CancelledBatches.class);

    private final Topic<BatchCancelled> topic;
    private final CompactedTopicReader reader;
    private final Set<String> cancelled = new HashSet<>();

    CancelledBatches(String brokers, Topic<BatchCancelled> topic, String clientId) {
        this.topic = topic;
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-cancelled-batches");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.reader = new CompactedTopicReader(new KafkaConsumer<>(config), topic, brokers, WAIT);
    }

    /** A look-up over this topic: caught up once per call. */
    Lookup lookup() {
        return this::cancelled;
    }

    synchronized Set<String> cancelled(Collection<String> batchKeys) {
        if (batchKeys.isEmpty()) {
            return Set.of();
        }
        catchUp();
        return batchKeys.stream().filter(cancelled::contains).collect(Collectors.toSet());
    }

    private void catchUp() {
        reader.readToEnd(record -> {
            try {
                BatchCancelled event = EventJson.read(record.value(), BatchCancelled.class);
                cancelled.add(event.key());
            } catch (RuntimeException e) {
                // Unreadable (a newer major, a tombstone): cancels nothing.
                log.debug("Skipped an unreadable record of {}: {}", topic.name(), e.getMessage());
            }
        });
    }

    @Override
    public synchronized void close() {
        reader.close();
    }
}
