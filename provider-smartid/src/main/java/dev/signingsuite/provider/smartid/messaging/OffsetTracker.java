package dev.signingsuite.provider.smartid.messaging;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Which record of each partition may be acknowledged when records finish out of order: the highest
 * one below which every record delivered to this instance has finished. Acknowledging it commits
 * its offset + 1, so a restart redelivers exactly the records still unfinished (and perhaps some
 * finished after them), never skips one.
 *
 * <p>{@code A} is what acknowledges a record (Spring Kafka's {@code Acknowledgment}); the tracker
 * only hands it back, so it is tested without a broker. Thread-safe.
 */
final class OffsetTracker<A> {

    private static final class Entry<A> {
        final A acknowledgment;
        boolean finished;

        Entry(A acknowledgment) {
            this.acknowledgment = acknowledgment;
        }
    }

    private final Map<TopicPartition, TreeMap<Long, Entry<A>>> partitions = new HashMap<>();

    /** A record was delivered: it holds back the commit of its partition until it finishes. */
    synchronized void delivered(TopicPartition partition, long offset, A acknowledgment) {
        // A record delivered again (a seek after an error) replaces its earlier delivery.
        partitions.computeIfAbsent(partition, p -> new TreeMap<>()).put(offset, new Entry<>(acknowledgment));
    }

    /**
     * A record finished (its outcome is on the broker, or it needs none).
     *
     * @return the acknowledgment to run now (the highest finished record with nothing unfinished
     *     before it), empty if the commit point did not move or the record is no longer tracked
     */
    synchronized Optional<A> finished(TopicPartition partition, long offset) {
        TreeMap<Long, Entry<A>> records = partitions.get(partition);
        Entry<A> entry = records == null ? null : records.get(offset);
        if (entry == null) {
            return Optional.empty();
        }
        entry.finished = true;
        A commit = null;
        while (!records.isEmpty() && records.firstEntry().getValue().finished) {
            commit = records.pollFirstEntry().getValue().acknowledgment;
        }
        return Optional.ofNullable(commit);
    }

    /** Whether the record is still this instance's to finish (not revoked, not finished). */
    synchronized boolean tracks(TopicPartition partition, long offset) {
        TreeMap<Long, Entry<A>> records = partitions.get(partition);
        Entry<A> entry = records == null ? null : records.get(offset);
        return entry != null && !entry.finished;
    }

    /**
     * The partitions went to another instance (or were lost): their unfinished records are forgotten
     * uncommitted, and whoever owns the partitions now receives them again.
     */
    synchronized void revoked(Collection<TopicPartition> revoked) {
        revoked.forEach(partitions::remove);
    }

    /** Records delivered and not yet committable, over all partitions. */
    synchronized int pending() {
        return partitions.values().stream().mapToInt(Map::size).sum();
    }
}
