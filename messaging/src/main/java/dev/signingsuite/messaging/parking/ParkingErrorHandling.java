package dev.signingsuite.messaging.parking;

import dev.signingsuite.messaging.ContainerCustomization;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.cloud.stream.binder.ConsumerProperties;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.FailedRecordProcessor;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.transaction.KafkaAwareTransactionManager;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ErrorMessage;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Moves retry and dead-lettering of a parked binding from the binder's in-binding retry (which
 * sleeps through all attempts inside one delivery, then dead-letters) into the listener container:
 * a declared transient failure is redelivered with growing delays and never dead-lettered; any
 * other failure is retried as the binding's consumer properties say and then handed to the
 * binder's own dead-letter handler through the binding's error channel, so dead letters keep the
 * binder's topic and headers. Works for a plain and for a transactional container (after-rollback
 * processor).
 */
final class ParkingErrorHandling implements ContainerCustomization {

    private final List<ParkedBinding> bindings;
    private final ParkingProperties properties;
    private final BindingServiceProperties bindingProperties;
    private final ListableBeanFactory beans;

    ParkingErrorHandling(
            List<ParkedBinding> bindings,
            ParkingProperties properties,
            BindingServiceProperties bindingProperties,
            ListableBeanFactory beans) {
        this.bindings = List.copyOf(bindings);
        this.properties = properties;
        this.bindingProperties = bindingProperties;
        this.beans = beans;
    }

    @Override
    public boolean handlesErrors(String destination, String group) {
        return find(destination, group).isPresent();
    }

    @Override
    public void customize(AbstractMessageListenerContainer<?, ?> container, String destination, String group) {
        Optional<ParkedBinding> parked = find(destination, group);
        if (parked.isEmpty()) {
            return;
        }
        ConsumerProperties consumer =
                bindingProperties.getConsumerProperties(parked.get().bindingName());
        BiConsumer<ConsumerRecord<?, ?>, Exception> deadLetter =
                deadLetter(parked.get().bindingName());
        BackOff otherFailures = retries(consumer);
        BackOff growing = growing();
        BiFunction<ConsumerRecord<?, ?>, Exception, BackOff> backOffs =
                (record, failure) -> parked.get().transientCause(failure).isPresent() ? growing : null;
        KafkaAwareTransactionManager<?, ?> transactions =
                container.getContainerProperties().getKafkaAwareTransactionManager();
        FailedRecordProcessor processor;
        if (transactions == null) {
            DefaultErrorHandler handler = new DefaultErrorHandler(deadLetter::accept, otherFailures);
            container.setCommonErrorHandler(handler);
            processor = handler;
        } else {
            processor = afterRollback(container, deadLetter, otherFailures, transactions);
        }
        processor.setBackOffFunction(backOffs);
        notRetryable(processor, consumer);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static FailedRecordProcessor afterRollback(
            AbstractMessageListenerContainer<?, ?> container,
            BiConsumer<ConsumerRecord<?, ?>, Exception> deadLetter,
            BackOff backOff,
            KafkaAwareTransactionManager<?, ?> transactions) {
        DefaultAfterRollbackProcessor afterRollback = new DefaultAfterRollbackProcessor<>(
                deadLetter, backOff, new KafkaTemplate<>(transactions.getProducerFactory()), true);
        ((AbstractMessageListenerContainer) container).setAfterRollbackProcessor(afterRollback);
        return afterRollback;
    }

    private Optional<ParkedBinding> find(String destination, String group) {
        return bindings.stream()
                // A batched stage hands its records back itself (ParkedBinding.redelivery).
                .filter(binding -> !bindingProperties
                        .getConsumerProperties(binding.bindingName())
                        .isBatchMode())
                .filter(binding -> {
                    BindingProperties declared = bindingProperties.getBindingProperties(binding.bindingName());
                    return destination.equals(declared.getDestination())
                            && group != null
                            && group.equals(declared.getGroup());
                })
                .findFirst();
    }

    // Unbounded: the stage itself ends the document once the record is older than the deadline.
    private BackOff growing() {
        ExponentialBackOff backOff =
                new ExponentialBackOff(properties.firstDelay().toMillis(), properties.multiplier());
        backOff.setMaxInterval(properties.maxDelay().toMillis());
        return backOff;
    }

    // The binder's own in-binding retry, rebuilt for the container: maxAttempts deliveries in all.
    private static BackOff retries(ConsumerProperties consumer) {
        ExponentialBackOff backOff =
                new ExponentialBackOff(consumer.getBackOffInitialInterval(), consumer.getBackOffMultiplier());
        backOff.setMaxInterval(consumer.getBackOffMaxInterval());
        backOff.setMaxAttempts(Math.max(0, consumer.getMaxAttempts() - 1));
        return backOff;
    }

    @SuppressWarnings("unchecked")
    private static void notRetryable(FailedRecordProcessor processor, ConsumerProperties consumer) {
        for (Map.Entry<Class<? extends Throwable>, Boolean> entry :
                consumer.getRetryableExceptions().entrySet()) {
            if (!entry.getValue() && Exception.class.isAssignableFrom(entry.getKey())) {
                processor.addNotRetryableExceptions((Class<? extends Exception>) entry.getKey());
            }
        }
    }

    // The binder subscribed its dead-letter handler to the binding's error channel when it bound the
    // consumer; the channel's name starts with the binder's instance name, known only at run time.
    private BiConsumer<ConsumerRecord<?, ?>, Exception> deadLetter(String bindingName) {
        String suffix = "." + bindingName + ".errors";
        return (record, failure) -> {
            Throwable cause = failure instanceof ListenerExecutionFailedException && failure.getCause() != null
                    ? failure.getCause()
                    : failure;
            MessageChannel channel = beans.getBeansOfType(MessageChannel.class).entrySet().stream()
                    .filter(entry -> entry.getKey().endsWith(suffix))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no error channel *" + suffix + " to dead-letter to"));
            channel.send(new ErrorMessage(cause, Map.of(IntegrationMessageHeaderAccessor.SOURCE_DATA, record)));
        };
    }
}
