package dev.signingsuite.messaging;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The record the listener container hands the stage on this thread, as the broker delivered it
 * (bytes and headers): a stage that dead-letters a record itself writes it unchanged, as the
 * binder would. Set and cleared by {@link CorrelationInterceptor}.
 */
final class ConsumedRecord {

    private static final ThreadLocal<ConsumerRecord<?, ?>> CURRENT = new ThreadLocal<>();

    private ConsumedRecord() {}

    static void set(ConsumerRecord<?, ?> record) {
        CURRENT.set(record);
    }

    static void clear() {
        CURRENT.remove();
    }

    static Optional<ConsumerRecord<?, ?>> current() {
        return Optional.ofNullable(CURRENT.get());
    }
}
