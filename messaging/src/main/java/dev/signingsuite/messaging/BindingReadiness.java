package dev.signingsuite.messaging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * The readiness contributor {@code bindings}: UP once every consumer binding's container is
 * running and each of its consumers has finished a rebalance, DOWN before that and once a
 * container stops (shutdown included).
 *
 * <p>A finished rebalance is what counts, not a non-empty assignment: Kafka calls {@code
 * onPartitionsAssigned} at the end of every rebalance, with an empty collection when the group has
 * more members than the topic has partitions. Such an instance is a ready standby (it takes
 * partitions over when another member leaves), so taking it out of service would be wrong. While a
 * consumer's partitions are all revoked (the first half of an eager rebalance, or a close) it
 * counts as not assigned, so a rebalance may show as a short DOWN; probes tolerate that with their
 * failure threshold.
 */
final class BindingReadiness implements HealthIndicator, DisposableBean {

    private final Map<String, Tracked> bindings = Collections.synchronizedMap(new LinkedHashMap<>());
    private final BrokerReachability broker;

    BindingReadiness(BrokerReachability broker) {
        this.broker = broker;
    }

    /** Called for every listener container the binder creates, before it starts. */
    void track(AbstractMessageListenerContainer<?, ?> container, String destination, String group) {
        Tracked tracked = new Tracked(container);
        bindings.put(destination + (group == null ? "" : " (" + group + ")"), tracked);
        var properties = container.getContainerProperties();
        properties.setConsumerRebalanceListener(
                new AssignmentListener(tracked, properties.getConsumerRebalanceListener()));
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean up = true;
        List<Map.Entry<String, Tracked>> current;
        synchronized (bindings) {
            current = new ArrayList<>(bindings.entrySet());
        }
        for (Map.Entry<String, Tracked> binding : current) {
            String state = binding.getValue().state();
            details.put(binding.getKey(), state);
            up &= state.startsWith("assigned");
        }
        if (broker != null) {
            String reachable = broker.check();
            details.put("broker", reachable);
            up &= reachable.equals("reachable");
        }
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }

    @Override
    public void destroy() {
        if (broker != null) {
            broker.close();
        }
    }

    /** One binding's container and the consumers of it that have finished a rebalance. */
    static final class Tracked {

        private final AbstractMessageListenerContainer<?, ?> container;
        private final Map<Consumer<?, ?>, Set<TopicPartition>> assigned = new IdentityHashMap<>();

        Tracked(AbstractMessageListenerContainer<?, ?> container) {
            this.container = container;
        }

        synchronized void assigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            assigned.computeIfAbsent(consumer, c -> new HashSet<>()).addAll(partitions);
        }

        synchronized void revoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            Set<TopicPartition> owned = assigned.get(consumer);
            if (owned != null) {
                owned.removeAll(partitions);
                if (owned.isEmpty()) {
                    assigned.remove(consumer);
                }
            }
        }

        synchronized String state() {
            if (!container.isRunning()) {
                return "stopped";
            }
            int consumers = container instanceof ConcurrentMessageListenerContainer<?, ?> concurrent
                    ? concurrent.getConcurrency()
                    : 1;
            if (assigned.size() < consumers) {
                return "waiting for assignment";
            }
            int partitions = assigned.values().stream().mapToInt(Set::size).sum();
            return "assigned " + partitions + (partitions == 0 ? " (standby: more members than partitions)" : "");
        }
    }

    /** Tells {@link Tracked} about assignments, then the binder's (or a service's) own listener. */
    static final class AssignmentListener extends ChainedRebalanceListener {

        private final Tracked tracked;

        AssignmentListener(Tracked tracked, ConsumerRebalanceListener delegate) {
            super(delegate);
            this.tracked = tracked;
        }

        @Override
        protected void revoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            tracked.revoked(consumer, partitions);
        }

        @Override
        protected void assigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            tracked.assigned(consumer, partitions);
        }
    }
}
