package dev.signingsuite.messaging;

import dev.signingsuite.events.DocumentEvent;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.messaging.Message;

/** Builds a service's {@link BatchedStage} from the shared parts: the binder's producer, dead letters, traces. */
public final class BatchedStages {

    private final ObjectProvider<StreamBridge> bridge;
    private final DeadLetters deadLetters;
    private final TransactionalSends sends;
    private final BindingServiceProperties bindings;
    private final CurrentTrace currentTrace;
    private final MessagingProperties properties;
    private final EventMessages messages;

    BatchedStages(
            ObjectProvider<StreamBridge> bridge,
            DeadLetters deadLetters,
            TransactionalSends sends,
            BindingServiceProperties bindings,
            CurrentTrace currentTrace,
            MessagingProperties properties,
            EventMessages messages) {
        this.messages = messages;
        this.bridge = bridge;
        this.deadLetters = deadLetters;
        this.sends = sends;
        this.bindings = bindings;
        this.currentTrace = currentTrace;
        this.properties = properties;
    }

    /** The retry of a binding's consumer properties (max-attempts, back-off, retryable-exceptions). */
    public Redelivery redelivery(String bindingName) {
        return Redelivery.of(bindings.getConsumerProperties(bindingName));
    }

    /** {@code stage} over whole polls of binding {@code bindingName}, retried as the binding declares. */
    public <I> BatchedStage<I> of(
            String bindingName, Class<I> type, Function<Message<I>, Message<DocumentEvent>> stage) {
        return of(type, stage, redelivery(bindingName));
    }

    public <I> BatchedStage<I> of(
            Class<I> type, Function<Message<I>, Message<DocumentEvent>> stage, Redelivery redelivery) {
        return new BatchedStage<>(
                type,
                stage,
                redelivery,
                bridge.getObject(),
                deadLetters,
                sends,
                messages,
                currentTrace,
                properties.batchMaxTime());
    }
}
