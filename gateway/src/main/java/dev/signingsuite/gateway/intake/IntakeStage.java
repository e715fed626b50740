package dev.signingsuite.gateway.intake;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentSubmitted;
import dev.signingsuite.events.Topics;
import dev.signingsuite.gateway.config.GatewayProperties;
import dev.signingsuite.messaging.EventMessages;
import dev.signingsuite.messaging.InboundEnvelope;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/** The binding {@code intake-in-0}: the intake topic in, document-received or document-failed out. */
@Configuration(proxyBeanMethods = false)
class IntakeBinding {

    /** Spring Cloud Stream sends a function's result to the destination this header names. */
    static final String SEND_TO = "spring.cloud.stream.sendto.destination";

    private static final Logger log = LoggerFactory.getLogger(IntakeBinding.class);

    @Bean
    IntakeAcceptor intakeAcceptor(GatewayProperties properties, BlobStore blobs, Clock clock) {
        return new IntakeAcceptor(properties, blobs, clock);
    }

    @Bean
    Function<Message<DocumentSubmitted>, Message<DocumentEvent>> intake(
            IntakeAcceptor acceptor, EventMessages messages, Topics topics, MeterRegistry meters) {
        return message -> {
            InboundEnvelope envelope = InboundEnvelope.of(message);
            envelope.requireType(DocumentSubmitted.class);
            DocumentEvent outcome = acceptor.accept(message.getPayload());
            try (var document = MDC.putCloseable("document.id", outcome.documentId());
                    var batch = MDC.putCloseable("batch.id", outcome.batchId())) {
                boolean rejected = outcome instanceof DocumentFailed;
                meters.counter("signing.documents", "stage", "gateway", "outcome", rejected ? "failed" : "accepted")
                        .increment();
                if (rejected) {
                    log.info("Intake rejected: {}", ((DocumentFailed) outcome).reason());
                } else {
                    log.debug("Intake accepted");
                }
                String destination = rejected
                        ? topics.documentFailed().name()
                        : topics.documentReceived().name();
                return MessageBuilder.fromMessage(messages.toMessage(outcome, envelope))
                        .setHeader(SEND_TO, destination)
                        .build();
            }
        };
    }
}
