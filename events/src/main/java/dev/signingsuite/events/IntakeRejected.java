package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * The gateway refused an intake record that reuses a tenant's {@code clientReference} for other
 * content: topic {@code signing.intake-rejected.v1}, keyed by {@link #keyOf}. Deliberately not a
 * {@link DocumentEvent}: the reference already names a document, whose own outcome stays the only
 * one, so this answer must not look like an outcome of that document.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param tenantId the tenant that submitted
 * @param clientReference the reference the refused record carried
 * @param batchId the batch the refused record named, or null
 * @param reason a stable code; {@link Reason#UNKNOWN} when written by a newer version
 * @param message a human-readable explanation without personal data or secrets
 * @param rejectedAt when the gateway refused it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IntakeRejected(
        int schemaVersion,
        String tenantId,
        String clientReference,
        String batchId,
        Reason reason,
        String message,
        Instant rejectedAt) {

    public static final int SCHEMA_VERSION = 1;

    /** Why an intake record was refused without becoming a document. */
    public enum Reason {
        /** The tenant used the reference before for other content or another signer. */
        CLIENT_REFERENCE_REUSED,
        @JsonEnumDefaultValue
        UNKNOWN
    }

    public IntakeRejected {
        Checks.schemaVersion(schemaVersion);
        Ids.require(tenantId, "tenantId");
        Ids.require(clientReference, "clientReference");
        Ids.optional(batchId, "batchId");
        Checks.notNull(reason, "reason");
        Checks.notBlank(message, "message");
        Checks.notNull(rejectedAt, "rejectedAt");
    }

    /** The Kafka key: the tenant and its reference, as the refused intake record was keyed. */
    public static String keyOf(String tenantId, String clientReference) {
        return tenantId + "/" + clientReference;
    }
}
