package dev.signingsuite.events.kafka;

import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.EventFormatException;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.EventTypes;
import dev.signingsuite.events.Topic;
import dev.signingsuite.events.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads an event, choosing the record by the {@code ce_type} header or, when the header is absent,
 * by the topic name under any prefix ({@link Topics#resolve}). Failures are {@link
 * SerializationException}s naming the topic and the reason, so the binder dead-letters the record.
 */
public class EventDeserializer implements Deserializer<Object> {

    @Override
    public Object deserialize(String topic, byte[] data) {
        return data == null ? null : read(topic, data, typeOfTopic(topic));
    }

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }
        Header typeHeader = headers == null ? null : headers.lastHeader(CloudEventHeaders.TYPE);
        if (typeHeader == null || typeHeader.value() == null) {
            return read(topic, data, typeOfTopic(topic));
        }
        String type = new String(typeHeader.value(), StandardCharsets.UTF_8);
        Class<?> eventClass = EventTypes.classOf(type)
                .orElseThrow(() -> new SerializationException(
                        "Cannot read from topic " + topic + ": unknown ce_type '" + type + "'"));
        return read(topic, data, eventClass);
    }

    private static Class<?> typeOfTopic(String topic) {
        return Topics.resolve(topic)
                .<Class<?>>map(Topic::payloadType)
                .orElseThrow(() -> new SerializationException("Cannot read from topic " + topic
                        + ": no ce_type header and the topic is not a topic of the signing suite"));
    }

    private static Object read(String topic, byte[] data, Class<?> eventClass) {
        try {
            return EventJson.read(data, eventClass);
        } catch (EventFormatException e) {
            throw new SerializationException("Cannot read from topic " + topic + ": " + e.getMessage(), e);
        }
    }
}
