package dev.signingsuite.gateway.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only audit trail in the gateway's database (table {@code audit_trail}): this class
 * only inserts and reads, and an event already recorded (same document and event id) adds nothing,
 * so the consumers may read any event any number of times, in any order.
 */
public final class AuditTrail {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SELECT = "SELECT * FROM audit_trail WHERE tenant_id = :tenant AND ";
    private static final String ORDER = " ORDER BY occurred_at, id";

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @return whether the entry was new */
    public boolean append(AuditEntry entry) {
        return jdbc.sql("INSERT INTO audit_trail (document_id, tenant_id, batch_id, event_id, event_type, attempt,"
                                + " actor, occurred_at, recorded_at, details) VALUES (:document, :tenant, :batch,"
                                + " :event, :type, :attempt, :actor, :occurred, :recorded, CAST(:details AS JSONB))"
                                + " ON CONFLICT (document_id, event_id) DO NOTHING")
                        .param("document", entry.documentId())
                        .param("tenant", entry.tenantId())
                        .param("batch", entry.batchId())
                        .param("event", entry.eventId())
                        .param("type", entry.eventType())
                        .param("attempt", entry.attempt())
                        .param("actor", entry.actor())
                        .param("occurred", time(entry.occurredAt().atOffset(ZoneOffset.UTC)))
                        .param("recorded", time(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)))
                        .param("details", JSON.writeValueAsString(entry.details()))
                        .update()
                == 1;
    }

    /** The tenant's document's trail in the order things happened; empty for another tenant's. */
    public List<AuditEntry> document(String tenantId, String documentId) {
        return jdbc.sql(SELECT + "document_id = :id" + ORDER)
                .param("tenant", tenantId)
                .param("id", documentId)
                .query(AuditTrail::entry)
                .list();
    }

    /** Every document of the tenant's batch, in the order things happened. */
    public List<AuditEntry> batch(String tenantId, String batchId) {
        return jdbc.sql(SELECT + "batch_id = :id" + ORDER)
                .param("tenant", tenantId)
                .param("id", batchId)
                .query(AuditTrail::entry)
                .list();
    }

    private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(
                rs.getString("document_id"),
                rs.getString("tenant_id"),
                rs.getString("batch_id"),
                rs.getString("event_id"),
                rs.getString("event_type"),
                rs.getInt("attempt"),
                rs.getString("actor"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                JSON.readValue(rs.getString("details"), new TypeReference<Map<String, Object>>() {}));
    }

    private static SqlParameterValue time(OffsetDateTime value) {
        return new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, value);
    }
}
