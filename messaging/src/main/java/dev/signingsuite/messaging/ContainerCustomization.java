package dev.signingsuite.messaging;

import org.springframework.kafka.listener.AbstractMessageListenerContainer;

/**
 * A service's own adjustment of a binding's listener container (say, asynchronous acknowledgements
 * for one consumer group). Declared as a bean; {@link MessagingConfiguration}'s single container
 * customizer applies every one after its own.
 */
@FunctionalInterface
public interface ContainerCustomization {

    /**
     * @param destination the binding's topic
     * @param group the binding's consumer group, null for an anonymous consumer
     */
    void customize(AbstractMessageListenerContainer<?, ?> container, String destination, String group);

    /**
     * True when this customization installs the binding's error handling in the container (retries
     * and dead letters), so that the binder must not retry and dead-letter inside the binding.
     */
    default boolean handlesErrors(String destination, String group) {
        return false;
    }
}
