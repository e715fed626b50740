package dev.signingsuite.provider.smartid.messaging;

import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.SignatureRequested;
import dev.signingsuite.messaging.InboundEnvelope;
import dev.signingsuite.provider.smartid.signing.LinkedFlow;
import dev.signingsuite.provider.smartid.signing.SessionStarter;
import dev.signingsuite.provider.smartid.signing.StartOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.messaging.Message;

/**
 * The binding {@code hashComputed-in-0}: starts the document's session and writes {@code
 * SignatureRequested} (or {@code DocumentFailed}); it never waits for the person, the poller does.
 */
final class HashComputedStage implements Consumer<Message<HashComputed>> {

    private static final Logger log = LoggerFactory.getLogger(HashComputedStage.class);

    private final SessionStarter starter;
    private final LinkedFlow linkedFlow;
    private final SmartIdOutbound outbound;
    private final MeterRegistry meters;

    HashComputedStage(SessionStarter starter, LinkedFlow linkedFlow, SmartIdOutbound outbound, MeterRegistry meters) {
        this.starter = starter;
        this.linkedFlow = linkedFlow;
        this.outbound = outbound;
        this.meters = meters;
    }

    @Override
    public void accept(Message<HashComputed> message) {
        HashComputed document = message.getPayload();
        InboundEnvelope envelope = InboundEnvelope.of(message);
        envelope.requireDescribes(document);
        try (var id = MDC.putCloseable("document.id", document.documentId());
                var batch = MDC.putCloseable("batch.id", document.batchId());
                var provider = MDC.putCloseable("provider", "smartid")) {
            // A signer without a document number chooses the certificate on the phone first.
            StartOutcome outcome =
                    LinkedFlow.asksForDeviceLink(document) ? linkedFlow.start(document) : starter.start(document);
            if (outcome instanceof StartOutcome.Requested requested) {
                outbound.requested(
                        new SignatureRequested(
                                SignatureRequested.SCHEMA_VERSION,
                                document.documentId(),
                                document.batchId(),
                                document.tenantId(),
                                document.clientReference(),
                                document.signer(),
                                document.files(),
                                document.manifest(),
                                requested.parameters(),
                                requested.dataToSignDigest(),
                                requested.session(),
                                requested.requestedAt(),
                                requested.certificateChoice()),
                        envelope);
                count("requested");
                log.debug("Smart-ID session {} started", requested.session().sessionId());
            } else if (outcome instanceof StartOutcome.Failed failed) {
                outbound.failed(document, failed.reason(), failed.message(), envelope);
                count("failed");
                log.info("Document failed: {} {}", failed.reason(), failed.message());
            }
        }
    }

    private void count(String outcome) {
        meters.counter("signing.documents", "stage", "provider", "outcome", outcome)
                .increment();
    }
}
