package dev.signingsuite.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.StageOutcomeRecorded;
import dev.signingsuite.events.Topic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

/**
 * At most one outcome per document and attempt from one stage (ADR 11). Each outcome is recorded on
 * the stage's ledger topic in the transaction that publishes it, on the partition of the input
 * record; the instance that owns input partition p holds ledger partition p in memory, read back
 * when the partition is assigned, as far back as {@link DedupProperties#window()}. An input for a
 * document whose ledger entry has a higher attempt, or the same attempt from another record, is a
 * duplicate; the same record again (redelivered after its transaction aborted) is not.
 *
 * <p>Memory: one entry per document answered within the window on the partitions this instance
 * owns, about 200 bytes each (id, attempt, offset, time, map overhead): 200 MB per million
 * documents, spread over the stage's instances. Entries older than the window are evicted.
 */
public final class StageLedger implements ContainerCustomization {

    private static final Logger log = LoggerFactory.getLogger(StageLedger.class);

    private final String stage;
    private final String ledgerTopic;
    private final String inputTopic;
    private final Duration window;
    private final Clock clock;
    private final java.util.function.Consumer<ProducerRecord<byte[], byte[]>> sends;
    private final LedgerReader reader;
    private final Map<Integer, LinkedHashMap<String, Entry>> partitions = new ConcurrentHashMap<>();

    StageLedger(
            String stage,
            Topic<StageOutcomeRecorded> ledgerTopic,
            String inputTopic,
            Duration window,
            Clock clock,
            java.util.function.Consumer<ProducerRecord<byte[], byte[]>> sends,
            LedgerReader reader) {
        this.stage = stage;
        this.ledgerTopic = ledgerTopic.name();
        this.inputTopic = inputTopic;
        this.window = window;
        this.clock = clock;
        this.sends = sends;
        this.reader = reader;
    }

    /** Whether an input for {@code documentId} at {@code attempt}, read at this partition and offset, was answered. */
    boolean answered(String documentId, int attempt, int partition, long offset) {
        LinkedHashMap<String, Entry> entries = partitions.get(partition);
        if (entries == null) {
            return false;
        }
        synchronized (entries) {
            Entry entry = entries.get(documentId);
            return entry != null
                    && (attempt < entry.attempt || (attempt == entry.attempt && offset != entry.sourceOffset));
        }
    }

    /** Records the outcome in the current transaction, then remembers it. */
    void record(String documentId, int attempt, int partition, long offset, String outcomeType) {
        Instant now = clock.instant();
        StageOutcomeRecorded entry = new StageOutcomeRecorded(
                StageOutcomeRecorded.SCHEMA_VERSION, documentId, stage, attempt, outcomeType, partition, offset, now);
        sends.accept(new ProducerRecord<>(ledgerTopic, partition, documentId.getBytes(UTF_8), EventJson.write(entry)));
        remember(entry);
    }

    void remember(StageOutcomeRecorded recorded) {
        LinkedHashMap<String, Entry> entries =
                partitions.computeIfAbsent(recorded.sourcePartition(), p -> new LinkedHashMap<>());
        long cutoff = clock.instant().minus(window).toEpochMilli();
        synchronized (entries) {
            Entry previous = entries.remove(recorded.documentId());
            if (previous == null || previous.attempt <= recorded.attempt()) {
                entries.put(
                        recorded.documentId(),
                        new Entry(
                                recorded.attempt(),
                                recorded.sourceOffset(),
                                recorded.recordedAt().toEpochMilli()));
            } else {
                entries.put(recorded.documentId(), previous);
            }
            Iterator<Entry> oldest = entries.values().iterator();
            while (oldest.hasNext() && oldest.next().recordedAt < cutoff) {
                oldest.remove();
            }
        }
    }

    /** Documents remembered on this instance (all partitions it owns). */
    int size() {
        return partitions.values().stream().mapToInt(Map::size).sum();
    }

    @Override
    public void customize(AbstractMessageListenerContainer<?, ?> container, String destination, String group) {
        if (!inputTopic.equals(destination)) {
            return;
        }
        container
                .getContainerProperties()
                .setConsumerRebalanceListener(
                        new ChainedRebalanceListener(
                                container.getContainerProperties().getConsumerRebalanceListener()) {
                            @Override
                            protected void assigned(Consumer<?, ?> consumer, Collection<TopicPartition> assigned) {
                                load(consumer, assigned);
                            }

                            @Override
                            protected void revoked(Consumer<?, ?> consumer, Collection<TopicPartition> revoked) {
                                revoked.stream()
                                        .filter(tp -> tp.topic().equals(inputTopic))
                                        .forEach(tp -> partitions.remove(tp.partition()));
                            }
                        });
    }

    private void load(Consumer<?, ?> consumer, Collection<TopicPartition> assigned) {
        var mine = assigned.stream()
                .filter(tp -> tp.topic().equals(inputTopic) && !partitions.containsKey(tp.partition()))
                .map(TopicPartition::partition)
                .toList();
        if (mine.isEmpty()) {
            return;
        }
        int inputPartitions = consumer.partitionsFor(inputTopic).size();
        Instant from = clock.instant().minus(window);
        long started = System.nanoTime();
        int[] read = {0};
        for (int partition : mine) {
            partitions.put(partition, new LinkedHashMap<>());
        }
        reader.read(ledgerTopic, inputPartitions, mine, from, recorded -> {
            remember(recorded);
            read[0]++;
        });
        log.info(
                "Ledger {} partitions {}: {} outcomes since {} read in {} ms",
                ledgerTopic,
                mine,
                read[0],
                from,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private record Entry(int attempt, long sourceOffset, long recordedAt) {}
}
