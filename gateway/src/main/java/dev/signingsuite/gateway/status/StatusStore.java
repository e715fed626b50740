package dev.signingsuite.gateway.status;

import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.SignatureRequested;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The gateway's record of every document, batch and status reached, in PostgreSQL. Writes are
 * idempotent and ordered by stage (see {@link DocumentStatus}): a redelivered or late event changes
 * nothing it should not, so the Kafka consumers may apply events in any order, any number of times.
 */
public final class StatusStore {

    /** The migrations of the tables this store keeps, under a path of their own on the shared classpath. */
    public static final String MIGRATIONS = "classpath:db/gateway";

    /** Who recorded a batch first. */
    public enum Source {
        REST,
        EVENTS
    }

    private static final Logger log = LoggerFactory.getLogger(StatusStore.class);

    /** Columns that describe the document: filled in by whichever event brings them first. */
    private static final List<String> DESCRIPTION =
            List.of("client_reference", "file_name", "provider", "signer_identity", "format", "level", "received_at");

    /** Columns that describe a status: written only when the document moves to that status. */
    private static final List<String> OUTCOME = List.of(
            "verification_code",
            "awaiting",
            "person_link",
            "person_link_id",
            "failure_stage",
            "failure_reason",
            "failure_message",
            "container_uri",
            "container_size",
            "container_media_type",
            "container_sha256",
            "container_name",
            "validation_indication");

    private static final String WRITE = writeSql();

    /** What a Smart-ID certificate choice waits for: its event says so only by its form. */
    static final String SMART_ID_SCAN = "the person to scan the Smart-ID device link";

    /**
     * Told of every poll's events inside the transaction that records them, after they were
     * applied: what it writes commits or rolls back with the statuses (the webhooks' outbox and the
     * batch completions, ADR 27). It reads the statuses the events left, since a redelivered or late
     * event changes nothing.
     */
    @FunctionalInterface
    public interface Observer {
        void recorded(List<DocumentEvent> events);
    }

    /** One event's change, as {@link #write} applies it. */
    record Write(DocumentEvent event, Map<String, Object> params) {}

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final DocumentQueries queries;
    private final Observer observer;

    public StatusStore(DataSource dataSource, TransactionTemplate transactions, Clock clock) {
        this(dataSource, transactions, clock, events -> {});
    }

    public StatusStore(DataSource dataSource, TransactionTemplate transactions, Clock clock, Observer observer) {
        this.observer = observer;
        this.batches = new NamedParameterJdbcTemplate(dataSource);
        this.jdbc = JdbcClient.create(batches);
        this.transactions = transactions;
        this.clock = clock;
        this.queries = new DocumentQueries(jdbc);
    }

    /** Documents accepted over REST, recorded together before their events are published. */
    public void recordAccepted(List<DocumentReceived> documents) {
        write(documents.stream().map(d -> received(d, Source.REST)).toList());
    }

    public void record(DocumentReceived event, Source source) {
        write(List.of(received(event, source)));
    }

    public void record(SignatureRequested event) {
        write(List.of(requested(event)));
    }

    public void record(ContainerAssembled event) {
        record(event, 0);
    }

    /**
     * @param attempt the event's {@code signing-attempt}: an attempt above the one that failed the
     *     document re-opens it, the only way a terminal status changes
     */
    public void record(ContainerAssembled event, int attempt) {
        write(List.of(assembled(event, attempt)));
    }

    public void record(DocumentFailed event) {
        record(event, 0);
    }

    public void record(DocumentFailed event, int attempt) {
        write(List.of(failed(event, attempt)));
    }

    /**
     * Applies the events in order, in one database transaction and one JDBC batch: each statement
     * sees what the ones before it wrote, so a poll holding several events of one document ends
     * exactly as if they had been recorded one by one.
     */
    void write(List<Write> writes) {
        if (writes.isEmpty()) {
            return;
        }
        SqlParameterSource[] params =
                writes.stream().map(w -> new MapSqlParameterSource(w.params())).toArray(SqlParameterSource[]::new);
        transactions.executeWithoutResult(tx -> {
            batches.batchUpdate(WRITE, params);
            warnAboutForeignDocuments(writes);
            observer.recorded(writes.stream().map(Write::event).toList());
        });
    }

    /** An event for a document id another tenant's document holds changed nothing: say so. */
    private void warnAboutForeignDocuments(List<Write> writes) {
        Map<String, String> tenants = new LinkedHashMap<>();
        jdbc.sql("SELECT id, tenant_id FROM documents WHERE id IN (:ids)")
                .param(
                        "ids",
                        writes.stream()
                                .map(w -> w.event().documentId())
                                .distinct()
                                .toList())
                .query((rs, row) -> tenants.put(rs.getString("id"), rs.getString("tenant_id")))
                .list();
        writes.stream()
                .filter(w -> !w.event().tenantId().equals(tenants.get(w.event().documentId())))
                .forEach(w -> log.warn(
                        "Status event for document {} ignored: it belongs to another tenant",
                        w.event().documentId()));
    }

    Write received(DocumentReceived event, Source source) {
        Map<String, SqlParameterValue> columns = new LinkedHashMap<>();
        columns.put("file_name", text(event.files().get(0).name()));
        columns.put("provider", text(event.signer().provider().id()));
        columns.put("signer_identity", text(event.signer().identity()));
        columns.put("format", text(event.format().name()));
        columns.put("level", text(event.level().name()));
        columns.put("received_at", time(event.receivedAt()));
        return change(
                event,
                source,
                DocumentStatus.RECEIVED,
                event.receivedAt(),
                columns,
                "via " + source.name().toLowerCase());
    }

    Write requested(SignatureRequested event) {
        Map<String, SqlParameterValue> columns = new LinkedHashMap<>();
        columns.put("provider", text(event.signer().provider().id()));
        columns.put("signer_identity", text(event.signer().identity()));
        String provider = event.signer().provider().id();
        if (event.awaitsPerson()) {
            columns.put("awaiting", text(event.awaiting()));
            if (event.session() != null && event.session().deviceLink() != null) {
                // The person acts through this link (the one-time login): the status and person page show it.
                columns.put("person_link", text(event.session().deviceLink().toString()));
                columns.put("person_link_id", text(event.session().sessionId()));
            }
            return change(
                    event,
                    Source.EVENTS,
                    DocumentStatus.AWAITING_PERSON,
                    event.requestedAt(),
                    columns,
                    provider + ": " + event.awaiting());
        }
        boolean choice = event.awaitsCertificateChoice();
        columns.put(
                "level",
                text(
                        choice
                                ? event.certificateChoice().level().name()
                                : event.parameters().level().name()));
        String code = event.session() == null ? null : event.session().verificationCode();
        columns.put("verification_code", text(code));
        if (choice) {
            columns.put("awaiting", text(SMART_ID_SCAN));
        }
        return change(
                event,
                Source.EVENTS,
                // The certificate choice comes first: the person scans, then confirms the signature.
                choice ? DocumentStatus.AWAITING_SCAN : DocumentStatus.SIGNATURE_REQUESTED,
                event.requestedAt(),
                columns,
                provider);
    }

    Write assembled(ContainerAssembled event, int attempt) {
        Map<String, SqlParameterValue> columns = new LinkedHashMap<>();
        columns.put("container_uri", text(event.container().uri()));
        columns.put(
                "container_size",
                new SqlParameterValue(Types.BIGINT, event.container().size()));
        columns.put("container_media_type", text(event.container().mediaType()));
        columns.put("container_sha256", text(event.container().sha256()));
        columns.put("container_name", text(event.containerName()));
        columns.put("validation_indication", text(event.validation().indication()));
        columns.put("attempt", new SqlParameterValue(Types.INTEGER, attempt));
        return change(
                event,
                Source.EVENTS,
                DocumentStatus.ASSEMBLED,
                event.assembledAt(),
                columns,
                event.containerName() + ", " + event.validation().indication());
    }

    Write failed(DocumentFailed event, int attempt) {
        Map<String, SqlParameterValue> columns = new LinkedHashMap<>();
        columns.put("attempt", new SqlParameterValue(Types.INTEGER, attempt));
        columns.put("failure_stage", text(event.stage().name()));
        columns.put("failure_reason", text(event.reason().name()));
        columns.put("failure_message", text(event.message()));
        return change(
                event,
                Source.EVENTS,
                DocumentStatus.FAILED,
                event.failedAt(),
                columns,
                event.stage() + " " + event.reason());
    }

    /** The tenant's document, or empty if there is none or it belongs to another tenant. */
    public Optional<DocumentRecord> find(String tenantId, String documentId) {
        return queries.document(tenantId, documentId);
    }

    /** The documents of the tenant's batch in the order they were received; empty if unknown. */
    public Optional<List<DocumentRecord>> findBatch(String tenantId, String batchId) {
        return queries.batch(tenantId, batchId);
    }

    /**
     * How many documents wait for the person behind the link {@code linkId} (a login's state): zero
     * when no document waits for it, or it ended.
     */
    public int awaitingLink(String linkId) {
        return jdbc.sql("SELECT count(*) FROM documents WHERE person_link_id = :id AND status = :status")
                .param("id", linkId)
                .param("status", DocumentStatus.AWAITING_PERSON.name())
                .query(Integer.class)
                .single();
    }

    public List<HistoryEntry> history(String documentId) {
        return queries.history(documentId);
    }

    private Write change(
            DocumentEvent event,
            Source source,
            DocumentStatus status,
            Instant occurredAt,
            Map<String, SqlParameterValue> columns,
            String detail) {
        Map<String, Object> params = new LinkedHashMap<>();
        DESCRIPTION.forEach(c -> params.put(c, text(null)));
        OUTCOME.forEach(c -> params.put(c, text(null)));
        params.put("received_at", time(null));
        params.put("container_size", new SqlParameterValue(Types.BIGINT, null));
        params.put("attempt", new SqlParameterValue(Types.INTEGER, 0));
        params.putAll(columns);
        params.put("client_reference", text(event.clientReference()));
        params.put("id", text(event.documentId()));
        params.put("tenant_id", text(event.tenantId()));
        params.put("batch_id", text(event.batchId()));
        params.put("status", text(status.name()));
        params.put("stage_rank", new SqlParameterValue(Types.INTEGER, status.rank()));
        params.put("updated_at", time(clock.instant()));
        params.put("source", text(source.name().toLowerCase()));
        params.put("occurred_at", time(occurredAt));
        params.put("detail", text(detail));
        return new Write(event, params);
    }

    /**
     * One event in one statement, so that a JDBC batch applies a poll in order: the document's
     * upsert, the batch row it needs, and the history entry. The upsert returns no row when the id
     * is another tenant's document (never let one tenant touch another's): then nothing is written,
     * not even the batch row. A late event still documents a step the document went through, but of
     * two terminal statuses only the one that stayed was reached. (The foreign keys are checked at
     * the end of the statement, after all three inserts.)
     */
    private static String writeSql() {
        return "WITH up AS (" + upsertSql() + " RETURNING documents.status),"
                + " opened AS (INSERT INTO batches (tenant_id, id, source, created_at)"
                + " SELECT :tenant_id, :batch_id, :source, :updated_at WHERE EXISTS (SELECT 1 FROM up)"
                + " ON CONFLICT DO NOTHING)"
                + " INSERT INTO status_history (document_id, status, occurred_at, recorded_at, detail)"
                + " SELECT :id, :status, :occurred_at, :updated_at, :detail FROM up"
                + " WHERE :stage_rank < " + DocumentStatus.TERMINAL_RANK + " OR up.status = :status"
                + " ON CONFLICT DO NOTHING";
    }

    private static String upsertSql() {
        List<String> all = new ArrayList<>(List.of("id", "tenant_id", "batch_id", "status", "stage_rank"));
        all.add("updated_at");
        all.add("attempt");
        all.addAll(DESCRIPTION);
        all.addAll(OUTCOME);
        // A deliberate re-processing (a kept signature value re-augmented after the trust service
        // came back) may assemble a document an earlier attempt failed; a replay of that attempt may not.
        String reopens = "(documents.status = '" + DocumentStatus.FAILED + "' AND EXCLUDED.status = '"
                + DocumentStatus.ASSEMBLED + "' AND documents.attempt < EXCLUDED.attempt)";
        String advances = "((documents.stage_rank < EXCLUDED.stage_rank AND documents.stage_rank < "
                + DocumentStatus.TERMINAL_RANK + ") OR " + reopens + ")";
        String onAdvance = List.of("status", "stage_rank", "updated_at", "attempt").stream()
                .map(c -> c + " = CASE WHEN " + advances + " THEN EXCLUDED." + c + " ELSE documents." + c + " END")
                .collect(Collectors.joining(", "));
        String fillIn = DESCRIPTION.stream()
                .map(c -> c + " = COALESCE(documents." + c + ", EXCLUDED." + c + ")")
                .collect(Collectors.joining(", "));
        String outcome = OUTCOME.stream()
                .map(c -> c + " = CASE WHEN " + reopens + " THEN EXCLUDED." + c + " WHEN " + advances
                        + " THEN COALESCE(EXCLUDED." + c + ", documents." + c + ") ELSE documents." + c + " END")
                .collect(Collectors.joining(", "));
        return "INSERT INTO documents (" + String.join(", ", all) + ") VALUES ("
                + all.stream().map(c -> ":" + c).collect(Collectors.joining(", ")) + ")"
                + " ON CONFLICT (id) DO UPDATE SET " + onAdvance + ", " + fillIn + ", " + outcome
                + " WHERE documents.tenant_id = EXCLUDED.tenant_id";
    }

    static SqlParameterValue text(String value) {
        return new SqlParameterValue(Types.VARCHAR, value);
    }

    static SqlParameterValue time(Instant value) {
        return new SqlParameterValue(
                Types.TIMESTAMP_WITH_TIMEZONE, value == null ? null : OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
    }
}
