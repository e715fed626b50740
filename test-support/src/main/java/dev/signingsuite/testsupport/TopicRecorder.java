package dev.signingsuite.testsupport;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    private TopicRecorder(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
    }

    public static TopicRecorder open(String bootstrapServers, Collection<String> topics) {
        try (Admin admin = KafkaTestClients.admin(bootstrapServers)) {
            createMissing(admin, topics);
        }
        KafkaConsumer<String, byte[]> consumer = KafkaTestClients.rawConsumer(bootstrapServers);
        List<TopicPartition> partitions = topics.stream()
                .flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream())
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve the positions now, before the test produces anything.
        partitions.forEach(consumer::position);
        return new TopicRecorder(consumer);
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
        consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
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
