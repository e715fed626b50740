package dev.signingsuite.events;

import java.util.regex.Pattern;

/**
 * Rules for identifiers (document, batch and tenant ids, client references). They travel as Kafka
 * keys, header values, log MDC values and URL path segments, so they are short and plain.
 */
public final class Ids {

    /** The longest identifier accepted. */
    public static final int MAX_LENGTH = 128;

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._:-]+");

    private Ids() {}

    /**
     * Returns {@code value} if it is a valid identifier.
     *
     * @throws IllegalArgumentException naming {@code field} if it is null, blank, too long or holds
     *     a character outside {@code [A-Za-z0-9._:-]}
     */
    public static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required and must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    field + " must be at most " + MAX_LENGTH + " characters but has " + value.length());
        }
        if (!ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " may hold only the characters [A-Za-z0-9._:-]");
        }
        return value;
    }

    /** Like {@link #require} but accepts {@code null}. */
    public static String optional(String value, String field) {
        return value == null ? null : require(value, field);
    }
}
