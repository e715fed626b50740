package dev.signingsuite.events;

/**
 * An event could not be written or read as JSON. The message names the type and the problem but
 * never holds the payload, which may carry document bytes or personal data.
 */
public class EventFormatException extends RuntimeException {

    public EventFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
