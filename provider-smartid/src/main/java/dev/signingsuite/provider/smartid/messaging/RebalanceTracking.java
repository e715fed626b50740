package dev.signingsuite.provider.smartid.messaging;

import dev.signingsuite.messaging.ChainedRebalanceListener;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Tells the {@link OffsetTracker} when partitions leave this instance, after the container has
 * committed what had finished: the unfinished records are forgotten uncommitted (the new owner gets
 * them again), and the poller stops polling their sessions. Delegates to the binder's own listener.
 */
final class RebalanceTracking extends ChainedRebalanceListener {

    private final OffsetTracker<Acknowledgment> tracker;

    RebalanceTracking(OffsetTracker<Acknowledgment> tracker, ConsumerRebalanceListener delegate) {
        super(delegate);
        this.tracker = tracker;
    }

    @Override
    protected void revoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        tracker.revoked(partitions);
    }
}
