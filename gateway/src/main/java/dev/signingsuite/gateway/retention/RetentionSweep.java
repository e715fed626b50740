package dev.signingsuite.gateway.retention;

import dev.signingsuite.blobstore.BlobStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deletes what the gateway keeps of a tenant's documents that ended longer ago than the tenant's
 * retention (ADR 31): their blobs (input files, the PAdES signed document, the container) and their
 * status rows (document, history, webhook messages, intake reference; the batch's rows when it is
 * left empty). The audit trail stays: it is evidence with a policy of its own (its migration's
 * comment), and it is where the blobs' addresses are read from.
 *
 * <p>Several instances share the work: each transaction takes up to a batch of expired documents
 * {@code FOR UPDATE SKIP LOCKED}, deletes their blobs, then their rows, and commits. A blob is deleted
 * before the rows that name it, so a crash in between leaves rows whose blobs are gone, which the next
 * run deletes (deleting a missing blob is no error), never a blob nobody names. A blob another
 * remaining document of the tenant names (the filesystem store keeps equal content once) is kept.
 */
final class RetentionSweep {

    private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final BlobStore blobs;
    private final Clock clock;
    private final int batchSize;
    private final Counter documents;
    private final Counter blobsDeleted;

    RetentionSweep(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            BlobStore blobs,
            Clock clock,
            int batchSize,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.blobs = blobs;
        this.clock = clock;
        this.batchSize = batchSize;
        this.documents = deleted(meters, "document");
        this.blobsDeleted = deleted(meters, "blob");
    }

    private static Counter deleted(MeterRegistry meters, String item) {
        return Counter.builder("signing.retention.deleted")
                .description("What the retention job deleted: documents (their status rows) and blobs")
                .tag("item", item)
                .register(meters);
    }

    /** @return how many of the tenant's documents this call deleted */
    int sweep(String tenantId, Duration retention) {
        Instant cutoff = clock.instant().minus(retention);
        int total = 0;
        while (true) {
            Integer deleted = transactions.execute(tx -> sweepOnce(tenantId, cutoff));
            total += deleted == null ? 0 : deleted;
            if (deleted == null || deleted < batchSize) {
                return total;
            }
        }
    }

    private int sweepOnce(String tenantId, Instant cutoff) {
        List<String> ids = jdbc.sql("SELECT id FROM documents WHERE tenant_id = :tenant AND stage_rank >= 90"
                        + " AND updated_at < :cutoff ORDER BY updated_at LIMIT :limit FOR UPDATE SKIP LOCKED")
                .param("tenant", tenantId)
                .param("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                .param("limit", batchSize)
                .query(String.class)
                .list();
        if (ids.isEmpty()) {
            return 0;
        }
        for (String uri : blobsOf(tenantId, ids)) {
            if (!namedByOthers(tenantId, ids, uri)) {
                delete(uri);
            }
        }
        List<String> batches = jdbc.sql("SELECT DISTINCT batch_id FROM documents WHERE id IN (:ids)")
                .param("ids", ids)
                .query(String.class)
                .list();
        for (String table : List.of("status_history", "webhook_messages", "intake_references")) {
            jdbc.sql("DELETE FROM " + table + " WHERE document_id IN (:ids)")
                    .param("ids", ids)
                    .update();
        }
        jdbc.sql("DELETE FROM documents WHERE id IN (:ids)").param("ids", ids).update();
        deleteEmptyBatches(tenantId, batches);
        documents.increment(ids.size());
        log.info("Retention: deleted {} documents of tenant {} that ended before {}", ids.size(), tenantId, cutoff);
        return ids.size();
    }

    /** Every blob address the trail recorded for the documents, and their containers. */
    private List<String> blobsOf(String tenantId, List<String> ids) {
        return jdbc.sql("SELECT DISTINCT uri FROM ("
                        + " SELECT jsonb_array_elements(details->'files')->>'uri' AS uri FROM audit_trail"
                        + "  WHERE tenant_id = :tenant AND document_id IN (:ids)"
                        + " UNION SELECT details->>'signedDocumentUri' FROM audit_trail"
                        + "  WHERE tenant_id = :tenant AND document_id IN (:ids)"
                        + " UNION SELECT details->>'containerUri' FROM audit_trail"
                        + "  WHERE tenant_id = :tenant AND document_id IN (:ids)"
                        + " UNION SELECT container_uri FROM documents WHERE id IN (:ids)) named"
                        + " WHERE uri IS NOT NULL ORDER BY uri")
                .param("tenant", tenantId)
                .param("ids", ids)
                .query(String.class)
                .list();
    }

    /** Whether a document of the tenant that stays names the blob too (equal content, filesystem store). */
    private boolean namedByOthers(String tenantId, List<String> ids, String uri) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM audit_trail a JOIN documents d ON d.id = a.document_id"
                        + " WHERE a.tenant_id = :tenant AND a.document_id NOT IN (:ids)"
                        + " AND (a.details @> CAST(:file AS jsonb) OR a.details @> CAST(:signed AS jsonb)"
                        + " OR a.details @> CAST(:container AS jsonb)))")
                .param("tenant", tenantId)
                .param("ids", ids)
                .param("file", JSON.writeValueAsString(Map.of("files", List.of(Map.of("uri", uri)))))
                .param("signed", JSON.writeValueAsString(Map.of("signedDocumentUri", uri)))
                .param("container", JSON.writeValueAsString(Map.of("containerUri", uri)))
                .query(Boolean.class)
                .single();
    }

    private void delete(String uri) {
        try {
            if (blobs.delete(uri)) {
                blobsDeleted.increment();
            }
        } catch (IllegalArgumentException e) {
            // Another store's address (the deployment moved from the filesystem to S3): not ours to delete.
            log.warn("Retention: blob {} is not this blob store's; left in place", uri);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteEmptyBatches(String tenantId, List<String> batches) {
        List<String> empty = jdbc.sql("SELECT id FROM batches b WHERE tenant_id = :tenant AND id IN (:batches)"
                        + " AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.tenant_id = b.tenant_id"
                        + " AND d.batch_id = b.id)")
                .param("tenant", tenantId)
                .param("batches", batches)
                .query(String.class)
                .list();
        if (empty.isEmpty()) {
            return;
        }
        for (String table : List.of("batch_completions", "batch_cancellations", "webhook_messages")) {
            jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = :tenant AND batch_id IN (:batches)")
                    .param("tenant", tenantId)
                    .param("batches", empty)
                    .update();
        }
        jdbc.sql("DELETE FROM batches WHERE tenant_id = :tenant AND id IN (:batches)")
                .param("tenant", tenantId)
                .param("batches", empty)
                .update();
    }
}
