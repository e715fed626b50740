package dev.signingsuite.gateway.retention;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.signingsuite.blobstore.BlobNotFoundException;
import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.blobstore.FileSystemBlobStore;
import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.ValidationSummary;
import dev.signingsuite.gateway.audit.AuditEntry;
import dev.signingsuite.gateway.audit.AuditTrail;
import dev.signingsuite.gateway.database.TestDatabases;
import dev.signingsuite.gateway.status.StatusStore;
import dev.signingsuite.testclock.MutableClock;
import dev.signingsuite.testclock.TestClock;
import dev.signingsuite.testsupport.SampleEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retention job against a real PostgreSQL with the real migrations and the filesystem blob store
 * the gateway's tests use, on an injected clock (ADR 31): nothing goes before the period, after it
 * the ended document's blobs and status rows go, a blob a remaining document shares stays, and the
 * audit trail stays.
 */
class RetentionSweepTest {

    private static final Duration RETENTION = Duration.ofDays(7);

    private static HikariDataSource dataSource;

    @TempDir
    Path root;

    @BeforeAll
    static void startDatabase() {
        dataSource = TestDatabases.migrated();
    }

    @AfterAll
    static void closePool() {
        dataSource.close();
    }

    @Test
    void anEndedDocumentsBlobsAndRowsGoAfterTheTenantsPeriodAndItsAuditStays() throws IOException {
        MutableClock clock = TestClock.startingAt(TestClock.now());
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        StatusStore store = new StatusStore(dataSource, transactions, clock);
        AuditTrail audit = new AuditTrail(dataSource, transactions, clock);
        BlobStore blobs = new FileSystemBlobStore(root);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RetentionSweep sweep = new RetentionSweep(JdbcClient.create(dataSource), transactions, blobs, clock, 2, meters);

        String suffix = UUID.randomUUID().toString();
        BlobRef own = put(blobs, "own input " + suffix);
        BlobRef shared = put(blobs, "shared input " + suffix);
        BlobRef container = put(blobs, "container " + suffix);
        DocumentReceived expiring = received("expiring-" + suffix, own, shared);
        record(store, audit, expiring);
        record(store, audit, assembled(expiring, container, clock));

        clock.advance(Duration.ofDays(6));
        assertThat(sweep.sweep(SampleEvents.TENANT, RETENTION))
                .as("within the period")
                .isZero();
        assertThat(store.find(SampleEvents.TENANT, expiring.documentId())).isPresent();
        assertReadable(blobs, own, shared, container);

        // The filesystem store keeps equal content once: a document in flight names the same blob.
        DocumentReceived inFlight = received("in-flight-" + suffix, shared);
        record(store, audit, inFlight);
        clock.advance(Duration.ofDays(4));
        BlobRef recent = put(blobs, "recent container " + suffix);
        DocumentReceived endedRecently = received("recent-" + suffix, put(blobs, "recent input " + suffix));
        record(store, audit, endedRecently);
        record(store, audit, assembled(endedRecently, recent, clock));

        assertThat(sweep.sweep(SampleEvents.TENANT, RETENTION)).isEqualTo(1);

        assertThat(store.find(SampleEvents.TENANT, expiring.documentId())).isEmpty();
        assertThat(store.history(expiring.documentId())).isEmpty();
        assertThat(store.findBatch(SampleEvents.TENANT, expiring.batchId())).isEmpty();
        assertGone(blobs, own, container);
        assertReadable(blobs, shared, recent);
        assertThat(store.find(SampleEvents.TENANT, endedRecently.documentId())).isPresent();
        assertThat(store.find(SampleEvents.TENANT, inFlight.documentId())).isPresent();
        assertThat(audit.document(SampleEvents.TENANT, expiring.documentId()))
                .extracting(AuditEntry::eventType)
                .containsExactlyInAnyOrder("document-received", "container-assembled");
        assertThat(meters.get("signing.retention.deleted")
                        .tag("item", "document")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(meters.get("signing.retention.deleted")
                        .tag("item", "blob")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(sweep.sweep(SampleEvents.TENANT, RETENTION))
                .as("a second run finds nothing")
                .isZero();
    }

    private static DocumentReceived received(String documentId, BlobRef... files) {
        List<DataFile> data = java.util.Arrays.stream(files)
                .map(blob -> new DataFile("file-" + blob.sha256().substring(0, 8) + ".pdf", blob))
                .toList();
        return SampleEvents.received(documentId, Provider.CSC, data);
    }

    private static ContainerAssembled assembled(DocumentReceived received, BlobRef container, MutableClock clock) {
        return new ContainerAssembled(
                ContainerAssembled.SCHEMA_VERSION,
                received.documentId(),
                received.batchId(),
                received.tenantId(),
                received.clientReference(),
                container,
                "signed.asice",
                received.files(),
                new ValidationSummary("TOTAL_PASSED", null, clock.instant(), "Sandbox Seal", received.level()),
                clock.instant());
    }

    /** The status row, and the audit row with the details the gateway's audit consumer writes. */
    private static void record(StatusStore store, AuditTrail audit, DocumentReceived event) {
        store.record(event, StatusStore.Source.EVENTS);
        List<Map<String, Object>> files = event.files().stream()
                .map(f -> {
                    Map<String, Object> file = new LinkedHashMap<>();
                    file.put("name", f.name());
                    file.put("sha256", f.blob().sha256());
                    file.put("size", f.blob().size());
                    file.put("uri", f.blob().uri());
                    return file;
                })
                .toList();
        audit.append(entry(event.documentId(), event.batchId(), "document-received", Map.of("files", files)));
    }

    private static void record(StatusStore store, AuditTrail audit, ContainerAssembled event) {
        store.record(event);
        audit.append(entry(
                event.documentId(),
                event.batchId(),
                "container-assembled",
                Map.of(
                        "containerSha256",
                        event.container().sha256(),
                        "containerUri",
                        event.container().uri())));
    }

    private static AuditEntry entry(String documentId, String batchId, String type, Map<String, Object> details) {
        return new AuditEntry(
                documentId,
                SampleEvents.TENANT,
                batchId,
                type + ":" + documentId,
                type,
                0,
                "test",
                TestClock.now(),
                null,
                details);
    }

    private static BlobRef put(BlobStore blobs, String content) throws IOException {
        return blobs.put(
                SampleEvents.TENANT, new ByteArrayInputStream(content.getBytes(UTF_8)), "application/pdf", 1024);
    }

    private static void assertReadable(BlobStore blobs, BlobRef... refs) throws IOException {
        for (BlobRef ref : refs) {
            try (InputStream in = blobs.open(ref)) {
                assertThat(in.readAllBytes()).hasSize((int) ref.size());
            }
        }
    }

    private static void assertGone(BlobStore blobs, BlobRef... refs) {
        for (BlobRef ref : refs) {
            assertThatThrownBy(() -> blobs.open(ref)).isInstanceOf(BlobNotFoundException.class);
        }
    }
}
