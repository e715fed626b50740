package dev.signingsuite.blobstore;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.events.BlobRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemBlobStoreTest {

    // sha256("invoice 42") computed independently with sha256sum
    private static final String INVOICE_SHA256 = "8c4e4157ac62218e4bd1fd628d09ff214105bbde5a46f6308b7cbae93fa96183";

    @TempDir
    Path root;

    @Test
    void storesContentWithItsSizeAndDigestAndReadsItBack() throws IOException {
        BlobStore store = new FileSystemBlobStore(root);

        BlobRef ref = store.put("tenant-a", stream("invoice 42"), "application/pdf", 1024);

        assertThat(ref.size()).isEqualTo(10);
        assertThat(ref.sha256()).isEqualTo(INVOICE_SHA256);
        assertThat(ref.mediaType()).isEqualTo("application/pdf");
        assertThat(ref.uri()).isEqualTo("fs:tenant-a/" + ref.sha256());
        try (InputStream in = store.open(ref)) {
            assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("invoice 42");
        }
    }

    @Test
    void deletesItsOwnFileOnceAndRefusesOtherReferences() throws IOException {
        BlobStore store = new FileSystemBlobStore(root);
        BlobRef ref = store.put("tenant-a", stream("invoice 42"), "application/pdf", 1024);

        assertThat(store.delete(ref.uri())).isTrue();
        assertThat(store.delete(ref.uri())).as("gone already").isFalse();
        assertThatThrownBy(() -> store.open(ref)).isInstanceOf(BlobNotFoundException.class);
        assertThatThrownBy(() -> store.delete("fs:tenant-a/../../etc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesTheTenantOfItsOwnReferencesOnly() throws IOException {
        BlobStore store = new FileSystemBlobStore(root);

        BlobRef ref = store.put("tenant-a", stream("invoice 42"), "application/pdf", 1024);

        assertThat(store.tenantOf(ref)).hasValue("tenant-a");
        assertThat(store.tenantOf(
                        new BlobRef("s3://documents/tenant-a/" + "0".repeat(32), 1, "text/plain", ref.sha256())))
                .isEmpty();
    }

    @Test
    void storingTheSameContentTwiceKeepsOneFile() throws IOException {
        BlobStore store = new FileSystemBlobStore(root);

        BlobRef first = store.put("tenant-a", stream("same"), "text/plain", 1024);
        BlobRef second = store.put("tenant-a", stream("same"), "text/plain", 1024);

        assertThat(second).isEqualTo(first);
        try (Stream<Path> files = Files.list(root.resolve("tenant-a"))) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void refusesContentOverTheLimitAndKeepsNothing() throws IOException {
        BlobStore store = new FileSystemBlobStore(root);

        assertThatThrownBy(() -> store.put("tenant-a", stream("12345678901"), "text/plain", 10))
                .isInstanceOf(BlobTooLargeException.class)
                .hasMessageContaining("10 bytes");
        try (Stream<Path> files = Files.list(root.resolve("tenant-a"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void contentExactlyAtTheLimitIsAccepted() throws IOException {
        BlobRef ref = new FileSystemBlobStore(root).put("t", stream("1234567890"), "text/plain", 10);

        assertThat(ref.size()).isEqualTo(10);
    }

    @Test
    void referencesCannotEscapeTheRoot() throws IOException {
        BlobStore store = new FileSystemBlobStore(root);
        Files.writeString(root.resolveSibling("secret"), "x");
        String digest = sha256Hex("x");

        assertThatThrownBy(() -> store.open(new BlobRef("fs:../" + digest, 1, "text/plain", digest)))
                .isInstanceOf(BlobNotFoundException.class);
        assertThatThrownBy(() -> store.open(new BlobRef("fs:tenant-a/" + digest, 1, "text/plain", digest)))
                .isInstanceOf(BlobNotFoundException.class);
        assertThatThrownBy(() -> store.put("..", stream("x"), "text/plain", 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("a/b", stream("x"), "text/plain", 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(UTF_8));
    }

    private static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
