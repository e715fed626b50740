package dev.signingsuite.provider.runtime;

import dev.signingsuite.events.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a {@link CompactedTopic} to the end offsets the broker reports at the moment of each call,
 * from the beginning the first time and tailing it from then on, without a consumer group: what
 * any instance wrote before the call is seen, so a restarted or second instance decides on the
 * same facts. Not thread-safe: its owner serialises the calls.
 */
final class CompactedTopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Topic<?> topic;
    private final String brokers;
    private final Duration wait;
    private List<TopicPartition> partitions;

    /**
     * @param consumer a consumer of its own, without a group; the reader assigns it and closes it
     * @param wait how long a call may take before it fails: a decision needs the whole topic
     */
    CompactedTopicReader(KafkaConsumer<String, byte[]> consumer, Topic<?> topic, String brokers, Duration wait) {
        this.consumer = consumer;
        this.topic = topic;
        this.brokers = brokers;
        this.wait = wait;
    }

    /** Hands each record not read before to {@code apply}, up to the topic's end offsets of now. */
    void readToEnd(Consumer<ConsumerRecord<String, byte[]>> apply) {
        if (partitions == null) {
            partitions = CompactedTopic.partitions(consumer, topic, brokers, wait);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, wait);
        long deadline = System.nanoTime() + wait.toNanos();
        while (behind(ends)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(topic.name() + " could not be read to its end in " + wait);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                apply.accept(record);
            }
        }
    }

    private boolean behind(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey(), wait) < end.getValue()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
