package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A tenant cancelled a batch: topic {@code signing.batch-cancelled.v1}, compacted, keyed by {@link
 * #keyOf}, written by the gateway when {@code POST /v1/batches/{id}/cancel} is accepted (ADR 31).
 * Stages that are about to do work for a document (the gateway's intake, a provider before it asks
 * for a signature, including a document waiting for a person) end it {@code DocumentFailed} {@link
 * FailureReason#CANCELLED} instead; a signature a provider already asked for completes. The topic
 * is read whole at start, so a restarted or second instance knows every cancelled batch. Not a
 * {@link DocumentEvent}: it names no document.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param tenantId the batch's tenant
 * @param batchId the batch
 * @param cancelledAt when the gateway accepted the cancel (the first time: a repeated cancel
 *     republishes the same instant)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BatchCancelled(int schemaVersion, String tenantId, String batchId, Instant cancelledAt) {

    public static final int SCHEMA_VERSION = 1;

    public BatchCancelled {
        Checks.schemaVersion(schemaVersion);
        Ids.require(tenantId, "tenantId");
        Ids.require(batchId, "batchId");
        Checks.notNull(cancelledAt, "cancelledAt");
    }

    /** The Kafka key: the tenant and its batch, as {@link BatchCompleted#keyOf}. */
    public static String keyOf(String tenantId, String batchId) {
        return BatchCompleted.keyOf(tenantId, batchId);
    }

    /** This event's {@link #keyOf key}. */
    public String key() {
        return keyOf(tenantId, batchId);
    }
}
