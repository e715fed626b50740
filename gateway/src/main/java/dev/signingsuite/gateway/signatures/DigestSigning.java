package dev.signingsuite.gateway.signatures;

import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.Lane;
import dev.signingsuite.gateway.api.ApiProblem;
import dev.signingsuite.gateway.audit.SubmitterHeader;
import dev.signingsuite.gateway.intake.IntakeAcceptor;
import dev.signingsuite.gateway.status.StatusStore;
import dev.signingsuite.gateway.webhooks.BatchWebhooks;
import dev.signingsuite.messaging.EventMessages;
import dev.signingsuite.messaging.SigningMeters;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.http.HttpStatus;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Takes a digest into the pipeline as a document without a blob: the same checks of the signer as
 * an upload, the same status row, the same {@code DocumentReceived} on the same topics (one data
 * file that carries the digest), so every later stage, metric, trace and failure reason is the
 * document pipeline's. The signature id is the document id.
 */
@Component
class DigestSigning {

    /** The name of the signed content: the client's document, which the suite never sees. */
    static final String CONTENT_NAME = "document";

    // The bindings DocumentUploads publishes to (gateway.yml): the same topics, chosen by lane.
    private static final String RECEIVED_BINDING = "received-out-0";
    private static final String RECEIVED_INTERACTIVE_BINDING = "receivedInteractive-out-0";

    private static final Logger log = LoggerFactory.getLogger(DigestSigning.class);

    private final IntakeAcceptor acceptor;
    private final StatusStore store;
    private final StreamBridge bridge;
    private final EventMessages messages;
    private final MeterRegistry meters;
    private final Clock clock;
    private final SignatureCallbacks callbacks;
    private final BatchWebhooks webhooks;

    DigestSigning(
            IntakeAcceptor acceptor,
            StatusStore store,
            SignatureCallbacks callbacks,
            BatchWebhooks webhooks,
            StreamBridge bridge,
            EventMessages messages,
            MeterRegistry meters,
            Clock clock) {
        this.acceptor = acceptor;
        this.store = store;
        this.callbacks = callbacks;
        this.webhooks = webhooks;
        this.bridge = bridge;
        this.messages = messages;
        this.meters = meters;
        this.clock = clock;
    }

    /** @return the recorded and published event; its document id is the signature id */
    DocumentReceived accept(String tenantId, String submitter, DigestOrder order) {
        acceptor.requireSigner(tenantId, order.signer());
        String id = UUID.randomUUID().toString();
        DocumentReceived received = new DocumentReceived(
                DocumentReceived.SCHEMA_VERSION,
                id,
                id,
                tenantId,
                null,
                order.signer(),
                order.format(),
                order.level(),
                List.of(new DataFile(CONTENT_NAME, null, order.digest())),
                clock.instant());
        try (var document = MDC.putCloseable("document.id", id)) {
            store.recordAccepted(List.of(received));
            // Before the pipeline may finish the signature: its person page must find the callback,
            // and its outcome the request's webhook (the signature is a batch of one: batch id = id).
            if (order.callbackUrl() != null) {
                callbacks.keep(tenantId, id, order.callbackUrl());
            }
            if (order.webhookUrl() != null) {
                webhooks.keep(tenantId, id, order.webhookUrl(), clock.instant());
            }
            publish(received, submitter);
            log.info("Accepted a digest for signing over REST");
        }
        return received;
    }

    private void publish(DocumentReceived event, String submitter) {
        boolean sent;
        try {
            sent = bridge.send(
                    event.signer().provider().lane() == Lane.INTERACTIVE
                            ? RECEIVED_INTERACTIVE_BINDING
                            : RECEIVED_BINDING,
                    MessageBuilder.fromMessage(messages.toMessage(event))
                            .setHeader(SubmitterHeader.NAME, submitter)
                            .build());
        } catch (RuntimeException e) {
            log.warn("Publishing DocumentReceived failed: {}", e.getMessage());
            sent = false;
        }
        if (!sent) {
            store.record(new DocumentFailed(
                    DocumentFailed.SCHEMA_VERSION,
                    event.documentId(),
                    event.batchId(),
                    event.tenantId(),
                    null,
                    FailureStage.GATEWAY,
                    FailureReason.STAGE_UNAVAILABLE,
                    "the digest could not be queued for signing",
                    clock.instant()));
            throw new ApiProblem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Queue unavailable",
                    "the digest could not be queued and is FAILED; post it again");
        }
        SigningMeters.documents(meters, "gateway", "accepted").increment();
    }
}
