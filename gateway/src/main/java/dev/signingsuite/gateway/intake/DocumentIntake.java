package dev.signingsuite.gateway.intake;

import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignerRef;

/**
 * One document either intake (Kafka or REST) is about to take in: everything but its bytes.
 *
 * @param clientReference the back-office's own reference, or null
 * @param fileName checked by {@link IntakeAcceptor#requireSafeFileName}
 */
public record DocumentIntake(
        String tenantId,
        String documentId,
        String batchId,
        String clientReference,
        String fileName,
        String mediaType,
        SignerRef signer,
        SignatureFormat format,
        SignatureLevel level) {}
