package dev.signingsuite.gateway.status;

import java.util.HashMap;
import java.util.Map;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Spring Cloud Function marks what a Spring Cloud Stream producer writes with CloudEvents headers
 * as {@code message-type=cloudevent}, and on reading such a record renames its {@code ce_*}
 * headers to the canonical {@code ce-*}. {@code InboundEnvelope} reads the Kafka names only, so
 * the Kafka names are put back before it looks. (Belongs in {@code InboundEnvelope}; see the
 * gateway README.)
 */
final class CanonicalHeaders {

    private static final String CANONICAL = "ce-";
    private static final String KAFKA = "ce_";

    private CanonicalHeaders() {}

    static <T> Message<T> kafkaPrefixed(Message<T> message) {
        Map<String, Object> restored = new HashMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (name.startsWith(CANONICAL)) {
                String kafkaName = KAFKA + name.substring(CANONICAL.length());
                if (!message.getHeaders().containsKey(kafkaName)) {
                    restored.put(kafkaName, value);
                }
            }
        });
        if (restored.isEmpty()) {
            return message;
        }
        return MessageBuilder.fromMessage(message).copyHeaders(restored).build();
    }
}
