package dev.signingsuite.gateway.intake;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.blobstore.FileSystemBlobStore;
import dev.signingsuite.blobstore.config.BlobStoreProperties;
import dev.signingsuite.events.ContentObject;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.DocumentSubmitted;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.gateway.config.GatewayProperties;
import dev.signingsuite.gateway.config.GatewayProperties.AllowedSigner;
import dev.signingsuite.gateway.config.GatewayProperties.Tenant;
import dev.signingsuite.gateway.config.IntakeObjectsProperties;
import dev.signingsuite.s3server.S3ProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * The Kafka intake fetching documents from back offices' buckets, against a real S3 API in this
 * JVM: what a tenant may name, and the size and digest checks an upload gets.
 */
class TenantObjectsTest {

    private static final long LIMIT = 64;
    private static final String BUCKET = "back-office";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);

    private static S3ProxyServer s3;
    private static TenantObjectsClient client;

    @TempDir
    Path blobRoot;

    /** For tests of documents sent inline: a gateway that lets no tenant name an object. */
    static TenantObjects inlineOnly() {
        return new TenantObjects(new IntakeObjectsProperties(null, Map.of()), () -> {
            throw new AssertionError("no S3 object expected");
        });
    }

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyServer.inMemory().createBucket(BUCKET);
        client = new TenantObjectsClient(new BlobStoreProperties.S3(
                s3.endpoint(),
                S3ProxyServer.REGION,
                null,
                "",
                true,
                S3ProxyServer.ACCESS_KEY_ID,
                S3ProxyServer.SECRET_ACCESS_KEY,
                DataSize.ofMegabytes(8)));
    }

    @AfterAll
    static void stopS3() throws Exception {
        client.close();
        s3.close();
    }

    @Test
    void anObjectInTheTenantsLocationIsStoredAsAnUploadWouldBe() throws Exception {
        byte[] invoice = "<Invoice>from the bucket</Invoice>".getBytes(UTF_8);
        ContentObject object = put("acme/out/invoice-1.xml", invoice);
        BlobStore blobs = new FileSystemBlobStore(blobRoot);

        DocumentEvent outcome = acceptor(blobs).accept(submitted("acme", "inv-1", object));

        assertThat(outcome).isInstanceOf(DocumentReceived.class);
        DocumentReceived received = (DocumentReceived) outcome;
        assertThat(received.files().get(0).blob().sha256()).isEqualTo(object.sha256());
        try (InputStream in = blobs.open(received.files().get(0).blob())) {
            assertThat(in.readAllBytes()).isEqualTo(invoice);
        }
    }

    @Test
    void anotherTenantsObjectIsRefused() throws Exception {
        ContentObject theirs = put("globex/out/invoice-2.xml", "<Invoice>globex</Invoice>".getBytes(UTF_8));

        assertRefused(submitted("acme", "inv-2", theirs), FailureReason.INVALID_DOCUMENT, "outside");
    }

    @Test
    void aLocationIsAFolderNotANamePrefix() throws Exception {
        ContentObject beside = put("acme/outgoing/invoice-3.xml", "<Invoice>3</Invoice>".getBytes(UTF_8));

        assertRefused(submitted("acme", "inv-3", beside), FailureReason.INVALID_DOCUMENT, "outside");
    }

    @Test
    void anObjectWhoseBytesDoNotHaveTheStatedDigestIsRefused() throws Exception {
        ContentObject object = put("acme/out/invoice-4.xml", "<Invoice>4</Invoice>".getBytes(UTF_8));
        ContentObject misstated = new ContentObject(object.uri(), IntakeFingerprint.sha256Hex(new byte[] {4}));

        assertRefused(submitted("acme", "inv-4", misstated), FailureReason.INVALID_DOCUMENT, "SHA-256");
    }

    @Test
    void anObjectOverTheSizeLimitIsRefusedBeforeItIsRead() throws Exception {
        ContentObject large = put("acme/out/invoice-5.xml", new byte[(int) LIMIT + 1]);

        assertRefused(submitted("acme", "inv-5", large), FailureReason.DOCUMENT_TOO_LARGE, "limit");
    }

    @Test
    void aMissingObjectIsRefusedNotRetried() throws Exception {
        ContentObject missing = new ContentObject("s3://" + BUCKET + "/acme/out/never-put.xml", "0".repeat(64));

        assertRefused(submitted("acme", "inv-6", missing), FailureReason.INVALID_DOCUMENT, "no object");
    }

    private void assertRefused(DocumentSubmitted submitted, FailureReason reason, String messagePart)
            throws IOException {
        DocumentEvent outcome = acceptor(new FileSystemBlobStore(blobRoot)).accept(submitted);

        assertThat(outcome).isInstanceOf(DocumentFailed.class);
        DocumentFailed failed = (DocumentFailed) outcome;
        assertThat(failed.reason()).isEqualTo(reason);
        assertThat(failed.message()).contains(messagePart);
    }

    private IntakeAcceptor acceptor(BlobStore blobs) {
        GatewayProperties gateway = new GatewayProperties(
                DataSize.ofBytes(LIMIT),
                1000,
                Map.of(
                        "acme", new Tenant(List.of(), List.of(new AllowedSigner(Provider.CSC, "*"))),
                        "globex", new Tenant(List.of(), List.of(new AllowedSigner(Provider.CSC, "*")))));
        IntakeObjectsProperties locations = new IntakeObjectsProperties(
                null,
                Map.of(
                        "acme", List.of("s3://" + BUCKET + "/acme/out/"),
                        "globex", List.of("s3://" + BUCKET + "/globex/out/")));
        return new IntakeAcceptor(gateway, blobs, new TenantObjects(locations, client), CLOCK);
    }

    private static ContentObject put(String key, byte[] content) {
        // Straight into the server's store: as a back office would have put it, whatever its client.
        s3.backend()
                .putBlob(BUCKET, s3.backend().blobBuilder(key).payload(content).build());
        return new ContentObject("s3://" + BUCKET + "/" + key, IntakeFingerprint.sha256Hex(content));
    }

    private static DocumentSubmitted submitted(String tenant, String reference, ContentObject object) {
        return new DocumentSubmitted(
                DocumentSubmitted.SCHEMA_VERSION,
                tenant,
                reference,
                null,
                reference + ".xml",
                "application/xml",
                null,
                new SignerRef(Provider.CSC, "seal"),
                null,
                null,
                object);
    }
}
