package dev.signingsuite.messaging;

import org.springframework.messaging.Message;

/**
 * Where a stage puts a record it answered with {@code DocumentFailed} because of a permanent
 * exception, so that an operator still finds the record and its cause where the binder would have
 * put it: {@code error.<topic>.<group>} with the binder's {@code x-original-*} and
 * {@code x-exception-*} headers.
 */
@FunctionalInterface
public interface DeadLetters {

    /** @param message the consumed message the stage could not process */
    void publish(Message<?> message, Throwable cause);
}
