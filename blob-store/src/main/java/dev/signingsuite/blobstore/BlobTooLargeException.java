package dev.signingsuite.blobstore;

import java.io.IOException;

/** The content exceeded the limit it was stored under; nothing was kept. */
public final class BlobTooLargeException extends IOException {

    private final long limit;

    public BlobTooLargeException(long limit) {
        super("content exceeds the limit of " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
