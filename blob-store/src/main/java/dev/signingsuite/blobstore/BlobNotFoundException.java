package dev.signingsuite.blobstore;

import java.io.IOException;

/** No blob answers a reference: it was never stored, or its retention ended. */
public final class BlobNotFoundException extends IOException {

    public BlobNotFoundException(String uri) {
        super("no blob at " + uri);
    }

    /** No blob can answer {@code uri} in this store at all; {@code reason} says why. */
    public BlobNotFoundException(String uri, String reason) {
        super("no blob at " + uri + ": " + reason);
    }
}
