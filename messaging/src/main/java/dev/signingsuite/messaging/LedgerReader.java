package dev.signingsuite.messaging;

import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.StageOutcomeRecorded;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads ledger partitions back, committed records only, from a point in time to their current end.
 * Creates the ledger topic on first use, with at least as many partitions as the input topic whose
 * partitions it mirrors, compacted by document id and deleted after the look-back window.
 */
class LedgerReader {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final BrokerReachability.BinderConnection connection;
    private final Duration window;

    LedgerReader(BrokerReachability.BinderConnection connection, Duration window) {
        this.connection = connection;
        this.window = window;
    }

    void read(
            String ledgerTopic,
            int inputPartitions,
            List<Integer> partitions,
            Instant from,
            Consumer<StageOutcomeRecorded> sink) {
        ensureTopic(ledgerTopic, inputPartitions);
        Map<String, Object> config = clientConfig();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, ledgerTopic + "-reader-" + UUID.randomUUID());
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(ledgerTopic, p))
                    .toList();
            consumer.assign(assigned);
            Map<TopicPartition, Long> times = new HashMap<>();
            assigned.forEach(tp -> times.put(tp, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times, TIMEOUT);
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, TIMEOUT);
            for (TopicPartition tp : assigned) {
                OffsetAndTimestamp start = starts.get(tp);
                consumer.seek(tp, start == null ? ends.get(tp) : start.offset());
            }
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!done(consumer, assigned, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read " + ledgerTopic + " to its end within " + TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        sink.accept(EventJson.read(record.value(), StageOutcomeRecorded.class));
                    }
                }
            }
        }
    }

    private static boolean done(
            KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> assigned, Map<TopicPartition, Long> ends) {
        // The end of a partition with transactions is the last stable offset; its position may stop
        // short of it only by control records, which the position skips.
        return assigned.stream().allMatch(tp -> consumer.position(tp, TIMEOUT) >= ends.get(tp));
    }

    /**
     * Describes before creating: where topics are provisioned (Strimzi, compose), the service may
     * describe the ledger but not create topics.
     */
    private void ensureTopic(String topic, int partitions) {
        try (Admin admin = Admin.create(clientConfig())) {
            int existing = partitionCount(admin, topic);
            if (existing == 0) {
                try {
                    admin.createTopics(Set.of(new NewTopic(topic, partitions, (short) -1)
                                    .configs(Map.of(
                                            TopicConfig.CLEANUP_POLICY_CONFIG,
                                            TopicConfig.CLEANUP_POLICY_COMPACT + ","
                                                    + TopicConfig.CLEANUP_POLICY_DELETE,
                                            TopicConfig.RETENTION_MS_CONFIG,
                                            Long.toString(window.toMillis())))))
                            .all()
                            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    existing = partitionCount(admin, topic);
                }
            }
            if (existing > 0 && existing < partitions) {
                // The ledger mirrors the input's partitions: an entry goes to its input's partition.
                admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions)))
                        .all()
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot provide the ledger topic " + topic + ": " + e.getMessage(), e);
        }
    }

    /** 0 when the topic does not exist. */
    private static int partitionCount(Admin admin, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return admin.describeTopics(Set.of(topic))
                    .allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(topic)
                    .partitions()
                    .size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return 0;
            }
            throw e;
        }
    }

    private Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(connection.configuration());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", connection.brokers()));
        return config;
    }
}
