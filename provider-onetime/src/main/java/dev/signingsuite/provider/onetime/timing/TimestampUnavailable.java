package dev.signingsuite.provider.onetime.timing;

/** No TSA answers: one-time signing waits (the poll is parked), nothing is failed. */
public final class TimestampUnavailable extends RuntimeException {

    public TimestampUnavailable(String message) {
        super(message);
    }
}
