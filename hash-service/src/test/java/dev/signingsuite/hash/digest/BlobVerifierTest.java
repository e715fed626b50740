package dev.signingsuite.hash.digest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.blobstore.FileSystemBlobStore;
import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.hash.TestBlobs;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobVerifierTest {

    private static final String TENANT = "demo";

    @TempDir
    Path root;

    @TempDir
    Path scratch;

    private FileSystemBlobStore store;
    private ObservingStore observed;
    private BlobVerifier verifier;

    @BeforeEach
    void setUp() throws IOException {
        store = new FileSystemBlobStore(root);
        observed = new ObservingStore(store);
        verifier = new BlobVerifier(observed);
    }

    @Test
    void theBlobReceivedMatches() throws IOException {
        BlobRef ref = put("%PDF-1.7 invoice 1".getBytes(UTF_8));

        assertThat(verifier.mismatch(TENANT, new DataFile("invoice.pdf", ref))).isEmpty();
        assertThat(observed.bytesRead).isEqualTo(ref.size());
    }

    @Test
    void anotherTenantsBlobIsRefusedUnread() throws IOException {
        BlobRef theirs = store.put("ghost", new ByteArrayInputStream(new byte[] {1}), "application/pdf", 10);
        BlobRef foreign = new BlobRef("s3://bucket/demo/" + "0".repeat(32), 1, "application/pdf", theirs.sha256());

        assertThat(verifier.mismatch(TENANT, new DataFile("invoice.pdf", theirs)))
                .hasValue("file 'invoice.pdf' is not a blob of tenant demo (stored for another tenant)");
        assertThat(verifier.mismatch(TENANT, new DataFile("invoice.pdf", foreign)))
                .hasValue("file 'invoice.pdf' is not a blob of tenant demo (not a reference of this blob store)");
        assertThat(observed.reads).as("nothing read").isZero();
    }

    @Test
    void aTamperedBlobOfTheSameSizeIsReportedWithBothDigests() throws IOException {
        byte[] received = "%PDF-1.7 pay 100 EUR".getBytes(UTF_8);
        byte[] tampered = "%PDF-1.7 pay 900 EUR".getBytes(UTF_8);
        BlobRef ref = put(received);
        TestBlobs.overwrite(root, ref, tampered);

        assertThat(verifier.mismatch(TENANT, new DataFile("invoice.pdf", ref)))
                .hasValue("file 'invoice.pdf' has SHA-256 " + TestBlobs.sha256Hex(tampered) + " in the blob store but "
                        + TestBlobs.sha256Hex(received) + " when received");
    }

    @Test
    void aMissingBlobIsReportedNotThrown() throws IOException {
        BlobRef ref = put("gone".getBytes(UTF_8));
        Files.delete(TestBlobs.fileOf(root, ref));

        assertThat(verifier.mismatch(TENANT, new DataFile("invoice.pdf", ref)))
                .hasValue("file 'invoice.pdf' is missing from the blob store (" + ref.uri() + ")");
    }

    @Test
    void aBlobShorterThanReceivedIsReported() throws IOException {
        BlobRef stored = put("twelve bytes".getBytes(UTF_8));
        BlobRef claimed = new BlobRef(stored.uri(), 13, stored.mediaType(), stored.sha256());

        assertThat(verifier.mismatch(TENANT, new DataFile("a.txt", claimed)))
                .hasValue("file 'a.txt' holds 12 bytes in the blob store but 13 when received");
    }

    @Test
    void aBlobLongerThanReceivedIsReportedWithoutReadingItToTheEnd() throws IOException {
        BlobRef stored = putLarge(4 * 1024 * 1024 + 7, 1);
        BlobRef claimed = new BlobRef(stored.uri(), 1000, stored.mediaType(), stored.sha256());

        assertThat(verifier.mismatch(TENANT, new DataFile("big.bin", claimed)))
                .hasValue("file 'big.bin' holds more than the 1000 bytes received in the blob store");
        assertThat(observed.bytesRead).isLessThanOrEqualTo(1000 + BlobVerifier.BUFFER_SIZE);
    }

    @Test
    void aLargeBlobIsStreamedThroughTheDigestIn64KiBSteps() throws IOException {
        // Not a multiple of the buffer, so the last, partial read counts too.
        long size = 24L * 1024 * 1024 + 12_345;
        BlobRef ref = putLarge(size, 42);

        assertThat(verifier.mismatch(TENANT, new DataFile("scan.tiff", ref))).isEmpty();
        assertThat(observed.bytesRead).isEqualTo(size);
        assertThat(observed.largestRequest).isLessThanOrEqualTo(BlobVerifier.BUFFER_SIZE);
        assertThat(observed.reads).isGreaterThanOrEqualTo(size / BlobVerifier.BUFFER_SIZE);

        // One byte flipped deep inside is found: every byte went through the digest.
        try (RandomAccessFile file =
                new RandomAccessFile(TestBlobs.fileOf(root, ref).toFile(), "rw")) {
            file.seek(size - 70_000);
            int original = file.read();
            file.seek(size - 70_000);
            file.write(original ^ 0x01);
        }
        assertThat(verifier.mismatch(TENANT, new DataFile("scan.tiff", ref)))
                .hasValueSatisfying(problem -> assertThat(problem).contains("has SHA-256"));
    }

    @Test
    void anUnreadableStoreIsThrownForTheBinderToRetry() {
        BlobRef ref = new BlobRef("fs:demo/" + "0".repeat(64), 3, "text/plain", "0".repeat(64));
        BlobStore broken = new BlobStore() {
            @Override
            public BlobRef put(String tenantId, InputStream content, String mediaType, long maxBytes) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<String> tenantOf(BlobRef blob) {
                return Optional.of(TENANT);
            }

            @Override
            public InputStream open(BlobRef blob) {
                return new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("Input/output error");
                    }
                };
            }
        };

        assertThatThrownBy(() -> new BlobVerifier(broken).mismatch(TENANT, new DataFile("a.txt", ref)))
                .isInstanceOf(IOException.class)
                .hasMessage("Input/output error");
    }

    private BlobRef put(byte[] content) throws IOException {
        return store.put(TENANT, new ByteArrayInputStream(content), "application/pdf", Long.MAX_VALUE);
    }

    /** Writes {@code size} pseudo-random bytes without holding them, and checks the store's digest. */
    private BlobRef putLarge(long size, long seed) throws IOException {
        Path source = scratch.resolve("source-" + seed);
        MessageDigest expected = TestBlobs.sha256();
        Random random = new Random(seed);
        byte[] chunk = new byte[100_000];
        try (OutputStream out = Files.newOutputStream(source)) {
            for (long left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                int length = (int) Math.min(chunk.length, left);
                out.write(chunk, 0, length);
                expected.update(chunk, 0, length);
            }
        }
        BlobRef ref;
        try (InputStream in = Files.newInputStream(source)) {
            ref = store.put(TENANT, in, "image/tiff", Long.MAX_VALUE);
        }
        assertThat(ref.sha256()).isEqualTo(HexFormat.of().formatHex(expected.digest()));
        assertThat(ref.size()).isEqualTo(size);
        return ref;
    }

    /** The real store, with its streams watched: how much was read, in how large steps. */
    private static final class ObservingStore implements BlobStore {

        private final BlobStore delegate;
        long bytesRead;
        long reads;
        int largestRequest;

        ObservingStore(BlobStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public BlobRef put(String tenantId, InputStream content, String mediaType, long maxBytes) throws IOException {
            return delegate.put(tenantId, content, mediaType, maxBytes);
        }

        @Override
        public Optional<String> tenantOf(BlobRef ref) {
            return delegate.tenantOf(ref);
        }

        @Override
        public InputStream open(BlobRef ref) throws IOException {
            bytesRead = 0;
            reads = 0;
            largestRequest = 0;
            return new FilterInputStream(delegate.open(ref)) {
                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int read = super.read(buffer, offset, length);
                    reads++;
                    largestRequest = Math.max(largestRequest, length);
                    bytesRead += Math.max(read, 0);
                    return read;
                }

                @Override
                public byte[] readAllBytes() {
                    throw new AssertionError("a document must be streamed, never read whole");
                }

                @Override
                public byte[] readNBytes(int length) {
                    throw new AssertionError("a document must be streamed, never read whole");
                }

                @Override
                public long transferTo(OutputStream out) {
                    throw new AssertionError("the digest reads through its own 64 KiB buffer");
                }
            };
        }
    }
}
