package dev.signingsuite.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.testclock.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;

/** EventMessages with a real OpenTelemetry tracer behind Micrometer Tracing, as every service runs it. */
class EventMessagesTracingTest {

    private static final String CAUSE_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CAUSE_SPAN = "00f067aa0ba902b7";
    private static final InboundEnvelope CAUSE =
            new InboundEnvelope("1.0", "c-1", "t", "/s", "doc-1", "00-" + CAUSE_TRACE + "-" + CAUSE_SPAN + "-01");
    private static final DocumentFailed FAILED = new DocumentFailed(
            DocumentFailed.SCHEMA_VERSION,
            "doc-1",
            "batch-1",
            "demo",
            null,
            FailureStage.PROVIDER,
            FailureReason.INVALID_DOCUMENT,
            "test",
            Instant.parse("2026-11-23T09:00:00Z"));

    private final SdkTracerProvider provider = SdkTracerProvider.builder().build();
    private final io.opentelemetry.api.trace.Tracer otel = provider.get("test");
    private final Tracer tracer = new OtelTracer(otel, new OtelCurrentTraceContext(), event -> {});
    private final Propagator propagator =
            new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel);
    private final ObservationRegistry observations = ObservationRegistry.create();
    private final CurrentTrace currentTrace = CurrentTrace.of(tracer, propagator);
    private final EventMessages messages;

    EventMessagesTracingTest() {
        observations
                .observationConfig()
                .observationHandler(new PropagatingReceiverTracingObservationHandler<>(tracer, propagator));
        messages = new EventMessages(
                "/test",
                TestClock.system(),
                new SimpleMeterRegistry(),
                currentTrace,
                new TraceContinuation(observations, currentTrace));
    }

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void withinASpanOfTheCausesTraceTheEventNamesThatSpanAsItsParent() {
        Span consumer = remoteChildOfCause();
        try (var scope = tracer.withSpan(consumer)) {
            String traceparent = traceparent(messages.toMessage(FAILED, CAUSE));

            assertThat(traceparent)
                    .isEqualTo("00-" + CAUSE_TRACE + "-" + consumer.context().spanId() + "-01");
        } finally {
            consumer.end();
        }
    }

    @Test
    void withinASpanOfAnotherTraceTheEventKeepsItsCausesTrace() {
        Span poll = tracer.nextSpan().name("poll").start();
        try (var scope = tracer.withSpan(poll)) {
            assertThat(traceparent(messages.toMessage(FAILED, CAUSE))).isEqualTo(CAUSE.traceparentValue());
        } finally {
            poll.end();
        }
    }

    @Test
    void aSendOutsideTheDocumentsTraceRunsInASpanContinuingIt() {
        Message<DocumentFailed> message = messages.toMessage(FAILED, CAUSE);
        AtomicReference<Span> during = new AtomicReference<>();

        boolean sent = messages.send(message, () -> {
            during.set(tracer.currentSpan());
            return true;
        });

        assertThat(sent).isTrue();
        assertThat(during.get()).isNotNull();
        assertThat(during.get().context().traceId()).isEqualTo(CAUSE_TRACE);
        assertThat(during.get().context().parentId()).isEqualTo(CAUSE_SPAN);
        assertThat(tracer.currentSpan()).as("closed after the send").isNull();
    }

    @Test
    void aSendWithinTheDocumentsTraceOpensNoFurtherSpan() {
        Span consumer = remoteChildOfCause();
        try (var scope = tracer.withSpan(consumer)) {
            Message<DocumentFailed> message = messages.toMessage(FAILED, CAUSE);
            Span during = messages.send(message, tracer::currentSpan);

            assertThat(during.context().spanId()).isEqualTo(consumer.context().spanId());
        } finally {
            consumer.end();
        }
    }

    private Span remoteChildOfCause() {
        return propagator
                .extract(
                        CAUSE,
                        (carrier, key) -> key.equals(CloudEventHeaders.TRACEPARENT) ? carrier.traceparentValue() : null)
                .name("consume")
                .start();
    }

    private static String traceparent(Message<?> message) {
        return message.getHeaders().get(CloudEventHeaders.TRACEPARENT, String.class);
    }
}
