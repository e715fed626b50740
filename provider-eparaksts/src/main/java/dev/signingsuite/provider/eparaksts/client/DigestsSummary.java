package dev.signingsuite.provider.eparaksts.client;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The {@code digests_summary} a signing authorization names (spec section 9.1): base64 of HASH over
 * the digest bytes for one digest (UNKNOVS {@code calculateSummary.md}); for several, HASH over the
 * digests concatenated in the order they are signed, which the spec calls the obvious candidate and
 * marks inferred. SignAPI users echo its summary instead; this provider has no SignAPI session.
 */
public final class DigestsSummary {

    private DigestsSummary() {}

    public static String of(String algorithm, List<byte[]> digests) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        digests.forEach(all::writeBytes);
        String name = switch (algorithm.toLowerCase(Locale.ROOT)) {
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            default -> throw new IllegalArgumentException("not a digests_summary_algorithm: " + algorithm);
        };
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance(name).digest(all.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
