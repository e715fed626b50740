package dev.signingsuite.gateway.webhooks;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature: {@code v1,} and the base64 of HMAC-SHA256 over {@code
 * <webhook-id>.<webhook-timestamp>.<body>}, keyed by the bytes the {@code whsec_} secret encodes.
 */
final class WebhookSignature {

    static final String PREFIX = "whsec_";
    private static final int MIN_KEY_BYTES = 24;
    private static final int MAX_KEY_BYTES = 64;

    private WebhookSignature() {}

    /** @throws IllegalArgumentException naming what is wrong, never the secret */
    static byte[] keyOf(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("webhook secret must start with " + PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("webhook secret is not " + PREFIX + "<base64>");
        }
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "webhook secret must encode " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES + " bytes");
        }
        return key;
    }

    /** The {@code webhook-signature} header's value. */
    static String sign(byte[] key, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = mac.doFinal((id + "." + timestamp + "." + body).getBytes(UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
