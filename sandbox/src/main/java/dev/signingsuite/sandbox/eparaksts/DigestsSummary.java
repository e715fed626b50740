package dev.signingsuite.sandbox.eparaksts;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The {@code digests_summary} a signing token is approved for (spec section 9.1): for one digest
 * {@code base64(HASH(digest bytes))} (UNKNOVS {@code calculateSummary.md}); for several, HASH over
 * the digests concatenated in request order, the spec's "obvious candidate" and marked inferred.
 * HASH is named by {@code digests_summary_algorithm}: {@code sha256} by default, {@code SHA384} in
 * another TrustedX deployment (UAE PASS).
 */
final class DigestsSummary {

    private DigestsSummary() {}

    /** The JCA name of a {@code digests_summary_algorithm}, or null when it is not one. */
    static String hash(String algorithm) {
        if (algorithm == null) {
            return null;
        }
        return switch (algorithm.toLowerCase(Locale.ROOT).replace("-", "")) {
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            default -> null;
        };
    }

    static String of(String algorithm, List<byte[]> digests) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        digests.forEach(all::writeBytes);
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance(hash(algorithm)).digest(all.toByteArray()));
        } catch (NoSuchAlgorithmException | NullPointerException e) {
            throw new IllegalArgumentException("not a digests_summary_algorithm: " + algorithm, e);
        }
    }
}
