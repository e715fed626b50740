package dev.signingsuite.gateway.webhooks;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The webhook endpoint one batch or one digest signature named (table {@code batch_webhooks}; a
 * signature is a batch of one, its id the batch's). Kept in PostgreSQL so that whichever instance
 * records an outcome finds it.
 */
public final class BatchWebhooks {

    private final JdbcClient jdbc;

    BatchWebhooks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Keeps the endpoint of a batch whose row exists; call before its documents are published, so
     * that no outcome is recorded without it. {@code url} must have passed {@link WebhookUrls}.
     */
    public void keep(String tenantId, String batchId, URI url, Instant now) {
        jdbc.sql("INSERT INTO batch_webhooks (tenant_id, batch_id, url, created_at)"
                        + " VALUES (:tenant, :batch, :url, :now)")
                .param("tenant", tenantId)
                .param("batch", batchId)
                .param("url", url.toString())
                .param("now", WebhookOutbox.time(now))
                .update();
    }

    Optional<String> find(String tenantId, String batchId) {
        return jdbc.sql("SELECT url FROM batch_webhooks WHERE tenant_id = :tenant AND batch_id = :batch")
                .param("tenant", tenantId)
                .param("batch", batchId)
                .query(String.class)
                .optional();
    }
}
