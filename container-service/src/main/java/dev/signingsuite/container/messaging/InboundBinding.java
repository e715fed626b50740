package dev.signingsuite.container.messaging;

import dev.signingsuite.container.assembly.ContainerAssembler;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.SignatureAugmented;
import dev.signingsuite.events.Topics;
import dev.signingsuite.messaging.EventMessages;
import dev.signingsuite.messaging.InboundEnvelope;
import dev.signingsuite.messaging.SigningMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/** The binding {@code signatureAugmented-in-0}: container-assembled or document-failed out, per record. */
@Configuration(proxyBeanMethods = false)
class InboundBinding {

    /** Spring Cloud Stream sends a function's result to the destination this header names. */
    static final String SEND_TO = "spring.cloud.stream.sendto.destination";

    private static final Logger log = LoggerFactory.getLogger(InboundBinding.class);
    private static final String STAGE = "container";

    @Bean
    Function<Message<SignatureAugmented>, Message<DocumentEvent>> signatureAugmented(
            ContainerAssembler assembler, EventMessages messages, Topics topics, MeterRegistry meters) {
        Timer duration = SigningMeters.stageDuration(meters, STAGE);
        return message -> {
            SignatureAugmented event = message.getPayload();
            InboundEnvelope envelope = InboundEnvelope.of(message);
            envelope.requireDescribes(event);
            try (var document = MDC.putCloseable("document.id", event.documentId());
                    var batch = MDC.putCloseable("batch.id", event.batchId())) {
                DocumentEvent outcome = duration.record(() -> assembler.assemble(event));
                boolean failed = outcome instanceof DocumentFailed;
                meters.counter("signing.documents", "stage", STAGE, "outcome", failed ? "failed" : "assembled")
                        .increment();
                if (failed) {
                    DocumentFailed documentFailed = (DocumentFailed) outcome;
                    log.warn("Container failed: {} {}", documentFailed.reason(), documentFailed.message());
                } else {
                    log.info("Container assembled and validated");
                }
                String destination = failed
                        ? topics.documentFailed().name()
                        : topics.containerAssembled().name();
                return MessageBuilder.fromMessage(messages.toMessage(outcome, envelope))
                        .setHeader(SEND_TO, destination)
                        .build();
            }
        };
    }
}
