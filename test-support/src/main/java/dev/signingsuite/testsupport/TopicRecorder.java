package dev.signingsuite.testsupport;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;

/**
 * Records what is written to some topics from the moment it is opened, so a test can wait for the
 * one record it expects. Topics that do not exist yet are created first, so nothing written after
 * {@link #open} is missed.
 */
public final class TopicRecorder implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Collection<String> topics;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    private TopicRecorder(KafkaConsumer<String, byte[]> consumer, Collection<String> topics) {
        this.consumer = consumer;
        this.topics = List.copyOf(topics);
    }

    public static TopicRecorder open(String bootstrapServers, Collection<String> topics) {
        try (Admin admin = KafkaTestClients.admin(bootstrapServers)) {
            createMissing(admin, topics);
        }
        TopicRecorder recorder = new TopicRecorder(KafkaTestClients.rawConsumer(bootstrapServers), topics);
        Set<TopicPartition> partitions = recorder.currentPartitions();
        recorder.consumer.assign(partitions);
        recorder.consumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve the positions now, before the test produces anything.
        partitions.forEach(recorder.consumer::position);
        recorder.assigned.addAll(partitions);
        return recorder;
    }

    /**
     * A service's binder may add partitions to a topic after the recorder opened (its
     * min-partition-count); records keyed onto them must not be missed. Partitions found later were
     * created later, so they are read from their beginning.
     */
    private void followNewPartitions() {
        Set<TopicPartition> current = currentPartitions();
        if (assigned.containsAll(current)) {
            return;
        }
        List<TopicPartition> added =
                current.stream().filter(p -> !assigned.contains(p)).toList();
        assigned.addAll(added);
        consumer.assign(assigned);
        consumer.seekToBeginning(added);
    }

    private Set<TopicPartition> currentPartitions() {
        // listTopics asks the broker each time; partitionsFor would answer from stale metadata.
        Map<String, List<PartitionInfo>> all = consumer.listTopics(Duration.ofSeconds(10));
        Set<TopicPartition> partitions = new HashSet<>();
        for (String topic : topics) {
            all.getOrDefault(topic, List.of()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .forEach(partitions::add);
        }
        return partitions;
    }

    /** Waits for a record on {@code topic} that matches, failing the test after {@code timeout}. */
    public ConsumerRecord<String, byte[]> await(
            String topic, Predicate<ConsumerRecord<String, byte[]>> matching, Duration timeout) {
        Predicate<ConsumerRecord<String, byte[]>> wanted = r -> r.topic().equals(topic) && matching.test(r);
        return Awaitility.await()
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> poll(wanted), Optional::isPresent)
                .orElseThrow();
    }

    /** Every record seen so far on {@code topic}. */
    public List<ConsumerRecord<String, byte[]>> seen(String topic) {
        poll(r -> false);
        return seen.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return Optional.ofNullable(header).map(h -> new String(h.value(), UTF_8));
    }

    private Optional<ConsumerRecord<String, byte[]>> poll(Predicate<ConsumerRecord<String, byte[]>> wanted) {
        followNewPartitions();
        // A topic created a moment ago may not be in the broker's metadata yet; with nothing to
        // assign, poll would throw instead of letting the caller wait.
        if (!assigned.isEmpty()) {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        }
        return seen.stream().filter(wanted).findFirst();
    }

    private static void createMissing(Admin admin, Collection<String> topics) {
        for (String topic : topics) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())))
                        .all()
                        .get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + topic, e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
