package dev.signingsuite.messaging;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.messaging.Message;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Builds a service's {@link BatchedStage} from the shared parts: the binder's producer, dead letters,
 * traces. Also the error handling of their listener containers: a batched stage answers or
 * dead-letters every record itself, so a poll fails as a whole only when the broker or the producer
 * does (a send, the commit). That poll is rolled back and delivered again, with delays growing to
 * {@link #MAX_DELAY}, for as long as it takes: never skipped nor dead-lettered, since every record
 * in it is good and a document must not be lost to an outage.
 */
public final class BatchedStages implements ContainerCustomization {

    static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private final ObjectProvider<StreamBridge> bridge;
    private final DeadLetters deadLetters;
    private final TransactionalSends sends;
    private final BindingServiceProperties bindings;
    private final MessagingProperties properties;
    private final EventMessages messages;
    private final Set<String> batched = ConcurrentHashMap.newKeySet();

    BatchedStages(
            ObjectProvider<StreamBridge> bridge,
            DeadLetters deadLetters,
            TransactionalSends sends,
            BindingServiceProperties bindings,
            MessagingProperties properties,
            EventMessages messages) {
        this.messages = messages;
        this.bridge = bridge;
        this.deadLetters = deadLetters;
        this.sends = sends;
        this.bindings = bindings;
        this.properties = properties;
    }

    /** The retry of a binding's consumer properties (max-attempts, back-off, retryable-exceptions). */
    public Redelivery redelivery(String bindingName) {
        return Redelivery.of(bindings.getConsumerProperties(bindingName));
    }

    /** {@code stage} over whole polls of binding {@code bindingName}, retried as the binding declares. */
    public <I> BatchedStage<I> of(String bindingName, Class<I> type, Function<Message<I>, ? extends Message<?>> stage) {
        return of(bindingName, type, stage, redelivery(bindingName));
    }

    /** {@code stage} over whole polls of binding {@code bindingName}, retried as {@code redelivery} says. */
    public <I> BatchedStage<I> of(
            String bindingName,
            Class<I> type,
            Function<Message<I>, ? extends Message<?>> stage,
            Redelivery redelivery) {
        BindingProperties binding = bindings.getBindingProperties(bindingName);
        if (!binding.getConsumer().isBatchMode()) {
            throw new IllegalStateException(bindingName + " must be in batch mode to run a batched stage");
        }
        batched.add(binding.getDestination() + " " + binding.getGroup());
        return new BatchedStage<>(
                type, stage, redelivery, bridge.getObject(), deadLetters, sends, messages, properties.batchMaxTime());
    }

    @Override
    public boolean handlesErrors(String destination, String group) {
        return batched.contains(destination + " " + group);
    }

    @Override
    public void customize(AbstractMessageListenerContainer<?, ?> container, String destination, String group) {
        if (handlesErrors(destination, group)) {
            ExponentialBackOff backOff = new ExponentialBackOff(1000, 2.0);
            backOff.setMaxInterval(MAX_DELAY.toMillis());
            container.setAfterRollbackProcessor(new DefaultAfterRollbackProcessor<>(backOff));
        }
    }
}
