package dev.signingsuite.gateway.intake;

import dev.signingsuite.events.FailureReason;

/**
 * A document the gateway refuses to take in. The Kafka intake turns it into {@code DocumentFailed};
 * the REST intake into a problem response, before any event is written.
 */
public final class IntakeRejectedException extends RuntimeException {

    private final FailureReason reason;

    public IntakeRejectedException(FailureReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public FailureReason reason() {
        return reason;
    }
}
