package dev.signingsuite.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.EventTypes;
import java.time.Instant;
import java.util.Optional;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * The CloudEvents headers of a consumed record. Headers written by a plain Kafka producer arrive
 * as bytes, those written through Spring as strings; both read the same here.
 */
public record InboundEnvelope(
        String specVersion,
        String id,
        String type,
        String source,
        String subject,
        String traceparentValue,
        String startedAtValue) {

    /** An envelope without the time its document entered the suite. */
    public InboundEnvelope(
            String specVersion, String id, String type, String source, String subject, String traceparentValue) {
        this(specVersion, id, type, source, subject, traceparentValue, null);
    }

    public static InboundEnvelope of(Message<?> message) {
        MessageHeaders headers = message.getHeaders();
        return new InboundEnvelope(
                text(headers, CloudEventHeaders.SPEC_VERSION),
                text(headers, CloudEventHeaders.ID),
                text(headers, CloudEventHeaders.TYPE),
                text(headers, CloudEventHeaders.SOURCE),
                text(headers, CloudEventHeaders.SUBJECT),
                text(headers, CloudEventHeaders.TRACEPARENT),
                text(headers, EventMessages.STARTED_AT));
    }

    public Optional<String> traceparent() {
        return Optional.ofNullable(traceparentValue);
    }

    /** When the document entered the suite, as the first stage wrote it; empty if unknown or garbled. */
    public Optional<Instant> startedAt() {
        if (startedAtValue == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(startedAtValue.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * A record whose headers contradict its payload was written by a broken producer; processing it
     * could attach one document's outcome to another, so it is refused (and dead-lettered).
     */
    public void requireDescribes(DocumentEvent event) {
        requireType(event.getClass());
        require(
                event.documentId().equals(subject),
                CloudEventHeaders.SUBJECT,
                subject + " (payload is document " + event.documentId() + ")");
    }

    /** Like {@link #requireDescribes}, for records that carry no document id yet (intake). */
    public void requireType(Class<?> payloadType) {
        String expectedType = EventTypes.typeOf(payloadType);
        require(CloudEventHeaders.SPEC_VERSION_VALUE.equals(specVersion), CloudEventHeaders.SPEC_VERSION, specVersion);
        require(id != null && !id.isBlank(), CloudEventHeaders.ID, id);
        require(source != null && !source.isBlank(), CloudEventHeaders.SOURCE, source);
        require(expectedType.equals(type), CloudEventHeaders.TYPE, type + " (payload is " + expectedType + ")");
    }

    private static void require(boolean condition, String header, String actual) {
        if (!condition) {
            throw new InvalidEnvelopeException("header " + header + " is invalid: " + actual);
        }
    }

    private static String text(MessageHeaders headers, String name) {
        Object value = headers.get(name);
        if (value instanceof byte[] bytes) {
            return new String(bytes, UTF_8);
        }
        return value == null ? null : value.toString();
    }
}
