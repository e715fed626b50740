package dev.signingsuite.gateway.intake;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignerRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What makes two submissions under one reference "the same": every file's name, media type and
 * content digest, the signer, format and level. Both intakes compute it alike, so a reference used
 * on Kafka and again over REST compares equal when the document is. The batch is not part of it:
 * REST assigns batch ids itself.
 */
public final class IntakeFingerprint {

    /** One data file as the fingerprint sees it. */
    public record FileDigest(String name, String mediaType, String sha256) {}

    private IntakeFingerprint() {}

    public static String of(List<FileDigest> files, SignerRef signer, SignatureFormat format, SignatureLevel level) {
        MessageDigest digest = sha256();
        StringBuilder canonical = new StringBuilder();
        for (FileDigest file : files) {
            // Safe names and media types hold no control character: a newline separates fields.
            canonical.append("file\n").append(file.name()).append('\n');
            canonical
                    .append(file.mediaType())
                    .append('\n')
                    .append(file.sha256())
                    .append('\n');
        }
        canonical.append("signer\n").append(signer.provider().id()).append('\n');
        canonical
                .append(signer.identity())
                .append('\n')
                .append(format)
                .append('\n')
                .append(level);
        return HexFormat.of().formatHex(digest.digest(canonical.toString().getBytes(UTF_8)));
    }

    public static String sha256Hex(byte[] content) {
        return HexFormat.of().formatHex(sha256().digest(content));
    }

    /** Streams {@code content} through SHA-256 without holding it. */
    public static String sha256Hex(InputStream content) throws IOException {
        MessageDigest digest = sha256();
        try (DigestInputStream in = new DigestInputStream(content, digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
