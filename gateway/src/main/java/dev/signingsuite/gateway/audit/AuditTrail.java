package dev.signingsuite.gateway.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
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

    private static final String INSERT = "INSERT INTO audit_trail (document_id, tenant_id, batch_id, event_id,"
            + " event_type, attempt, actor, occurred_at, recorded_at, details) VALUES (:document, :tenant, :batch,"
            + " :event, :type, :attempt, :actor, :occurred, :recorded, CAST(:details AS JSONB))"
            + " ON CONFLICT (document_id, event_id) DO NOTHING";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public AuditTrail(DataSource dataSource, TransactionTemplate transactions, Clock clock) {
        this.batches = new NamedParameterJdbcTemplate(dataSource);
        this.jdbc = JdbcClient.create(batches);
        this.transactions = transactions;
        this.clock = clock;
    }

    /** @return whether the entry was new */
    public boolean append(AuditEntry entry) {
        return appendAll(List.of(entry))[0];
    }

    /**
     * Appends the entries in order, in one database transaction and one JDBC batch; an entry whose
     * event is recorded already, before or earlier in the same list, adds nothing.
     *
     * @return for each entry, whether it was new
     */
    public boolean[] appendAll(List<AuditEntry> entries) {
        OffsetDateTime recorded = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        SqlParameterSource[] params = entries.stream()
                .map(entry -> new MapSqlParameterSource()
                        .addValue("document", entry.documentId())
                        .addValue("tenant", entry.tenantId())
                        .addValue("batch", entry.batchId())
                        .addValue("event", entry.eventId())
                        .addValue("type", entry.eventType())
                        .addValue("attempt", entry.attempt())
                        .addValue("actor", entry.actor())
                        .addValue("occurred", time(entry.occurredAt().atOffset(ZoneOffset.UTC)))
                        .addValue("recorded", time(recorded))
                        .addValue("details", JSON.writeValueAsString(entry.details())))
                .toArray(SqlParameterSource[]::new);
        int[] rows = transactions.execute(tx -> batches.batchUpdate(INSERT, params));
        boolean[] added = new boolean[entries.size()];
        for (int i = 0; i < added.length; i++) {
            added[i] = rows != null && i < rows.length && rows[i] == 1;
        }
        return added;
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
