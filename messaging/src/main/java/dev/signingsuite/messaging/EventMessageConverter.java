package dev.signingsuite.messaging;

import dev.signingsuite.events.EventFormatException;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.EventTypes;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.AbstractMessageConverter;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.util.MimeTypeUtils;

/**
 * The suite's one JSON serde ({@link EventJson}) seen by Spring Cloud Stream: what a back-office
 * producer writes with {@code EventSerializer} is exactly what a service reads, and the reverse.
 */
public final class EventMessageConverter extends AbstractMessageConverter {

    public EventMessageConverter() {
        super(MimeTypeUtils.APPLICATION_JSON);
        // Records from plain Kafka producers carry no Spring contentType header.
        setStrictContentTypeMatch(false);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return EventTypes.isEvent(type);
    }

    @Override
    protected Object convertFromInternal(Message<?> message, Class<?> targetClass, Object conversionHint) {
        if (!(message.getPayload() instanceof byte[] json)) {
            return null;
        }
        try {
            return EventJson.read(json, targetClass);
        } catch (EventFormatException e) {
            // Permanent: the binder sends the record to its dead-letter topic with this message.
            throw new MessageConversionException(message, e.getMessage(), e);
        }
    }

    @Override
    protected Object convertToInternal(Object payload, MessageHeaders headers, Object conversionHint) {
        return EventJson.write(payload);
    }
}
