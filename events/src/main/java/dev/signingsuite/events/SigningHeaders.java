package dev.signingsuite.events;

import static java.nio.charset.StandardCharsets.UTF_8;

/** Kafka headers of the suite beside the CloudEvents ones. */
public final class SigningHeaders {

    /**
     * The attempt at a document, a decimal integer; absent means 0. A deliberate re-processing of a
     * document that already has an outcome (re-augmenting a kept signature value) republishes its
     * input with the next attempt; stages copy the header onto their outcome and deduplicate per
     * document and attempt.
     */
    public static final String ATTEMPT = "signing-attempt";

    private SigningHeaders() {}

    /**
     * The attempt a header value names: 0 for none; raw bytes and strings (JSON-quoted or not) alike.
     *
     * @throws IllegalArgumentException for a value that is not a non-negative decimal integer
     */
    public static int attempt(Object value) {
        if (value == null) {
            return 0;
        }
        String text = value instanceof byte[] bytes ? new String(bytes, UTF_8) : value.toString();
        text = text.trim();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        if (value instanceof Number number) {
            text = Long.toString(number.longValue());
        }
        try {
            int attempt = Integer.parseInt(text);
            if (attempt >= 0) {
                return attempt;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "header " + ATTEMPT + " must be a non-negative integer but was '" + text + "'");
    }
}
