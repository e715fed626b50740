package dev.signingsuite.standalone.chaos;

import dev.signingsuite.standalone.seal.KafkaSealClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Every outcome record ({@code ContainerAssembled}, {@code DocumentFailed}) by document id, read
 * committed from the beginning of the topics, as a back office reads them: a record of an aborted
 * transaction is no outcome, a record published twice is two.
 */
public final class OutcomeTally implements AutoCloseable {

    private final KafkaConsumer<String, Object> consumer;
    private final Map<String, List<Object>> outcomes = new ConcurrentHashMap<>();

    public OutcomeTally(String bootstrapServers, List<String> topics) {
        consumer = KafkaSealClients.committedEvents(bootstrapServers);
        List<TopicPartition> partitions = KafkaSealClients.partitionsOf(consumer, topics);
        if (partitions.isEmpty()) {
            consumer.close();
            // The services create these when they bind; none would mean no outcome could ever be read.
            throw new IllegalStateException("no partitions of " + topics + " on " + bootstrapServers);
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    public void poll(Duration wait) {
        for (ConsumerRecord<String, Object> record : consumer.poll(wait)) {
            if (record.key() != null && record.value() != null) {
                outcomes.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value());
            }
        }
    }

    /** Every outcome of the document, in the order read; empty when it has none. */
    public List<Object> of(String documentId) {
        return outcomes.getOrDefault(documentId, List.of());
    }

    @Override
    public void close() {
        consumer.close();
    }
}
