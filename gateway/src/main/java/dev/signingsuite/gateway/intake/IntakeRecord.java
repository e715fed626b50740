package dev.signingsuite.gateway.intake;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.DocumentSubmitted;
import dev.signingsuite.events.EventFormatException;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.EventTypes;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * One intake record as a back office writes it, with whatever Kafka client it has: the CloudEvents
 * headers are optional (the intake topic carries only {@link DocumentSubmitted}), but those it sets
 * must agree with the payload. What is missing is filled in, so that every later stage sees a full
 * envelope; the id comes from the record's place on the topic, so a redelivery keeps it.
 *
 * <p>A record that cannot be read is refused with a description that names the field and the
 * problem but never repeats a value: it ends up in dead-letter headers and logs, which operators
 * read and which must not carry documents' contents or a producer's secrets.
 */
final class IntakeRecord {

    private static final String TYPE = EventTypes.typeOf(DocumentSubmitted.class);
    /** The source of records whose producer named none. */
    static final String PLAIN_PRODUCER_SOURCE = "/kafka-intake";

    private IntakeRecord() {}

    /**
     * @param record where the record sits ({@code topic/partition/offset}), null outside Kafka
     * @throws Unreadable if the headers contradict the payload type or the payload is no {@link
     *     DocumentSubmitted}
     */
    static Message<DocumentSubmitted> read(Message<byte[]> raw, String record) {
        MessageHeaders headers = raw.getHeaders();
        String specVersion = text(headers, CloudEventHeaders.SPEC_VERSION);
        String type = text(headers, CloudEventHeaders.TYPE);
        if (specVersion != null && !CloudEventHeaders.SPEC_VERSION_VALUE.equals(specVersion)) {
            throw new Unreadable("header " + CloudEventHeaders.SPEC_VERSION + " must be "
                    + CloudEventHeaders.SPEC_VERSION_VALUE + " when set");
        }
        if (type != null && !TYPE.equals(type)) {
            throw new Unreadable("header " + CloudEventHeaders.TYPE + " must be " + TYPE
                    + " when set: the intake topic carries only DocumentSubmitted");
        }
        DocumentSubmitted submitted = payload(raw.getPayload());
        MessageBuilder<DocumentSubmitted> envelope =
                MessageBuilder.withPayload(submitted).copyHeaders(headers);
        Map<String, String> defaults = Map.of(
                CloudEventHeaders.SPEC_VERSION,
                CloudEventHeaders.SPEC_VERSION_VALUE,
                CloudEventHeaders.TYPE,
                TYPE,
                CloudEventHeaders.SOURCE,
                PLAIN_PRODUCER_SOURCE,
                CloudEventHeaders.ID,
                record == null ? "kafka-intake" : "kafka:" + record);
        defaults.forEach((name, value) -> {
            String set = text(headers, name);
            if (set == null || set.isBlank()) {
                envelope.setHeader(name, value);
            }
        });
        return envelope.build();
    }

    private static DocumentSubmitted payload(byte[] value) {
        try {
            return EventJson.read(value, DocumentSubmitted.class);
        } catch (EventFormatException e) {
            throw new Unreadable(describe(e));
        }
    }

    /** What is wrong, by field and kind, without the offending value. */
    static String describe(EventFormatException e) {
        Throwable cause = e.getCause();
        if (cause == null) {
            return "the record is empty";
        }
        for (Throwable c = cause; c != null && c.getCause() != c; c = c.getCause()) {
            // The records' own invariants (events' Checks) name the field and never echo a value.
            if (c instanceof IllegalArgumentException invariant) {
                return "not a DocumentSubmitted: " + invariant.getMessage();
            }
        }
        if (!(cause instanceof JacksonException jackson)) {
            return "not a DocumentSubmitted";
        }
        String field = jackson.getPath().stream()
                .map(step -> step.getPropertyName() != null ? step.getPropertyName() : "[" + step.getIndex() + "]")
                .collect(Collectors.joining("."));
        String at = field.isEmpty() ? "" : " (field " + field + ")";
        if (jackson instanceof UnrecognizedPropertyException) {
            return "not a DocumentSubmitted: unknown field" + at;
        }
        if (jackson instanceof InvalidFormatException invalid) {
            return "not a DocumentSubmitted: a value is not a valid "
                    + invalid.getTargetType().getSimpleName() + at;
        }
        if (jackson instanceof MismatchedInputException) {
            return "not a DocumentSubmitted: a value has the wrong JSON type or is missing" + at;
        }
        if (jackson instanceof StreamReadException read && read.getLocation() != null) {
            return "not JSON: malformed at line " + read.getLocation().getLineNr() + ", column "
                    + read.getLocation().getColumnNr();
        }
        return "not a DocumentSubmitted" + at;
    }

    private static String text(MessageHeaders headers, String name) {
        Object value = headers.get(name);
        if (value instanceof byte[] bytes) {
            return new String(bytes, UTF_8);
        }
        return value == null ? null : value.toString();
    }

    /** A record the intake cannot take: dead-lettered with this message as its cause. */
    static final class Unreadable extends RuntimeException {

        Unreadable(String message) {
            // No cause and no stack: the dead letter's x-exception-* headers repeat only this text.
            super(message, null, false, false);
        }
    }
}
