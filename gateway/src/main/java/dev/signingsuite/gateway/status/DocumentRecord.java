package dev.signingsuite.gateway.status;

import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.SignerRef;
import java.time.Instant;

/**
 * What the status store knows of one document. Fields of stages the document has not reached, or
 * whose events have not arrived yet, are null.
 *
 * @param awaiting what the provider waited for from a person, once it did; kept after the document
 *     moved on, so read it only while {@link DocumentStatus#AWAITING_PERSON} or {@link
 *     DocumentStatus#AWAITING_SCAN}
 * @param personLink the link the person follows (the one-time login's authorization URL), as
 *     {@code awaiting}: read it only while {@link DocumentStatus#AWAITING_PERSON}
 */
public record DocumentRecord(
        String id,
        String tenantId,
        String batchId,
        String clientReference,
        String fileName,
        SignerRef signer,
        String level,
        DocumentStatus status,
        String verificationCode,
        String awaiting,
        String personLink,
        Failure failure,
        Container container,
        Instant receivedAt,
        Instant updatedAt) {

    public record Failure(FailureStage stage, FailureReason reason, String message) {}

    public record Container(String name, BlobRef blob, String validationIndication) {}
}
