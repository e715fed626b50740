package dev.signingsuite.gateway.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The webhook messages waiting to be delivered, in PostgreSQL (table {@code webhook_messages}).
 * Instances share it: each takes due messages with {@code FOR UPDATE SKIP LOCKED} and leases them
 * for one attempt, so two instances never make the same attempt, and a crashed instance's lease runs
 * out. All times come from the caller's clock.
 */
final class WebhookOutbox {

    /** The delivery states of a message. */
    enum State {
        PENDING,
        DELIVERED,
        FAILED
    }

    /**
     * A message to write; its id is its {@code webhook-id}.
     *
     * @param endpoint {@code tenant} (the tenant's endpoint) or {@code request} (the one its batch or
     *     signature request named)
     */
    record Message(
            String id,
            String tenantId,
            String batchId,
            String documentId,
            String eventType,
            String url,
            String endpoint,
            String body) {}

    /** A message taken for an attempt. */
    record Due(
            String id, String tenantId, String eventType, String url, String body, int attempts, Instant createdAt) {}

    /** Where a document's latest message to one endpoint stands, for {@code GET /v1/documents/{id}}. */
    record Delivery(
            String webhookId,
            String eventType,
            String endpoint,
            String url,
            State state,
            int attempts,
            Instant nextAttemptAt,
            Integer lastStatus,
            String lastError,
            Instant deliveredAt) {}

    private final JdbcClient jdbc;

    WebhookOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the message unless one with its id exists (a redelivered event); joins the caller's transaction. */
    void add(Message message, Instant now) {
        jdbc.sql("INSERT INTO webhook_messages (id, tenant_id, batch_id, document_id, event_type, url, endpoint,"
                        + " body, state, created_at, next_attempt_at) VALUES (:id, :tenant, :batch, :document, :type,"
                        + " :url, :endpoint, :body, 'PENDING', :now, :now) ON CONFLICT (id) DO NOTHING")
                .param("id", message.id())
                .param("tenant", message.tenantId())
                .param("batch", message.batchId())
                .param("document", text(message.documentId()))
                .param("type", message.eventType())
                .param("url", message.url())
                .param("endpoint", message.endpoint())
                .param("body", message.body())
                .param("now", time(now))
                .update();
    }

    /** Takes up to {@code limit} due messages for one attempt each, leased until {@code now + lease}. */
    List<Due> take(Instant now, Duration lease, int limit) {
        return jdbc.sql("UPDATE webhook_messages SET leased_until = :until WHERE id IN (SELECT id FROM webhook_messages"
                        + " WHERE state = 'PENDING' AND next_attempt_at <= :now AND (leased_until IS NULL OR"
                        + " leased_until <= :now) ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)"
                        + " RETURNING id, tenant_id, event_type, url, body, attempts, created_at")
                .param("until", time(now.plus(lease)))
                .param("now", time(now))
                .param("limit", limit)
                .query((rs, row) -> new Due(
                        rs.getString("id"),
                        rs.getString("tenant_id"),
                        rs.getString("event_type"),
                        rs.getString("url"),
                        rs.getString("body"),
                        rs.getInt("attempts"),
                        instant(rs, "created_at")))
                .list();
    }

    void delivered(String id, int status, Instant now) {
        finish(id, State.DELIVERED, status, null, now, now);
    }

    void failed(String id, Integer status, String error, Instant now) {
        finish(id, State.FAILED, status, error, now, null);
    }

    void retryAt(String id, Integer status, String error, Instant next) {
        finish(id, State.PENDING, status, error, next, null);
    }

    private void finish(String id, State state, Integer status, String error, Instant next, Instant deliveredAt) {
        jdbc.sql("UPDATE webhook_messages SET state = :state, attempts = attempts + 1, last_status = :status,"
                        + " last_error = :error, next_attempt_at = :next, delivered_at = :delivered, leased_until ="
                        + " NULL WHERE id = :id")
                .param("state", state.name())
                .param("status", new SqlParameterValue(Types.INTEGER, status))
                .param("error", text(error))
                .param("next", time(next))
                .param("delivered", time(deliveredAt))
                .param("id", id)
                .update();
    }

    /**
     * The latest message about the document to each endpoint it has messages for, the tenant's
     * first; empty when none was written (no endpoint, or no outcome yet).
     */
    List<Delivery> latest(String documentId) {
        return jdbc.sql("SELECT DISTINCT ON (endpoint) id, event_type, endpoint, url, state, attempts,"
                        + " next_attempt_at, last_status, last_error, delivered_at FROM webhook_messages"
                        + " WHERE document_id = :document ORDER BY endpoint DESC, created_at DESC, id DESC")
                .param("document", documentId)
                .query((rs, row) -> new Delivery(
                        rs.getString("id"),
                        rs.getString("event_type"),
                        rs.getString("endpoint"),
                        rs.getString("url"),
                        State.valueOf(rs.getString("state")),
                        rs.getInt("attempts"),
                        instant(rs, "next_attempt_at"),
                        (Integer) rs.getObject("last_status"),
                        rs.getString("last_error"),
                        instant(rs, "delivered_at")))
                .list();
    }

    /** How many messages wait for delivery, over every instance. */
    long pending() {
        return jdbc.sql("SELECT count(*) FROM webhook_messages WHERE state = 'PENDING'")
                .query(Long.class)
                .single();
    }

    static SqlParameterValue text(String value) {
        return new SqlParameterValue(Types.VARCHAR, value);
    }

    static SqlParameterValue time(Instant value) {
        return new SqlParameterValue(
                Types.TIMESTAMP_WITH_TIMEZONE, value == null ? null : OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
