package dev.signingsuite.events;

/**
 * A typed Kafka topic: its name, the payload it carries and the one service that writes it.
 *
 * @param name the full topic name, e.g. {@code signing.document-received.v1}
 * @param payloadType the record every message on the topic holds
 * @param writer the service that writes the topic ({@code any stage} for failures)
 * @param <T> the payload type
 */
public record Topic<T>(String name, Class<T> payloadType, String writer) {

    public Topic {
        Checks.notBlank(name, "name");
        Checks.notNull(payloadType, "payloadType");
        Checks.notBlank(writer, "writer");
    }
}
