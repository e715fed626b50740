package dev.signingsuite.messaging;

/** A record's CloudEvents headers are missing or contradict its payload: permanent, never retried. */
public final class InvalidEnvelopeException extends RuntimeException {

    public InvalidEnvelopeException(String message) {
        super(message);
    }
}
