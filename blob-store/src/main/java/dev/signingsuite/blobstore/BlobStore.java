package dev.signingsuite.blobstore;

import dev.signingsuite.events.BlobRef;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where document bytes live while the suite works on them (DESIGN.md §1, claim check): written
 * once at intake, read by hash-service and container-service. Only {@link BlobRef}s travel on
 * Kafka.
 */
public interface BlobStore {

    /**
     * Stores {@code content}, computing its size and SHA-256 on the way.
     *
     * @param maxBytes the most this blob may hold; reading stops after it, before more is stored
     * @throws BlobTooLargeException when {@code content} holds more than {@code maxBytes}
     */
    BlobRef put(String tenantId, InputStream content, String mediaType, long maxBytes) throws IOException;

    /**
     * Opens a blob for reading.
     *
     * @throws BlobNotFoundException when no blob answers {@code ref}
     */
    InputStream open(BlobRef ref) throws IOException;

    /**
     * The tenant a reference of this store names, so that a reader can check it against the event
     * that carries the reference (a record naming one tenant and another's blob is refused, not
     * signed); empty when the reference is not one this store writes.
     */
    Optional<String> tenantOf(BlobRef ref);

    /**
     * Deletes the blob a reference of this store names ({@link BlobRef#uri()}), for the gateway's
     * retention (ADR 31). Deleting what is not there is no error: a job that crashed after the
     * deletion runs again.
     *
     * @return whether a blob was there
     * @throws IllegalArgumentException when {@code uri} is not a reference this store writes
     * @throws UnsupportedOperationException from a store that keeps everything (a test's stand-in)
     */
    default boolean delete(String uri) throws IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " deletes nothing");
    }
}
