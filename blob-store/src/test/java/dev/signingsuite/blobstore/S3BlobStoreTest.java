package dev.signingsuite.blobstore;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.events.BlobRef;
import dev.signingsuite.s3server.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@link S3BlobStore} against a real S3 API (S3Proxy in this JVM). */
class S3BlobStoreTest {

    private static final String BUCKET = "documents";
    // S3 (and S3Proxy) refuse parts below 5 MiB but the last.
    private static final int PART = 5 * 1024 * 1024;
    // sha256("invoice 42") computed independently with sha256sum
    private static final String INVOICE_SHA256 = "8c4e4157ac62218e4bd1fd628d09ff214105bbde5a46f6308b7cbae93fa96183";

    private static S3ProxyServer server;
    private final RecordingInterceptor wire = new RecordingInterceptor();
    private S3Client client;
    private S3BlobStore store;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.inMemory();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void freshBucket() {
        server.createBucket(BUCKET);
        client = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(server.endpoint())
                .region(Region.of(S3ProxyServer.REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY_ID, S3ProxyServer.SECRET_ACCESS_KEY)))
                .overrideConfiguration(config -> config.addExecutionInterceptor(wire))
                .build();
        store = new S3BlobStore(client, BUCKET, "suite/test", PART);
    }

    @AfterEach
    void dropBucket() {
        server.backend().deleteContainer(BUCKET);
        client.close();
    }

    @Test
    void storesSmallContentInOnePutUnderTheTenantsKeyAndReadsItBack() throws IOException {
        BlobRef ref = store.put("tenant-a", stream("invoice 42".getBytes(UTF_8)), "application/pdf", PART);

        assertThat(ref.size()).isEqualTo(10);
        assertThat(ref.sha256()).isEqualTo(INVOICE_SHA256);
        assertThat(ref.mediaType()).isEqualTo("application/pdf");
        assertThat(ref.uri()).matches("s3://documents/suite/test/tenant-a/[0-9a-f]{32}");
        assertThat(wire.operations()).containsExactly("PutObjectRequest");
        try (InputStream in = store.open(ref)) {
            assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("invoice 42");
        }
        String key = ref.uri().substring("s3://documents/".length());
        assertThat(client.headObject(head -> head.bucket(BUCKET).key(key)).contentType())
                .isEqualTo("application/pdf");
    }

    @Test
    void deletesItsOwnObjectOnceAndRefusesOtherReferences() throws IOException {
        BlobRef ref = store.put("tenant-a", stream(bytes(10)), "text/plain", 1024);
        BlobRef kept = store.put("tenant-a", stream(bytes(10)), "text/plain", 1024);

        assertThat(store.delete(ref.uri())).isTrue();
        assertThat(store.delete(ref.uri())).as("gone already").isFalse();
        assertThatThrownBy(() -> store.open(ref)).isInstanceOf(BlobNotFoundException.class);
        try (InputStream in = store.open(kept)) {
            assertThat(in.readAllBytes()).hasSize(10);
        }
        assertThatThrownBy(() -> store.delete("s3://other-bucket/tenant-a/" + "0".repeat(32)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sendsEachPartsSha256ForTheServerToCheck() throws Exception {
        byte[] content = bytes(10);

        store.put("tenant-a", stream(content), "text/plain", 1024);

        assertThat(wire.sent())
                .singleElement()
                .satisfies(put -> assertThat(put.headers())
                        .containsEntry("x-amz-checksum-sha256", java.util.List.of(base64Sha256(content))));
    }

    @Test
    void storingTheSameContentTwiceKeepsTwoObjectsAndNeverLists() throws IOException {
        BlobRef first = store.put("tenant-a", stream(bytes(10)), "text/plain", 1024);
        BlobRef second = store.put("tenant-a", stream(bytes(10)), "text/plain", 1024);
        BlobRef other = store.put("tenant-b", stream(bytes(10)), "text/plain", 1024);

        assertThat(first.uri()).isNotEqualTo(second.uri());
        assertThat(first.sha256()).isEqualTo(second.sha256()).isEqualTo(other.sha256());
        assertThat(other.uri()).startsWith("s3://documents/suite/test/tenant-b/");
        assertThat(wire.operations()).allMatch(operation -> !operation.startsWith("List"));
    }

    @Test
    void uploadsContentAboveThePartSizeInPartsEachWithItsSha256() throws Exception {
        byte[] content = bytes(2 * PART + 500);

        BlobRef ref = store.put("tenant-a", stream(content), "application/pdf", 10 * PART);

        assertThat(wire.operations())
                .containsExactly(
                        "CreateMultipartUploadRequest",
                        "UploadPartRequest",
                        "UploadPartRequest",
                        "UploadPartRequest",
                        "CompleteMultipartUploadRequest");
        assertThat(wire.sent().get(3).headers())
                .containsEntry(
                        "x-amz-checksum-sha256",
                        java.util.List.of(base64Sha256(Arrays.copyOfRange(content, 2 * PART, content.length))));
        assertThat(ref.size()).isEqualTo(content.length);
        assertThat(ref.sha256()).isEqualTo(HexFormat.of().formatHex(sha256(content)));
        try (InputStream in = store.open(ref)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void contentOfExactlyOnePartIsOneCompleteUpload() throws IOException {
        BlobRef ref = store.put("tenant-a", stream(bytes(PART)), "text/plain", 10 * PART);

        try (InputStream in = store.open(ref)) {
            assertThat(in.readAllBytes()).hasSize(PART);
        }
    }

    @Test
    void refusesSmallContentOverTheLimitWithoutSendingAnything() {
        assertThatThrownBy(() -> store.put("tenant-a", stream(bytes(11)), "text/plain", 10))
                .isInstanceOf(BlobTooLargeException.class);

        assertThat(wire.operations()).isEmpty();
        assertThat(objects()).isEmpty();
    }

    @Test
    void abortsTheMultipartUploadWhenContentGoesOverTheLimit() {
        assertThatThrownBy(() -> store.put("tenant-a", stream(bytes(PART + 20)), "text/plain", PART + 10))
                .isInstanceOf(BlobTooLargeException.class);

        assertThat(wire.operations()).contains("UploadPartRequest").endsWith("AbortMultipartUploadRequest");
        assertNothingLeftBehind();
    }

    @Test
    void abortsTheMultipartUploadWhenTheContentCannotBeRead() {
        InputStream failing = new SequenceInputStream(stream(bytes(PART + 10)), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("client went away");
            }
        });

        assertThatThrownBy(() -> store.put("tenant-a", failing, "text/plain", 10 * PART))
                .hasMessage("client went away");

        assertThat(wire.operations()).endsWith("AbortMultipartUploadRequest");
        assertNothingLeftBehind();
    }

    @Test
    void mapsAMissingObjectToBlobNotFound() {
        BlobRef missing = new BlobRef(
                "s3://documents/suite/test/tenant-a/0123456789abcdef0123456789abcdef", 1, "text/plain", INVOICE_SHA256);

        assertThatThrownBy(() -> store.open(missing)).isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    void refusesReferencesOfAnotherBucketOrStoreSayingWhy() {
        BlobRef otherBucket = new BlobRef(
                "s3://archive/suite/test/tenant-a/0123456789abcdef0123456789abcdef", 1, "text/plain", INVOICE_SHA256);
        BlobRef fileSystem = new BlobRef("fs:tenant-a/" + INVOICE_SHA256, 1, "text/plain", INVOICE_SHA256);
        BlobRef outsideThePrefix = new BlobRef(
                "s3://documents/tenant-a/0123456789abcdef0123456789abcdef", 1, "text/plain", INVOICE_SHA256);

        assertThatThrownBy(() -> store.open(otherBucket))
                .isInstanceOf(BlobNotFoundException.class)
                .hasMessageContaining("reads bucket 'documents' only");
        assertThatThrownBy(() -> store.open(fileSystem))
                .isInstanceOf(BlobNotFoundException.class)
                .hasMessageContaining("reads bucket 'documents' only");
        assertThatThrownBy(() -> store.open(outsideThePrefix))
                .isInstanceOf(BlobNotFoundException.class)
                .hasMessageContaining("prefix");
        assertThat(wire.operations()).isEmpty();
        assertThat(List.of(otherBucket, fileSystem, outsideThePrefix))
                .allSatisfy(ref -> assertThat(store.tenantOf(ref)).isEmpty());
    }

    @Test
    void namesTheTenantOfItsOwnReferences() throws IOException {
        BlobRef ref = store.put("tenant-a", stream(bytes(3)), "text/plain", 10);

        assertThat(store.tenantOf(ref)).hasValue("tenant-a");
    }

    @Test
    void refusesTenantIdsThatCouldEscapeTheirFolder() {
        assertThatThrownBy(() -> store.put("../tenant-b", stream(bytes(1)), "text/plain", 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("a/b", stream(bytes(1)), "text/plain", 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checkBucketFailsWhenTheBucketIsMissing() throws IOException {
        store.checkBucket();

        S3BlobStore elsewhere = new S3BlobStore(client, "no-such-bucket", "", PART);
        assertThatThrownBy(elsewhere::checkBucket)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no-such-bucket");
    }

    private void assertNothingLeftBehind() {
        assertThat(objects()).isEmpty();
        assertThat(client.listMultipartUploads(list -> list.bucket(BUCKET)).uploads())
                .isEmpty();
    }

    private java.util.List<String> objects() {
        return client.listObjectsV2(list -> list.bucket(BUCKET)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    private static InputStream stream(byte[] content) {
        return new ByteArrayInputStream(content);
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    private static String base64Sha256(byte[] bytes) throws Exception {
        return Base64.getEncoder().encodeToString(sha256(bytes));
    }
}
