package dev.signingsuite.hash.digest;

import dev.signingsuite.blobstore.BlobNotFoundException;
import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.DataFile;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Checks that the blob store still holds the bytes the gateway received: the signature will cover
 * the digests in the {@link BlobRef}s, and container-service will package the stored bytes, so the
 * two must be the same document. Blobs are streamed through SHA-256 in 64 KiB steps; a document is
 * never held in memory whole.
 */
public final class BlobVerifier {

    static final int BUFFER_SIZE = 64 * 1024;

    private final BlobStore blobs;

    public BlobVerifier(BlobStore blobs) {
        this.blobs = blobs;
    }

    /**
     * Why the stored bytes of {@code file} are not the ones received, or empty when they are; a
     * blob stored for another tenant than the document's is not the one received either.
     *
     * @throws IOException when the store cannot be read (transient); a missing blob is not thrown but
     *     reported, since retrying cannot bring it back
     */
    public Optional<String> mismatch(String tenantId, DataFile file) throws IOException {
        BlobRef expected = file.blob();
        Optional<String> owner = blobs.tenantOf(expected);
        if (owner.isEmpty() || !owner.get().equals(tenantId)) {
            // Only a writer of an internal topic can name another tenant's blob; never sign it.
            return Optional.of(describe(file) + " is not a blob of tenant " + tenantId + " ("
                    + owner.map(o -> "stored for another tenant").orElse("not a reference of this blob store") + ")");
        }
        MessageDigest sha256 = sha256();
        long size = 0;
        try (InputStream in = blobs.open(expected)) {
            byte[] buffer = new byte[BUFFER_SIZE];
            for (int read; (read = in.read(buffer)) != -1; ) {
                size += read;
                if (size > expected.size()) {
                    // Stop here: a blob swapped for a larger one is not worth reading to its end.
                    return Optional.of(describe(file) + " holds more than the " + expected.size()
                            + " bytes received in the blob store");
                }
                sha256.update(buffer, 0, read);
            }
        } catch (BlobNotFoundException e) {
            return Optional.of(describe(file) + " is missing from the blob store (" + expected.uri() + ")");
        }
        if (size != expected.size()) {
            return Optional.of(describe(file) + " holds " + size + " bytes in the blob store but " + expected.size()
                    + " when received");
        }
        String actual = HexFormat.of().formatHex(sha256.digest());
        if (!actual.equals(expected.sha256())) {
            return Optional.of(describe(file) + " has SHA-256 " + actual + " in the blob store but " + expected.sha256()
                    + " when received");
        }
        return Optional.empty();
    }

    private static String describe(DataFile file) {
        return "file '" + file.name() + "'";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
