package dev.signingsuite.gateway.status;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.springframework.messaging.MessageHeaders;

/**
 * The {@code signing-attempt} Kafka header (decimal; absent = 0): a deliberate re-processing of a
 * document that already has an outcome carries the next attempt number, a replay the same one.
 */
public final class Attempts {

    public static final String HEADER = "signing-attempt";

    private Attempts() {}

    /** @throws IllegalArgumentException when the header is present but not a non-negative number */
    public static int of(MessageHeaders headers) {
        Object value = headers.get(HEADER);
        if (value == null) {
            return 0;
        }
        String text = value instanceof byte[] bytes ? new String(bytes, UTF_8) : value.toString();
        // A header written by Spring's JSON header mapper arrives quoted.
        int attempt = Integer.parseInt(text.replace("\"", "").trim());
        if (attempt < 0) {
            throw new IllegalArgumentException(HEADER + " must not be negative: " + attempt);
        }
        return attempt;
    }
}
