package dev.signingsuite.gateway.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a document's audit trail: an event the gateway read, who acted, and what the event
 * proves ({@code details}: digests, serials, names, reasons; never content, PINs or tokens).
 *
 * @param eventId the CloudEvents id of the event, or where it was read when it had none
 * @param eventType e.g. {@code signature-returned}
 * @param attempt the event's {@code signing-attempt}: above 0 for a deliberate re-processing
 * @param recordedAt when the gateway recorded it; null before it is stored
 */
public record AuditEntry(
        String documentId,
        String tenantId,
        String batchId,
        String eventId,
        String eventType,
        int attempt,
        String actor,
        Instant occurredAt,
        Instant recordedAt,
        Map<String, Object> details) {

    public AuditEntry {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
