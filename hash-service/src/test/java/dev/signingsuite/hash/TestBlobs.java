package dev.signingsuite.hash;

import dev.signingsuite.events.BlobRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** Digests computed by the test itself, and the file behind a blob, for tests that tamper with it. */
public final class TestBlobs {

    private TestBlobs() {}

    /**
     * The file that holds {@code ref} under {@code root}: {@code FileSystemBlobStore} documents its
     * URIs as {@code fs:<tenant>/<sha256>}, relative to the root.
     */
    public static Path fileOf(Path root, BlobRef ref) {
        if (!ref.uri().startsWith("fs:")) {
            throw new IllegalArgumentException("not a filesystem blob: " + ref.uri());
        }
        return root.resolve(ref.uri().substring("fs:".length()));
    }

    /** Replaces the stored bytes behind {@code ref}, as a broken disk or an intruder would. */
    public static void overwrite(Path root, BlobRef ref, byte[] content) {
        try {
            Files.write(fileOf(root, ref), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256Hex(byte[] content) {
        return HexFormat.of().formatHex(sha256().digest(content));
    }

    public static String sha256Base64(byte[] content) {
        return Base64.getEncoder().encodeToString(sha256().digest(content));
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
