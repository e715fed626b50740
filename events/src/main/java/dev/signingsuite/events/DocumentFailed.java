package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A document cannot be signed: the terminal failure event any stage may write, part of the public
 * contract for back-office systems. A person's outcome (refusal, timeout) is reported here, never
 * retried or dead-lettered.
 *
 * @param stage where it failed
 * @param reason a stable code; {@link FailureReason#UNKNOWN} when written by a newer version
 * @param message a human-readable explanation without personal data or secrets
 * @param failedAt when it failed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DocumentFailed(
        int schemaVersion,
        String documentId,
        String batchId,
        String tenantId,
        String clientReference,
        FailureStage stage,
        FailureReason reason,
        String message,
        Instant failedAt)
        implements DocumentEvent {

    public static final int SCHEMA_VERSION = 1;

    public DocumentFailed {
        Checks.header(schemaVersion, documentId, batchId, tenantId, clientReference);
        Checks.notNull(stage, "stage");
        Checks.notNull(reason, "reason");
        Checks.notBlank(message, "message");
        Checks.notNull(failedAt, "failedAt");
    }
}
