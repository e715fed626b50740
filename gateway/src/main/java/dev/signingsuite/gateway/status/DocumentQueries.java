package dev.signingsuite.gateway.status;

import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignerRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The read side of the status store. Every query names the tenant: a tenant sees only its own. */
final class DocumentQueries {

    private static final String DOCUMENTS = "SELECT * FROM documents WHERE tenant_id = :tenant";
    private static final RowMapper<DocumentRecord> DOCUMENT = DocumentQueries::document;

    private final JdbcClient jdbc;

    DocumentQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<DocumentRecord> document(String tenantId, String documentId) {
        return jdbc.sql(DOCUMENTS + " AND id = :id")
                .param("tenant", tenantId)
                .param("id", documentId)
                .query(DOCUMENT)
                .optional();
    }

    Optional<List<DocumentRecord>> batch(String tenantId, String batchId) {
        boolean exists = jdbc.sql("SELECT count(*) FROM batches WHERE tenant_id = :tenant AND id = :batch")
                        .param("tenant", tenantId)
                        .param("batch", batchId)
                        .query(Long.class)
                        .single()
                > 0;
        if (!exists) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql(DOCUMENTS + " AND batch_id = :batch ORDER BY received_at NULLS LAST, id")
                .param("tenant", tenantId)
                .param("batch", batchId)
                .query(DOCUMENT)
                .list());
    }

    List<HistoryEntry> history(String documentId) {
        return jdbc.sql("SELECT status, occurred_at, recorded_at, detail FROM status_history"
                        + " WHERE document_id = :id ORDER BY occurred_at, id")
                .param("id", documentId)
                .query((rs, n) -> new HistoryEntry(
                        DocumentStatus.valueOf(rs.getString("status")),
                        instant(rs, "occurred_at"),
                        instant(rs, "recorded_at"),
                        rs.getString("detail")))
                .list();
    }

    private static DocumentRecord document(ResultSet rs, int row) throws SQLException {
        String provider = rs.getString("provider");
        String identity = rs.getString("signer_identity");
        SignerRef signer =
                provider == null || identity == null ? null : new SignerRef(Provider.fromId(provider), identity);
        String reason = rs.getString("failure_reason");
        DocumentRecord.Failure failure = reason == null
                ? null
                : new DocumentRecord.Failure(
                        FailureStage.valueOf(rs.getString("failure_stage")),
                        FailureReason.valueOf(reason),
                        rs.getString("failure_message"));
        String containerUri = rs.getString("container_uri");
        DocumentRecord.Container container = containerUri == null
                ? null
                : new DocumentRecord.Container(
                        rs.getString("container_name"),
                        new BlobRef(
                                containerUri,
                                rs.getLong("container_size"),
                                rs.getString("container_media_type"),
                                rs.getString("container_sha256")),
                        rs.getString("validation_indication"));
        return new DocumentRecord(
                rs.getString("id"),
                rs.getString("tenant_id"),
                rs.getString("batch_id"),
                rs.getString("client_reference"),
                rs.getString("file_name"),
                signer,
                rs.getString("level"),
                DocumentStatus.valueOf(rs.getString("status")),
                rs.getString("verification_code"),
                rs.getString("awaiting"),
                rs.getString("person_link"),
                failure,
                container,
                instant(rs, "received_at"),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
