package dev.signingsuite.gateway.status;

import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.SignerRef;
import java.time.Instant;

/**
 * What the status store knows of one document. Fields of stages the document has not reached, or
 * whose events have not arrived yet, are null.
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
        Failure failure,
        Container container,
        Instant receivedAt,
        Instant updatedAt) {

    public record Failure(FailureStage stage, FailureReason reason, String message) {}

    public record Container(String name, BlobRef blob, String validationIndication) {}
}
