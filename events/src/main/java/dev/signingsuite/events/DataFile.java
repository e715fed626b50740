package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One data file of a container. A container may hold several (one signature for a whole batch).
 * Exactly one of {@code blob} and {@code digest} is set: a file the suite stored, or, for digest
 * signing ({@link SignatureFormat#CADES_DETACHED}), only the digest of content it never sees.
 *
 * @param name the ZIP entry name in the container, checked by {@link FileNames#requireSafe}
 * @param blob where the file's bytes lie; null when only the digest is known
 * @param digest the digest of content that stays with the client (optional, added within v1); null
 *     when the bytes are in the blob store
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DataFile(String name, BlobRef blob, ContentDigest digest) {

    public DataFile {
        FileNames.requireSafe(name);
        if ((blob == null) == (digest == null)) {
            throw new IllegalArgumentException("a data file has exactly one of blob and digest");
        }
    }

    /** A file whose bytes lie in the blob store. */
    public DataFile(String name, BlobRef blob) {
        this(name, Checks.notNull(blob, "blob"), null);
    }

    /** Whether only the digest is known: no stage can read the bytes. */
    public boolean digestOnly() {
        return digest != null;
    }
}
