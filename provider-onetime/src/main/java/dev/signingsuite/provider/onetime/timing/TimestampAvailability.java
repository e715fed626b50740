package dev.signingsuite.provider.onetime.timing;

/**
 * Whether a signature made now would get its timestamp while the one-time certificate lasts.
 * Asked before a key is generated and before each group is signed.
 */
public interface TimestampAvailability {

    /** @throws TimestampUnavailable when no TSA answers now */
    void requireAvailable();

    /** No check: for tests of other parts, and a deployment that wants none. */
    TimestampAvailability ALWAYS = () -> {};
}
