package dev.signingsuite.gateway.webhooks;

import dev.signingsuite.events.BatchCompleted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides, in the status store's transaction, that a batch has all its outcomes, and records it
 * once (table {@code batch_completions}). The batch's row is locked first: of two transactions that
 * record a batch's last two outcomes at once (two gateway instances), the second waits, then sees the
 * first's outcome committed, so exactly one of them completes the batch and neither misses it. {@code
 * NO KEY UPDATE}, not {@code UPDATE}: it does not wait for the key-share locks that inserting a
 * document of the batch takes (foreign key), so it cannot deadlock with such a write.
 */
final class BatchCompletions {

    /** A batch of a tenant. */
    record BatchKey(String tenantId, String batchId) implements Comparable<BatchKey> {
        @Override
        public int compareTo(BatchKey other) {
            int tenant = tenantId.compareTo(other.tenantId);
            return tenant != 0 ? tenant : batchId.compareTo(other.batchId);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Integer>> COUNTS = new TypeReference<>() {};

    private final JdbcClient jdbc;

    BatchCompletions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Completes each batch that has no document left without an outcome, unless it was completed
     * before. Locks the batches in a fixed order (no deadlock between two instances).
     *
     * @return the batches this call completed
     */
    List<BatchCompleted> complete(List<BatchKey> batches, Instant now) {
        List<BatchCompleted> completed = new ArrayList<>();
        for (BatchKey batch : batches.stream().distinct().sorted().toList()) {
            boolean exists = jdbc.sql(
                            "SELECT 1 FROM batches WHERE tenant_id = :tenant AND id = :batch FOR NO KEY UPDATE")
                    .param("tenant", batch.tenantId())
                    .param("batch", batch.batchId())
                    .query(Integer.class)
                    .optional()
                    .isPresent();
            if (!exists || open(batch) || done(batch)) {
                continue;
            }
            BatchCompleted event = count(batch, now);
            jdbc.sql("INSERT INTO batch_completions (tenant_id, batch_id, documents, assembled, failed,"
                            + " failures_by_reason, completed_at) VALUES (:tenant, :batch, :documents, :assembled,"
                            + " :failed, :failures, :now)")
                    .param("tenant", batch.tenantId())
                    .param("batch", batch.batchId())
                    .param("documents", event.documents())
                    .param("assembled", event.assembled())
                    .param("failed", event.failed())
                    .param("failures", JSON.writeValueAsString(event.failuresByReason()))
                    .param("now", WebhookOutbox.time(now))
                    .update();
            completed.add(event);
        }
        return completed;
    }

    private boolean open(BatchKey batch) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM documents WHERE tenant_id = :tenant AND batch_id = :batch"
                        + " AND stage_rank < 90)")
                .param("tenant", batch.tenantId())
                .param("batch", batch.batchId())
                .query(Boolean.class)
                .single();
    }

    private boolean done(BatchKey batch) {
        return jdbc.sql("SELECT 1 FROM batch_completions WHERE tenant_id = :tenant AND batch_id = :batch")
                .param("tenant", batch.tenantId())
                .param("batch", batch.batchId())
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    private BatchCompleted count(BatchKey batch, Instant now) {
        AtomicInteger assembled = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Map<String, Integer> reasons = new TreeMap<>();
        jdbc.sql("SELECT status, failure_reason, count(*) AS n FROM documents WHERE tenant_id = :tenant AND"
                        + " batch_id = :batch GROUP BY status, failure_reason")
                .param("tenant", batch.tenantId())
                .param("batch", batch.batchId())
                .query(rs -> {
                    int n = rs.getInt("n");
                    if ("ASSEMBLED".equals(rs.getString("status"))) {
                        assembled.addAndGet(n);
                    } else {
                        failed.addAndGet(n);
                        String reason = Optional.ofNullable(rs.getString("failure_reason"))
                                .orElse("UNKNOWN");
                        reasons.merge(reason, n, Integer::sum);
                    }
                });
        return new BatchCompleted(
                BatchCompleted.SCHEMA_VERSION,
                batch.tenantId(),
                batch.batchId(),
                assembled.get() + failed.get(),
                assembled.get(),
                failed.get(),
                reasons,
                now);
    }

    /** Up to {@code limit} completions not on Kafka yet, locked until the caller's transaction ends; others skip them. */
    List<BatchCompleted> unpublished(int limit) {
        return jdbc.sql("SELECT * FROM batch_completions WHERE published_at IS NULL ORDER BY completed_at"
                        + " LIMIT :limit FOR UPDATE SKIP LOCKED")
                .param("limit", limit)
                .query((rs, row) -> new BatchCompleted(
                        BatchCompleted.SCHEMA_VERSION,
                        rs.getString("tenant_id"),
                        rs.getString("batch_id"),
                        rs.getInt("documents"),
                        rs.getInt("assembled"),
                        rs.getInt("failed"),
                        JSON.readValue(rs.getString("failures_by_reason"), COUNTS),
                        WebhookOutbox.instant(rs, "completed_at")))
                .list();
    }

    void published(BatchCompleted event, Instant now) {
        jdbc.sql("UPDATE batch_completions SET published_at = :now WHERE tenant_id = :tenant AND batch_id = :batch")
                .param("now", WebhookOutbox.time(now))
                .param("tenant", event.tenantId())
                .param("batch", event.batchId())
                .update();
    }
}
