package dev.signingsuite.messaging;

import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.messaging.Message;

/**
 * The inbound binding of a service whose stage is not deployed: the document it receives ends as
 * {@link DocumentFailed} with reason {@link FailureReason#STAGE_UNAVAILABLE}, so that nothing that
 * reaches the service is silently dropped. The envelope is still checked: a record whose headers
 * contradict its payload is refused and goes to the dead-letter topic.
 */
public final class UnavailableStage<T extends DocumentEvent> implements Function<Message<T>, Message<DocumentFailed>> {

    private static final Logger log = LoggerFactory.getLogger(UnavailableStage.class);

    private final String service;
    private final FailureStage stage;
    private final EventMessages messages;
    private final MeterRegistry meters;
    private final Clock clock;

    public UnavailableStage(
            String service, FailureStage stage, EventMessages messages, MeterRegistry meters, Clock clock) {
        this.service = service;
        this.stage = stage;
        this.messages = messages;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public Message<DocumentFailed> apply(Message<T> message) {
        T event = message.getPayload();
        InboundEnvelope envelope = InboundEnvelope.of(message);
        envelope.requireDescribes(event);
        try (var document = MDC.putCloseable("document.id", event.documentId());
                var batch = MDC.putCloseable("batch.id", event.batchId())) {
            DocumentFailed failed = new DocumentFailed(
                    DocumentFailed.SCHEMA_VERSION,
                    event.documentId(),
                    event.batchId(),
                    event.tenantId(),
                    event.clientReference(),
                    stage,
                    FailureReason.STAGE_UNAVAILABLE,
                    service + " does not process " + envelope.type() + " in this deployment",
                    clock.instant());
            meters.counter("signing.documents", "stage", service, "outcome", "failed")
                    .increment();
            log.warn("Document failed: {} cannot process {} yet", service, envelope.type());
            return messages.toMessage(failed, envelope);
        }
    }
}
