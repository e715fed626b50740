package dev.signingsuite.messaging;

import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * A rebalance listener that learns of assignments and revocations, then hands every callback on
 * to the listener that was there before it (the binder's, or another of ours), so that several
 * can watch one container. Revocations are reported after the container committed what had
 * finished.
 */
public abstract class ChainedRebalanceListener implements ConsumerAwareRebalanceListener {

    private final ConsumerRebalanceListener delegate;

    /** @param delegate the listener that was set before this one; may be null */
    protected ChainedRebalanceListener(ConsumerRebalanceListener delegate) {
        this.delegate = delegate;
    }

    /** Partitions left this consumer (revoked after the commit, or lost). */
    protected void revoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {}

    /** A rebalance ended with these partitions for this consumer (possibly none). */
    protected void assigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {}

    @Override
    public final void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (delegate instanceof ConsumerAwareRebalanceListener aware) {
            aware.onPartitionsRevokedBeforeCommit(consumer, partitions);
        } else if (delegate != null) {
            delegate.onPartitionsRevoked(partitions);
        }
    }

    @Override
    public final void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        revoked(consumer, partitions);
        if (delegate instanceof ConsumerAwareRebalanceListener aware) {
            aware.onPartitionsRevokedAfterCommit(consumer, partitions);
        }
    }

    @Override
    public final void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        revoked(consumer, partitions);
        if (delegate instanceof ConsumerAwareRebalanceListener aware) {
            aware.onPartitionsLost(consumer, partitions);
        } else if (delegate != null) {
            delegate.onPartitionsLost(partitions);
        }
    }

    @Override
    public final void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned(consumer, partitions);
        if (delegate instanceof ConsumerAwareRebalanceListener aware) {
            aware.onPartitionsAssigned(consumer, partitions);
        } else if (delegate != null) {
            delegate.onPartitionsAssigned(partitions);
        }
    }
}
