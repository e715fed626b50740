package dev.signingsuite.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.EventTypes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Wraps an outgoing event in the headers DESIGN.md §4 requires: CloudEvents binary mode, the
 * document id as Kafka key (so one batch spreads over every partition), and the trace of the event
 * that caused it. The first event of a document's path starts its trace and stamps the time the
 * document entered the suite ({@link #STARTED_AT}); the terminal events (assembled, failed) are
 * counted here, so that end-to-end latency and failure reasons are measured in one place for every
 * stage.
 */
public final class EventMessages {

    /** Epoch milliseconds at which the document entered the suite; copied onto every later event. */
    public static final String STARTED_AT = "signing_started_at";

    private final String source;
    private final Clock clock;
    private final MeterRegistry meters;
    private final CurrentTrace currentTrace;
    private final TraceContinuation continuation;

    public EventMessages(String source, Clock clock) {
        this(source, clock, new CompositeMeterRegistry());
    }

    public EventMessages(String source, Clock clock, MeterRegistry meters) {
        this(source, clock, meters, CurrentTrace.NONE, TraceContinuation.NONE);
    }

    EventMessages(
            String source,
            Clock clock,
            MeterRegistry meters,
            CurrentTrace currentTrace,
            TraceContinuation continuation) {
        this.source = source;
        this.clock = clock;
        this.meters = meters;
        this.currentTrace = currentTrace;
        this.continuation = continuation;
        // Registered at zero, so that Prometheus sees the first outcome as an increase: a series
        // that appears with value 1 has no rate, and the failure-ratio alert would miss it.
        SigningMeters.documentDuration(meters, "assembled");
        SigningMeters.documentDuration(meters, "failed");
    }

    /**
     * An event caused by {@code cause}: it continues the cause's trace, or starts one if it had none.
     * Within a span of that trace (the binder's consumer span) the event names that span as its
     * parent; a span of another trace (a poll of many documents) is not this document's.
     */
    public <T extends DocumentEvent> Message<T> toMessage(T event, InboundEnvelope cause) {
        Instant now = clock.instant();
        Instant startedAt = cause.startedAt().orElse(now);
        Optional<String> causeTrace =
                cause.traceparent().filter(value -> TraceContext.traceId(value).isPresent());
        String traceparent = currentTrace
                .traceparent()
                .filter(current -> causeTrace.isEmpty() || TraceContext.sameTrace(current, causeTrace.get()))
                .or(() -> causeTrace)
                .orElseGet(TraceContext::newTraceparent);
        record(event, startedAt, now);
        return builder(event, now, startedAt, traceparent).build();
    }

    /**
     * An event that starts a document's path (intake): a new trace, or the current span's (the
     * gateway's HTTP request that uploaded it).
     */
    public <T extends DocumentEvent> Message<T> toMessage(T event) {
        Instant now = clock.instant();
        record(event, now, now);
        String traceparent = currentTrace.traceparent().orElseGet(TraceContext::newTraceparent);
        return builder(event, now, now, traceparent).build();
    }

    /**
     * Sends {@code message} (through {@code send}, say a StreamBridge) within its document's trace.
     * Code that sends outside the record listener's call (a batch of documents, a poller) must send
     * this way: the producer observations would otherwise start a new trace.
     */
    public <R> R send(Message<?> message, Supplier<R> send) {
        InboundEnvelope envelope = InboundEnvelope.of(message);
        return continuation.around(traceparent(envelope), "send " + what(envelope), send);
    }

    /**
     * A span in the trace of the document {@code message} carries, for a stage that handles a poll
     * of many documents ({@link BatchedStage}): each document's work, log lines and events are its
     * own trace's, not the poll's.
     */
    public DocumentSpan span(Message<?> message) {
        InboundEnvelope envelope = InboundEnvelope.of(message);
        return continuation.open(traceparent(envelope), "process " + what(envelope));
    }

    private static String traceparent(InboundEnvelope envelope) {
        return envelope.traceparent().map(value -> value.replace("\"", "")).orElse(null);
    }

    private static String what(InboundEnvelope envelope) {
        return envelope.type() == null ? "event" : envelope.type();
    }

    private void record(DocumentEvent event, Instant startedAt, Instant now) {
        String outcome;
        if (event instanceof DocumentFailed failed) {
            SigningMeters.failures(
                            meters,
                            lower(failed.stage().name()),
                            lower(failed.reason().name()))
                    .increment();
            outcome = "failed";
        } else if (event instanceof ContainerAssembled) {
            outcome = "assembled";
        } else {
            return;
        }
        Duration elapsed = Duration.between(startedAt, now);
        SigningMeters.documentDuration(meters, outcome).record(elapsed.isNegative() ? Duration.ZERO : elapsed);
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private <T extends DocumentEvent> MessageBuilder<T> builder(
            T event, Instant now, Instant startedAt, String traceparent) {
        return MessageBuilder.withPayload(event)
                .setHeader(KafkaHeaders.KEY, event.documentId().getBytes(UTF_8))
                .setHeader(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE)
                .setHeader(CloudEventHeaders.ID, UUID.randomUUID().toString())
                .setHeader(CloudEventHeaders.TYPE, EventTypes.typeOf(event.getClass()))
                .setHeader(CloudEventHeaders.SOURCE, source)
                .setHeader(CloudEventHeaders.TIME, now.toString())
                .setHeader(CloudEventHeaders.SUBJECT, event.documentId())
                .setHeader(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE)
                .setHeader(CloudEventHeaders.TRACEPARENT, traceparent)
                .setHeader(STARTED_AT, Long.toString(startedAt.toEpochMilli()));
    }
}
