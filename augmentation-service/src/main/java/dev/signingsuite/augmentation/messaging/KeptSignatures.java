package dev.signingsuite.augmentation.messaging;

import dev.signingsuite.augmentation.trust.ServiceUnavailableException;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.SignatureReturned;
import dev.signingsuite.messaging.EventMessages;
import dev.signingsuite.messaging.parking.ParkingStage;
import java.time.Clock;
import java.time.Instant;
import org.springframework.cloud.stream.function.StreamBridge;

/**
 * A document whose trust service (or the blob store) stayed down past the parking deadline: its signature value (one a
 * person may have typed a PIN for) is kept unchanged on {@code signing.signatures-kept.v1} before
 * the document is answered failed, so that it can be augmented again later without a new signature.
 * In a transactional binding both writes belong to the consumer's transaction.
 */
final class KeptSignatures implements ParkingStage.Expiry<SignatureReturned> {

    /** The output binding of the kept values; its destination and topic settings are in the yml. */
    static final String BINDING = "keptSignatures-out-0";

    private final StreamBridge bridge;
    private final EventMessages messages;
    private final Clock clock;

    KeptSignatures(StreamBridge bridge, EventMessages messages, Clock clock) {
        this.bridge = bridge;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public DocumentFailed expire(SignatureReturned returned, RuntimeException cause, Instant parkedSince) {
        FailureReason reason = cause instanceof ServiceUnavailableException unavailable
                ? unavailable.reason()
                : FailureReason.STAGE_UNAVAILABLE;
        if (!bridge.send(BINDING, messages.toMessage(returned))) {
            throw new IllegalStateException("the kept signature value of " + returned.documentId() + " was not sent");
        }
        return new DocumentFailed(
                DocumentFailed.SCHEMA_VERSION,
                returned.documentId(),
                returned.batchId(),
                returned.tenantId(),
                returned.clientReference(),
                FailureStage.AUGMENTATION,
                reason,
                "unavailable since " + parkedSince + ", past the parking deadline: " + cause.getMessage()
                        + "; the signature value is kept on signatures-kept for re-augmentation",
                clock.instant());
    }
}
