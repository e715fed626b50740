package dev.signingsuite.standalone.dlq;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The dead-letter topics ({@code error.<topic>.<group>}) of a cluster: read, and replayed to the
 * topic each record came from. Plain kafka-clients with bytes in and bytes out, so a replay is the
 * original record byte for byte, whatever its schema version.
 */
public final class DeadLetters implements AutoCloseable {

    public static final String TOPIC_PREFIX = "error.";
    /** On a replayed record: the dead letter it came from, {@code TOPIC:PARTITION:OFFSET}. */
    public static final String REPLAYED_FROM = "signing-replayed-from";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private KafkaProducer<byte[], byte[]> producer;

    public DeadLetters(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) TIMEOUT.toMillis()));
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        // Looking at a topic that does not exist must not create it.
                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                        false,
                        // A dead letter written in an aborted transaction never happened.
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** The dead-letter topics, by name. */
    public List<String> topics() {
        try {
            return admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).stream()
                    .filter(name -> name.startsWith(TOPIC_PREFIX))
                    .sorted()
                    .toList();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the topics of " + bootstrapServers + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Every record of a dead-letter topic, partition by partition, oldest first. */
    public List<DeadLetter> read(String topic) {
        List<DeadLetter> letters = new ArrayList<>();
        readAll(partitions(topic), Map.of(), record -> letters.add(DeadLetter.of(record)));
        letters.sort((a, b) -> a.ref().partition() != b.ref().partition()
                ? Integer.compare(a.ref().partition(), b.ref().partition())
                : Long.compare(a.ref().offset(), b.ref().offset()));
        return letters;
    }

    public Optional<DeadLetter> read(RecordRef ref) {
        TopicPartition partition = new TopicPartition(ref.topic(), ref.partition());
        if (partitions(ref.topic()).stream().noneMatch(partition::equals)) {
            return Optional.empty();
        }
        consumer.assign(List.of(partition));
        consumer.seek(partition, ref.offset());
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (consumer.position(partition) < end && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() == ref.offset()) {
                    return Optional.of(DeadLetter.of(record));
                }
                if (record.offset() > ref.offset()) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Republishes a dead letter to its original topic with its key, value and original headers plus
     * {@link #REPLAYED_FROM}. Idempotent: a dead letter already replayed (its {@link #REPLAYED_FROM}
     * found on the original topic since it was dead-lettered) is not sent again.
     */
    public Replay replay(DeadLetter letter) {
        String target = letter.originalTopic()
                .orElseThrow(() -> new IllegalArgumentException(letter.ref() + " has no x-original-topic header"));
        Optional<RecordRef> earlier = findReplay(target, letter);
        if (earlier.isPresent()) {
            return new Replay(letter.ref(), earlier.get(), false);
        }
        List<Header> headers = new ArrayList<>();
        for (Header header : letter.headers()) {
            if (DeadLetter.carriedOnReplay(header.key())) {
                headers.add(header);
            }
        }
        headers.add(new RecordHeader(REPLAYED_FROM, letter.ref().toString().getBytes(UTF_8)));
        try {
            RecordMetadata sent = producer()
                    .send(new ProducerRecord<>(target, null, letter.key(), letter.value(), headers))
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return new Replay(letter.ref(), new RecordRef(sent.topic(), sent.partition(), sent.offset()), true);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot replay " + letter.ref() + " to " + target + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A replay can only follow its dead letter: the original topic is read from that time on. */
    private Optional<RecordRef> findReplay(String target, DeadLetter letter) {
        List<TopicPartition> partitions = partitions(target);
        Map<TopicPartition, Long> since = new HashMap<>();
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(p -> times.put(p, letter.timestamp().toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times, TIMEOUT);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
        partitions.forEach(p ->
                since.put(p, found.get(p) == null ? ends.get(p) : found.get(p).offset()));
        byte[] wanted = letter.ref().toString().getBytes(UTF_8);
        List<RecordRef> replays = new ArrayList<>();
        readAll(partitions, since, record -> {
            Header header = record.headers().lastHeader(REPLAYED_FROM);
            if (header != null && java.util.Arrays.equals(header.value(), wanted)) {
                replays.add(new RecordRef(record.topic(), record.partition(), record.offset()));
            }
        });
        return replays.stream().findFirst();
    }

    private List<TopicPartition> partitions(String topic) {
        return consumer.partitionsFor(topic, TIMEOUT).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .sorted(java.util.Comparator.comparingInt(TopicPartition::partition))
                .toList();
    }

    /** From {@code from} (the beginning where absent) to the end each partition has now. */
    private void readAll(
            List<TopicPartition> partitions,
            Map<TopicPartition, Long> from,
            java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> action) {
        if (partitions.isEmpty()) {
            return;
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
        for (TopicPartition partition : partitions) {
            Long offset = from.get(partition);
            if (offset == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset);
            }
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + partitions + " to the end within " + TIMEOUT);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    action.accept(record);
                }
            }
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrapServers,
                            ProducerConfig.ACKS_CONFIG,
                            "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                            true),
                    new ByteArraySerializer(),
                    new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(TIMEOUT);
        }
        consumer.close(TIMEOUT);
        admin.close(TIMEOUT);
    }

    /**
     * @param sent false when the dead letter had been replayed before: {@code to} is that replay
     */
    public record Replay(RecordRef from, RecordRef to, boolean sent) {}
}
