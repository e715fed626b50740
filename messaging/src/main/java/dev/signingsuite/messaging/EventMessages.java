package dev.signingsuite.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.EventTypes;
import java.time.Clock;
import java.util.UUID;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Wraps an outgoing event in the headers DESIGN.md §4 requires: CloudEvents binary mode, the
 * document id as Kafka key (so one batch spreads over every partition), and the trace of the event
 * that caused it.
 */
public final class EventMessages {

    private final String source;
    private final Clock clock;

    public EventMessages(String source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /** An event caused by {@code cause}: it continues the cause's trace. */
    public <T extends DocumentEvent> Message<T> toMessage(T event, InboundEnvelope cause) {
        MessageBuilder<T> builder = builder(event);
        cause.traceparent().ifPresent(trace -> builder.setHeader(CloudEventHeaders.TRACEPARENT, trace));
        return builder.build();
    }

    /** An event that starts a document's path (intake). */
    public <T extends DocumentEvent> Message<T> toMessage(T event) {
        return builder(event).build();
    }

    private <T extends DocumentEvent> MessageBuilder<T> builder(T event) {
        return MessageBuilder.withPayload(event)
                .setHeader(KafkaHeaders.KEY, event.documentId().getBytes(UTF_8))
                .setHeader(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE)
                .setHeader(CloudEventHeaders.ID, UUID.randomUUID().toString())
                .setHeader(CloudEventHeaders.TYPE, EventTypes.typeOf(event.getClass()))
                .setHeader(CloudEventHeaders.SOURCE, source)
                .setHeader(CloudEventHeaders.TIME, clock.instant().toString())
                .setHeader(CloudEventHeaders.SUBJECT, event.documentId())
                .setHeader(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE);
    }
}
