package dev.signingsuite.provider.smartid.messaging;

import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.SignatureRequested;
import dev.signingsuite.events.SignatureReturned;
import dev.signingsuite.messaging.EventMessages;
import dev.signingsuite.messaging.InboundEnvelope;
import java.time.Clock;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.messaging.Message;

/**
 * What the provider writes, through the output bindings of {@code provider-smartid.yml}; the
 * bindings send synchronously, so a record is acknowledged only after its answer is on the broker.
 */
final class SmartIdOutbound {

    static final String REQUESTED = "signatureRequested";
    static final String RETURNED = "signatureReturned";
    static final String FAILED = "documentFailed";

    private final StreamBridge bridge;
    private final EventMessages messages;
    private final Clock clock;

    SmartIdOutbound(StreamBridge bridge, EventMessages messages, Clock clock) {
        this.bridge = bridge;
        this.messages = messages;
        this.clock = clock;
    }

    void requested(SignatureRequested requested, InboundEnvelope cause) {
        send(REQUESTED, requested, cause);
    }

    void returned(SignatureRequested requested, byte[] signatureValue, InboundEnvelope cause) {
        send(
                RETURNED,
                new SignatureReturned(
                        SignatureReturned.SCHEMA_VERSION,
                        requested.documentId(),
                        requested.batchId(),
                        requested.tenantId(),
                        requested.clientReference(),
                        requested.signer(),
                        requested.files(),
                        requested.manifest(),
                        requested.parameters(),
                        signatureValue,
                        clock.instant()),
                cause);
    }

    void failed(DocumentEvent document, FailureReason reason, String message, InboundEnvelope cause) {
        send(
                FAILED,
                new DocumentFailed(
                        DocumentFailed.SCHEMA_VERSION,
                        document.documentId(),
                        document.batchId(),
                        document.tenantId(),
                        document.clientReference(),
                        FailureStage.PROVIDER,
                        reason,
                        message,
                        clock.instant()),
                cause);
    }

    private <T extends DocumentEvent> void send(String binding, T event, InboundEnvelope cause) {
        Message<T> message = messages.toMessage(event, cause);
        // The poller answers outside the record's listener call: send within the document's trace.
        if (!messages.send(message, () -> bridge.send(binding, message))) {
            throw new IllegalStateException("the binder did not accept a message for " + binding);
        }
    }
}
