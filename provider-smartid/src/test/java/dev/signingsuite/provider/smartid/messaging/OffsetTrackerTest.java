package dev.signingsuite.provider.smartid.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private static final TopicPartition P0 = new TopicPartition("signing.signature-requested.v1", 0);
    private static final TopicPartition P1 = new TopicPartition("signing.signature-requested.v1", 1);

    private final OffsetTracker<Long> tracker = new OffsetTracker<>();

    @Test
    void aRecordFinishedInOrderIsAcknowledgedAtOnce() {
        tracker.delivered(P0, 10, 10L);

        assertThat(tracker.finished(P0, 10)).contains(10L);
        assertThat(tracker.pending()).isZero();
    }

    @Test
    void aLaterRecordFinishingFirstWaitsForTheEarlierOne() {
        tracker.delivered(P0, 10, 10L);
        tracker.delivered(P0, 11, 11L);
        tracker.delivered(P0, 12, 12L);

        assertThat(tracker.finished(P0, 12)).isEmpty();
        assertThat(tracker.finished(P0, 11)).isEmpty();
        // The oldest open session ends: everything up to 12 has its outcome on the broker.
        assertThat(tracker.finished(P0, 10)).contains(12L);
        assertThat(tracker.pending()).isZero();
    }

    @Test
    void theCommitPointStopsBelowTheFirstUnfinishedRecord() {
        for (long offset = 0; offset < 5; offset++) {
            tracker.delivered(P0, offset, offset);
        }

        assertThat(tracker.finished(P0, 0)).contains(0L);
        assertThat(tracker.finished(P0, 1)).contains(1L);
        assertThat(tracker.finished(P0, 3)).isEmpty();
        assertThat(tracker.finished(P0, 4)).isEmpty();
        assertThat(tracker.tracks(P0, 2)).isTrue();
        assertThat(tracker.tracks(P0, 3)).isFalse();
        assertThat(tracker.finished(P0, 2)).contains(4L);
    }

    @Test
    void partitionsAreIndependent() {
        tracker.delivered(P0, 5, 5L);
        tracker.delivered(P1, 7, 7L);
        tracker.delivered(P1, 8, 8L);

        assertThat(tracker.finished(P1, 8)).isEmpty();
        assertThat(tracker.finished(P1, 7)).contains(8L);
        assertThat(tracker.tracks(P0, 5)).isTrue();
        assertThat(tracker.finished(P0, 5)).contains(5L);
    }

    @Test
    void gapsInOffsetsDoNotHoldBackTheCommit() {
        // Compacted topics and transaction markers leave offsets that are never delivered.
        tracker.delivered(P0, 3, 3L);
        tracker.delivered(P0, 9, 9L);

        assertThat(tracker.finished(P0, 9)).isEmpty();
        assertThat(tracker.finished(P0, 3)).contains(9L);
    }

    @Test
    void revokedPartitionsAreForgottenAndTheirLateFinishesCommitNothing() {
        tracker.delivered(P0, 1, 1L);
        tracker.delivered(P0, 2, 2L);
        tracker.delivered(P1, 1, 1L);

        tracker.revoked(List.of(P0));

        assertThat(tracker.tracks(P0, 1)).isFalse();
        assertThat(tracker.finished(P0, 1)).isEmpty();
        assertThat(tracker.finished(P0, 2)).isEmpty();
        assertThat(tracker.pending()).isEqualTo(1);
        assertThat(tracker.tracks(P1, 1)).isTrue();
    }

    @Test
    void aRedeliveredRecordIsTrackedAgainAfterRevocation() {
        tracker.delivered(P0, 1, 1L);
        tracker.revoked(Set.of(P0));
        tracker.delivered(P0, 1, 100L);

        assertThat(tracker.finished(P0, 1)).contains(100L);
    }

    @Test
    void unknownRecordsAreIgnored() {
        assertThat(tracker.finished(P0, 42)).isEmpty();
        assertThat(tracker.tracks(P0, 42)).isFalse();
    }

    @Test
    void inAnyFinishingOrderTheAcknowledgedOffsetsOnlyGrowAndEndAtTheLastRecord() {
        List<Long> offsets = new ArrayList<>();
        for (long offset = 0; offset < 1_000; offset++) {
            tracker.delivered(P0, offset, offset);
            offsets.add(offset);
        }
        Collections.shuffle(offsets, new Random(4));
        java.util.TreeSet<Long> unfinished = new java.util.TreeSet<>(offsets);
        long committed = -1;
        for (long offset : offsets) {
            unfinished.remove(offset);
            var acknowledged = tracker.finished(P0, offset);
            if (acknowledged.isPresent()) {
                assertThat(acknowledged.get()).isGreaterThan(committed);
                committed = acknowledged.get();
            }
            // Never past an unfinished record: everything at or below the commit point has finished.
            if (!unfinished.isEmpty()) {
                assertThat(committed).isLessThan(unfinished.first());
            }
        }
        assertThat(committed).isEqualTo(999L);
        assertThat(tracker.pending()).isZero();
    }
}
