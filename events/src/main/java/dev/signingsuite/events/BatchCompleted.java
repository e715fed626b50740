package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every document of a batch has its outcome: topic {@code signing.batch-completed.v1}, keyed by
 * {@link #keyOf}, written once per batch by the gateway, which decides it from its status store
 * (ADR 27). Deliberately not a {@link DocumentEvent}: it names no document.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param tenantId the batch's tenant
 * @param batchId the batch
 * @param documents how many documents the batch holds
 * @param assembled how many of them ended {@code ContainerAssembled}
 * @param failed how many ended {@code DocumentFailed}; {@code assembled + failed == documents}
 * @param failuresByReason the failed documents counted per {@link FailureReason} code (a code this
 *     reader does not know stays as written); empty when none failed
 * @param completedAt when the gateway saw the batch's last outcome
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BatchCompleted(
        int schemaVersion,
        String tenantId,
        String batchId,
        int documents,
        int assembled,
        int failed,
        Map<String, Integer> failuresByReason,
        Instant completedAt) {

    public static final int SCHEMA_VERSION = 1;

    public BatchCompleted {
        Checks.schemaVersion(schemaVersion);
        Ids.require(tenantId, "tenantId");
        Ids.require(batchId, "batchId");
        if (documents < 1 || assembled < 0 || failed < 0 || assembled + failed != documents) {
            throw new IllegalArgumentException("assembled (" + assembled + ") and failed (" + failed
                    + ") must add up to documents (" + documents + "), at least 1");
        }
        failuresByReason =
                failuresByReason == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(failuresByReason));
        if (failuresByReason.values().stream().mapToInt(Integer::intValue).sum() != failed) {
            throw new IllegalArgumentException("failuresByReason must add up to failed (" + failed + ")");
        }
        Checks.notNull(completedAt, "completedAt");
    }

    /** The Kafka key: the tenant and its batch. */
    public static String keyOf(String tenantId, String batchId) {
        return tenantId + "/" + batchId;
    }
}
