package dev.signingsuite.sandbox.faults;

/** What a request hit by a {@link FaultProfile} gets instead of (or before) its real answer. */
public enum Fault {
    /** {@code 500 Internal Server Error}. */
    HTTP_500,
    /** {@code 503 Service Unavailable} with {@code Retry-After: 1}. */
    HTTP_503,
    /** {@code 429 Too Many Requests} with {@code Retry-After: 1}. */
    HTTP_429,
    /** No answer: the connection is held open until the client gives up (closed after {@link Faults#TIMEOUT_HOLD}). */
    TIMEOUT,
    /** The real answer, after {@link FaultProfile#slowBy()}. */
    SLOW,
    /** The connection is closed without any response bytes. */
    RESET
}
