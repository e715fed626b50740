package dev.signingsuite.messaging;

import dev.signingsuite.events.EventFormatException;
import dev.signingsuite.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Clock;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.function.core.FunctionInvocationHelper;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.utils.DlqPartitionFunction;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.util.StringUtils;
import org.springframework.util.backoff.BackOff;

/** Imported by every service: the shared serde as Spring Cloud Stream's converter, topic names, headers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
    MessagingProperties.class,
    ReadinessProperties.class,
    BrokerReachability.BinderConnection.class,
    DedupProperties.class
})
public class MessagingConfiguration {

    @Bean
    Topics topics(MessagingProperties properties) {
        return Topics.withPrefix(properties.topicPrefix());
    }

    /** Spring Cloud Stream puts user-defined converters ahead of its own JSON converter. */
    @Bean
    EventMessageConverter eventMessageConverter() {
        return new EventMessageConverter();
    }

    @Bean
    EventMessages eventMessages(
            MessagingProperties properties,
            ObjectProvider<MeterRegistry> meters,
            ObjectProvider<ObservationRegistry> observations,
            CurrentTrace currentTrace) {
        return new EventMessages(
                properties.source(),
                Clock.systemUTC(),
                meters.getIfAvailable(CompositeMeterRegistry::new),
                currentTrace,
                new TraceContinuation(observations.getIfAvailable(() -> ObservationRegistry.NOOP), currentTrace));
    }

    @Bean
    TransactionalSends stageTransactionalSends(ObjectProvider<BinderFactory> binders) {
        return new TransactionalSends(binders);
    }

    /**
     * A stage's own dead letters, written in its transaction beside the DocumentFailed it answers.
     * Not named deadLetters: providers have an output binding of that name, whose channel is a bean.
     */
    @Bean
    DeadLetters stageDeadLetters(TransactionalSends sends, ObjectProvider<MeterRegistry> meters) {
        return new KafkaDeadLetters(sends, meters.getIfAvailable(CompositeMeterRegistry::new));
    }

    /** Runs a stage over whole polls, one transaction each (issue 20). */
    @Bean
    BatchedStages batchedStages(
            ObjectProvider<StreamBridge> bridge,
            DeadLetters stageDeadLetters,
            TransactionalSends sends,
            BindingServiceProperties bindings,
            MessagingProperties properties,
            EventMessages messages) {
        return new BatchedStages(bridge, stageDeadLetters, sends, bindings, properties, messages);
    }

    /** Creates the ledger of a stage that publishes at most one outcome per document and attempt. */
    @Bean
    StageLedgers stageLedgers(
            TransactionalSends sends, BrokerReachability.BinderConnection connection, DedupProperties dedup) {
        return new StageLedgers(sends, new LedgerReader(connection, dedup.window()), dedup.window(), Clock.systemUTC());
    }

    /**
     * Spans are recorded only when they go somewhere. Without an OTLP endpoint no span leaves the
     * process, yet recording every document's spans cost about 3 % of the suite's CPU (issue 20's
     * profile); the trace ids still travel in every {@code traceparent} and log line (unsampled
     * spans keep their ids). With an endpoint, {@code management.tracing.sampling.probability}
     * applies as in Boot's own sampler, which this replaces.
     */
    @Bean
    Sampler exportedSpansSampler(Environment environment) {
        boolean exported =
                StringUtils.hasText(environment.getProperty("management.opentelemetry.tracing.export.otlp.endpoint"));
        double probability = environment.getProperty("management.tracing.sampling.probability", Double.class, 1.0);
        return Sampler.parentBased(exported ? Sampler.traceIdRatioBased(probability) : Sampler.alwaysOff());
    }

    /** The current span as a traceparent; none where tracing is off (Boot's tests, for one). */
    @Bean
    CurrentTrace currentTrace(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Tracer activeTracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        Propagator activePropagator = propagator.getIfAvailable(() -> Propagator.NOOP);
        return activeTracer == Tracer.NOOP || activePropagator == Propagator.NOOP
                ? CurrentTrace.NONE
                : CurrentTrace.of(activeTracer, activePropagator);
    }

    @Bean
    FencedRestart fencedRestart() {
        return new FencedRestart();
    }

    /**
     * Trace and document ids in the MDC while a record is handled, then each service's own {@link
     * ContainerCustomization}s. The binder applies only one {@code ListenerContainerCustomizer}, so
     * services never declare their own.
     */
    @Bean
    ListenerContainerWithDlqAndRetryCustomizer correlationContainerCustomizer(
            ObjectProvider<MeterRegistry> meters,
            ObjectProvider<ContainerCustomization> customizations,
            CurrentTrace currentTrace,
            BindingReadiness readiness) {
        MeterRegistry registry = meters.getIfAvailable(CompositeMeterRegistry::new);
        return new ListenerContainerWithDlqAndRetryCustomizer() {

            @Override
            public void configure(
                    AbstractMessageListenerContainer<?, ?> container,
                    String destination,
                    String group,
                    BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
                    BackOff backOff) {
                correlate(container, currentTrace);
                readiness.track(container, destination, group);
                // Graceful shutdown: finish the record in hand, commit it, leave the rest of the poll
                // uncommitted for the partition's next owner (a batch listener finishes its batch).
                container.getContainerProperties().setStopImmediate(true);
                // A fenced producer's poll is not rolled back by spring-kafka: stop, and FencedRestart
                // starts the container again from the committed offsets.
                container.getContainerProperties().setStopContainerWhenFenced(true);
                // A transactional binder retries through the container's after-rollback processor,
                // which does not read the binding's retryable-exceptions: the same permanent errors.
                // (A parked binding's customization below installs its own, built from them.)
                if (container.getAfterRollbackProcessor() instanceof DefaultAfterRollbackProcessor<?, ?> rollback) {
                    rollback.addNotRetryableExceptions(
                            MessageConversionException.class,
                            InvalidEnvelopeException.class,
                            EventFormatException.class,
                            IllegalArgumentException.class);
                }
                // At zero from the start, so that the first dead letter is an increase Prometheus sees.
                if (group != null) {
                    SigningMeters.deadLetters(registry, destination, group);
                }
                customizations.orderedStream().forEach(c -> c.customize(container, destination, group));
            }

            // A customization that handles a binding's errors in the container (messaging's
            // parking) needs the binder's in-binding retry and dead-lettering off for it.
            @Override
            public boolean retryAndDlqInBinding(String destination, String group) {
                return customizations.orderedStream().noneMatch(c -> c.handlesErrors(destination, group));
            }
        };
    }

    /**
     * The readiness contributor {@code bindings} (management.endpoint.health.group.readiness in
     * signing-messaging.yml): consumer bindings assigned, and the cluster reachable where the
     * service asks for it.
     */
    @Bean
    BindingReadiness bindingsHealthIndicator(
            ReadinessProperties readiness, BrokerReachability.BinderConnection connection) {
        return new BindingReadiness(
                readiness.brokerCheck() ? new BrokerReachability(connection, readiness.brokerTimeout()) : null);
    }

    private static <K, V> void correlate(AbstractMessageListenerContainer<K, V> container, CurrentTrace currentTrace) {
        container.setRecordInterceptor(new CorrelationInterceptor<>(currentTrace));
        // A batch listener gets no record interceptor: a batched stage correlates each record itself.
        container.setBatchInterceptor(new ConsumedBatch<>());
    }

    /**
     * Counts every record the binder dead-letters ({@code signing.dead.letters{topic,group}}) and
     * keeps the binder's default partition choice: the record's own partition.
     */
    @Bean
    DlqPartitionFunction countingDlqPartitionFunction(ObjectProvider<MeterRegistry> meters) {
        MeterRegistry registry = meters.getIfAvailable(CompositeMeterRegistry::new);
        return (group, record, cause) -> {
            SigningMeters.deadLetters(registry, record.topic(), group).increment();
            return DlqPartitionFunction.ORIGINAL_PARTITION.apply(group, record, cause);
        };
    }

    /**
     * Switches Spring Cloud Function's own CloudEvents support off: {@link EventMessages} writes our
     * ce_ headers and {@link InboundEnvelope} checks them. Left on, it marks every output with a
     * {@code message-type} header and, on input carrying that marker, renames ce_ headers to ce-,
     * so the next stage saw no headers at all. Its auto-configuration backs off for this bean.
     */
    @Bean
    FunctionInvocationHelper<Message<?>> plainFunctionInvocationHelper() {
        return new FunctionInvocationHelper<>() {};
    }
}
