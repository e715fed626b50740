package dev.signingsuite.gateway.intake;

import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which document each tenant's {@code clientReference} names, in the gateway's database (table
 * {@code intake_references}), shared by both intakes and every gateway instance. The primary key
 * decides a race: {@link #claim} inserts or finds, in one statement, never check-then-insert.
 * Writes join the caller's transaction, so a REST upload claims its references and records its
 * documents together.
 */
public final class IntakeReferences {

    /** Which intake claimed a reference first. */
    public enum Source {
        REST,
        KAFKA
    }

    /**
     * A reference and the document it names.
     *
     * @param fingerprint {@link IntakeFingerprint} of what was submitted under the reference
     * @param intakeRecord the Kafka record ({@code topic/partition/offset}) that claimed it, or null
     */
    public record Claim(
            String tenantId,
            String clientReference,
            String documentId,
            String batchId,
            String fingerprint,
            List<String> fileNames,
            Source source,
            String intakeRecord) {

        public Claim {
            fileNames = List.copyOf(fileNames);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public IntakeReferences(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Claim> find(String tenantId, String clientReference) {
        return jdbc.sql("SELECT * FROM intake_references WHERE tenant_id = :tenant AND client_reference = :reference")
                .param("tenant", tenantId)
                .param("reference", clientReference)
                .query((rs, row) -> new Claim(
                        rs.getString("tenant_id"),
                        rs.getString("client_reference"),
                        rs.getString("document_id"),
                        rs.getString("batch_id"),
                        rs.getString("fingerprint"),
                        Arrays.asList(rs.getString("file_names").split("\n")),
                        Source.valueOf(rs.getString("source").toUpperCase(Locale.ROOT)),
                        rs.getString("intake_record")))
                .optional();
    }

    /**
     * Claims the reference for {@code candidate} unless it is taken; a concurrent claim of the same
     * reference waits here until the other transaction ends.
     *
     * @return the claim that holds: {@code candidate} when it won, else the earlier one
     */
    public Claim claim(Claim candidate) {
        int inserted = jdbc.sql("INSERT INTO intake_references (tenant_id, client_reference, document_id, batch_id,"
                        + " fingerprint, file_names, source, intake_record, claimed_at) VALUES (:tenant, :reference,"
                        + " :document, :batch, :fingerprint, :names, :source, :record, :at) ON CONFLICT DO NOTHING")
                .param("tenant", candidate.tenantId())
                .param("reference", candidate.clientReference())
                .param("document", candidate.documentId())
                .param("batch", candidate.batchId())
                .param("fingerprint", candidate.fingerprint())
                .param("names", String.join("\n", candidate.fileNames()))
                .param("source", candidate.source().name().toLowerCase(Locale.ROOT))
                .param("record", new SqlParameterValue(Types.VARCHAR, candidate.intakeRecord()))
                .param(
                        "at",
                        new SqlParameterValue(
                                Types.TIMESTAMP_WITH_TIMEZONE,
                                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)))
                .update();
        if (inserted == 1) {
            return candidate;
        }
        return find(candidate.tenantId(), candidate.clientReference())
                .orElseThrow(() -> new IllegalStateException("reference claimed and gone at once"));
    }

    /**
     * Frees the references of documents that were never queued, so that the client's retry under
     * the same reference starts afresh instead of finding a document that will never be signed.
     */
    public void release(String tenantId, String documentId) {
        jdbc.sql("DELETE FROM intake_references WHERE tenant_id = :tenant AND document_id = :document")
                .param("tenant", tenantId)
                .param("document", documentId)
                .update();
    }

    /**
     * Whether the gateway's status store knows the document, i.e. its first event left the intake:
     * it records only what it read back from the topics (Kafka) or what REST is about to publish.
     */
    public boolean documentKnown(String documentId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM documents WHERE id = :id)")
                .param("id", documentId)
                .query(Boolean.class)
                .single();
    }
}
