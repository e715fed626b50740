package dev.signingsuite.gateway.audit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.messaging.MessageHeaders;

/**
 * Who submitted a document, carried from the intake to the audit trail as the header {@value
 * #NAME} on {@code DocumentReceived}: {@code api-key <id>} for the REST intake, where the id is the
 * first 12 hex digits of the key's SHA-256 (the key itself is a secret and never stored), or
 * {@code kafka-intake}.
 */
public final class SubmitterHeader {

    public static final String NAME = "signing-submitter";

    public static final String KAFKA_INTAKE = "kafka-intake";

    private SubmitterHeader() {}

    public static String apiKey(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(UTF_8));
            return "api-key " + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    static String read(MessageHeaders headers) {
        Object value = headers.get(NAME);
        if (value == null) {
            return "unknown (no " + NAME + " header)";
        }
        String text = value instanceof byte[] bytes ? new String(bytes, UTF_8) : value.toString();
        return text.replace("\"", "");
    }
}
