package dev.signingsuite.hash.messaging;

import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Topics;
import dev.signingsuite.hash.digest.DocumentHasher;
import dev.signingsuite.messaging.EventMessages;
import dev.signingsuite.messaging.InboundEnvelope;
import dev.signingsuite.messaging.SigningMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Maps {@link DocumentReceived} in and the hasher's outcome out: {@link HashComputed} to the topic
 * of the signer's provider, {@link DocumentFailed} to the failed topic, each routed per record.
 */
final class HashStage implements Function<Message<DocumentReceived>, Message<DocumentEvent>> {

    /** Spring Cloud Stream sends a function's result to the destination this header names. */
    static final String SEND_TO = "spring.cloud.stream.sendto.destination";

    static final String STAGE = "hash";

    private static final Logger log = LoggerFactory.getLogger(HashStage.class);

    private final DocumentHasher hasher;
    private final EventMessages messages;
    private final Topics topics;
    private final Timer duration;
    private final Counter hashed;
    private final Counter failed;

    HashStage(DocumentHasher hasher, EventMessages messages, Topics topics, MeterRegistry meters) {
        this.hasher = hasher;
        this.messages = messages;
        this.topics = topics;
        this.duration = SigningMeters.stageDuration(meters, STAGE);
        this.hashed = meters.counter("signing.documents", "stage", STAGE, "outcome", "hashed");
        this.failed = meters.counter("signing.documents", "stage", STAGE, "outcome", "failed");
    }

    @Override
    public Message<DocumentEvent> apply(Message<DocumentReceived> message) {
        DocumentReceived received = message.getPayload();
        InboundEnvelope envelope = InboundEnvelope.of(message);
        envelope.requireDescribes(received);
        try (var document = MDC.putCloseable("document.id", received.documentId());
                var batch = MDC.putCloseable("batch.id", received.batchId());
                var provider = MDC.putCloseable(
                        "provider", received.signer().provider().id())) {
            // A transient blob store error propagates (and is timed): the binder retries the record.
            DocumentEvent outcome = duration.record(() -> hasher.hash(received));
            String destination;
            if (outcome instanceof DocumentFailed documentFailed) {
                failed.increment();
                log.warn("Document failed: {} ({})", documentFailed.reason(), documentFailed.message());
                destination = topics.documentFailed().name();
            } else {
                hashed.increment();
                log.debug("Hashed {} file(s)", received.files().size());
                destination = topics.hashComputed(received.signer().provider()).name();
            }
            return MessageBuilder.fromMessage(messages.toMessage(outcome, envelope))
                    .setHeader(SEND_TO, destination)
                    .build();
        }
    }
}
