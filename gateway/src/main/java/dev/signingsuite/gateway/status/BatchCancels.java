package dev.signingsuite.gateway.status;

import dev.signingsuite.events.BatchCancelled;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A tenant's cancel of a batch (ADR 31): recorded in PostgreSQL, where the gateway's Kafka intake
 * looks it up, and published as {@link BatchCancelled} for the stages that read Kafka only (the
 * providers). The event is sent inside the database transaction: a cancel whose event did not reach
 * the broker is not recorded either, and the client's retry (idempotent) sends it again. A repeated
 * cancel publishes the same event again, harmless on a compacted topic.
 */
public final class BatchCancels {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Consumer<BatchCancelled> publisher;
    private final Clock clock;

    public BatchCancels(
            JdbcClient jdbc, TransactionTemplate transactions, Consumer<BatchCancelled> publisher, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Cancels the tenant's batch; empty when the tenant has no such batch (another tenant's is unknown). */
    public Optional<BatchCancelled> cancel(String tenantId, String batchId) {
        return Optional.ofNullable(transactions.execute(tx -> {
            boolean known = jdbc.sql("SELECT 1 FROM batches WHERE tenant_id = :tenant AND id = :batch")
                    .param("tenant", tenantId)
                    .param("batch", batchId)
                    .query(Integer.class)
                    .optional()
                    .isPresent();
            if (!known) {
                return null;
            }
            jdbc.sql("INSERT INTO batch_cancellations (tenant_id, batch_id, cancelled_at) VALUES (:tenant, :batch,"
                            + " :now) ON CONFLICT DO NOTHING")
                    .param("tenant", tenantId)
                    .param("batch", batchId)
                    .param("now", StatusStore.time(clock.instant()))
                    .update();
            OffsetDateTime at = jdbc.sql("SELECT cancelled_at FROM batch_cancellations WHERE tenant_id = :tenant AND"
                            + " batch_id = :batch")
                    .param("tenant", tenantId)
                    .param("batch", batchId)
                    .query(OffsetDateTime.class)
                    .single();
            BatchCancelled event = new BatchCancelled(BatchCancelled.SCHEMA_VERSION, tenantId, batchId, at.toInstant());
            publisher.accept(event);
            return event;
        }));
    }

    /** Whether the tenant cancelled the batch. */
    public boolean cancelled(String tenantId, String batchId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM batch_cancellations WHERE tenant_id = :tenant AND batch_id ="
                        + " :batch)")
                .param("tenant", tenantId)
                .param("batch", batchId)
                .query(Boolean.class)
                .single();
    }
}
