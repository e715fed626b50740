package dev.signingsuite.gateway.api;

import dev.signingsuite.gateway.audit.AuditEntry;
import dev.signingsuite.gateway.audit.AuditTrail;
import dev.signingsuite.gateway.status.StatusStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail (ETSI EN 319 401 §7.10): per document as JSON, per batch as an export. A tenant
 * sees only its own: another's document or batch answers 404, as an unknown one.
 */
@RestController
@RequestMapping("/v1")
class AuditController {

    static final MediaType JSON_LINES = MediaType.parseMediaType("application/x-ndjson");
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CSV_HEADER =
            "occurred_at,recorded_at,document_id,batch_id,event_type,attempt,actor,event_id,details\r\n";

    private final AuditTrail trail;
    private final StatusStore store;

    AuditController(AuditTrail trail, StatusStore store) {
        this.trail = trail;
        this.store = store;
    }

    record DocumentAudit(String documentId, List<AuditEntry> entries) {}

    @Operation(summary = "A document's audit trail: who submitted, which signer, digests, timestamps, failures")
    @GetMapping(path = "/documents/{documentId}/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    DocumentAudit document(
            @Parameter(hidden = true) @RequestAttribute(ApiKeyFilter.TENANT) String tenantId,
            @PathVariable String documentId) {
        List<AuditEntry> entries = trail.document(tenantId, documentId);
        // The trail outlives the document's status rows (retention, ADR 31): either one makes it known.
        if (entries.isEmpty() && store.find(tenantId, documentId).isEmpty()) {
            throw ApiProblem.notFound("no document " + documentId);
        }
        return new DocumentAudit(documentId, entries);
    }

    @Operation(summary = "Export a batch's audit trail: JSON lines (default) or CSV, one event per line")
    @GetMapping(path = "/batches/{batchId}/audit")
    ResponseEntity<String> batch(
            @Parameter(hidden = true) @RequestAttribute(ApiKeyFilter.TENANT) String tenantId,
            @PathVariable String batchId,
            @Parameter(description = "jsonl (default) or csv") @RequestParam(defaultValue = "jsonl") String format) {
        if (!format.equals("jsonl") && !format.equals("csv")) {
            throw ApiProblem.badRequest("format must be jsonl or csv, not " + format);
        }
        List<AuditEntry> entries = trail.batch(tenantId, batchId);
        if (entries.isEmpty() && store.findBatch(tenantId, batchId).isEmpty()) {
            throw ApiProblem.notFound("no batch " + batchId);
        }
        if (format.equals("csv")) {
            String body = entries.stream().map(AuditController::csvLine).collect(Collectors.joining());
            return ResponseEntity.ok().contentType(CSV).body(CSV_HEADER + body);
        }
        String body =
                entries.stream().map(e -> JSON.writeValueAsString(e) + "\n").collect(Collectors.joining());
        return ResponseEntity.ok().contentType(JSON_LINES).body(body);
    }

    private static String csvLine(AuditEntry e) {
        return String.join(
                        ",",
                        e.occurredAt().toString(),
                        e.recordedAt().toString(),
                        csv(e.documentId()),
                        csv(e.batchId()),
                        csv(e.eventType()),
                        Integer.toString(e.attempt()),
                        csv(e.actor()),
                        csv(e.eventId()),
                        csv(JSON.writeValueAsString(e.details())))
                + "\r\n";
    }

    /** RFC 4180: every field quoted, quotes doubled; a leading formula character defused for spreadsheets. */
    private static String csv(String value) {
        String safe = value != null && !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + (safe == null ? "" : safe.replace("\"", "\"\"")) + "\"";
    }
}
