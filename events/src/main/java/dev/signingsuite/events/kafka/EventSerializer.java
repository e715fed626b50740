package dev.signingsuite.events.kafka;

import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.EventFormatException;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.EventTypes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes an event as JSON with {@link EventJson} and adds the CloudEvents binary-mode headers that
 * the record does not carry yet, so a header set upstream (a forwarded {@code ce_id}) wins.
 *
 * <p>Configuration: {@value #SOURCE_CONFIG} sets {@code ce_source} (default {@value
 * #DEFAULT_SOURCE}).
 */
public class EventSerializer implements Serializer<Object> {

    /** Configuration key of the {@code ce_source} value. */
    public static final String SOURCE_CONFIG = "signing.events.source";

    /** The {@code ce_source} used unless configured. */
    public static final String DEFAULT_SOURCE = "/signing-suite";

    private final Clock clock;
    private String source = DEFAULT_SOURCE;

    public EventSerializer() {
        this(Clock.systemUTC());
    }

    /** For tests that need a fixed {@code ce_time}. */
    public EventSerializer(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object configured = configs.get(SOURCE_CONFIG);
        if (configured != null && !configured.toString().isBlank()) {
            source = configured.toString();
        }
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        return data == null ? null : json(topic, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Object data) {
        if (data == null) {
            return null;
        }
        String type;
        try {
            type = EventTypes.typeOf(data.getClass());
        } catch (IllegalArgumentException e) {
            throw new SerializationException("Cannot write to topic " + topic + ": " + e.getMessage(), e);
        }
        byte[] json = json(topic, data);
        putIfAbsent(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        putIfAbsent(headers, CloudEventHeaders.ID, UUID.randomUUID().toString());
        putIfAbsent(headers, CloudEventHeaders.TYPE, type);
        putIfAbsent(headers, CloudEventHeaders.SOURCE, source);
        putIfAbsent(headers, CloudEventHeaders.TIME, clock.instant().toString());
        if (data instanceof DocumentEvent event) {
            putIfAbsent(headers, CloudEventHeaders.SUBJECT, event.documentId());
        }
        putIfAbsent(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE);
        return json;
    }

    private static byte[] json(String topic, Object data) {
        try {
            return EventJson.write(data);
        } catch (EventFormatException e) {
            throw new SerializationException("Cannot write to topic " + topic + ": " + e.getMessage(), e);
        }
    }

    private static void putIfAbsent(Headers headers, String name, String value) {
        if (headers.lastHeader(name) == null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
