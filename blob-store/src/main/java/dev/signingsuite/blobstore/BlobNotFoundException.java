package dev.signingsuite.blobstore;

import java.io.IOException;

/** No blob answers a reference: it was never stored, or its retention ended. */
public final class BlobNotFoundException extends IOException {

    public BlobNotFoundException(String uri) {
        super("no blob at " + uri);
    }
}
