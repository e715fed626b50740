package dev.signingsuite.augmentation.signature;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.events.BlobRef;
import java.io.IOException;
import java.io.InputStream;

/** The real store, with reads or writes failing as an unreachable S3 fails them (IOException). */
final class OutageBlobStore implements BlobStore {

    private final BlobStore store;
    volatile boolean reads = true;
    volatile boolean writes = true;
    volatile int stored;

    OutageBlobStore(BlobStore store) {
        this.store = store;
    }

    @Override
    public BlobRef put(String tenantId, InputStream content, String mediaType, long maxBytes) throws IOException {
        if (!writes) {
            throw new IOException("S3 refused to store: Unable to execute HTTP request: Connection refused");
        }
        stored++;
        return store.put(tenantId, content, mediaType, maxBytes);
    }

    @Override
    public InputStream open(BlobRef ref) throws IOException {
        if (!reads) {
            throw new IOException("S3 could not read " + ref.uri() + ": Connection refused");
        }
        return store.open(ref);
    }

    @Override
    public java.util.Optional<String> tenantOf(BlobRef ref) {
        return store.tenantOf(ref);
    }
}
