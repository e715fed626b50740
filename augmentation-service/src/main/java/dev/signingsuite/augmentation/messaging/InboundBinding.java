package dev.signingsuite.augmentation.messaging;

import dev.signingsuite.augmentation.signature.SignatureAugmenter;
import dev.signingsuite.augmentation.trust.AugmentationProperties;
import dev.signingsuite.augmentation.trust.TrustServiceUnavailableException;
import dev.signingsuite.augmentation.trust.TrustServices;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.SignatureReturned;
import dev.signingsuite.events.Topics;
import dev.signingsuite.messaging.EventMessages;
import dev.signingsuite.messaging.InboundEnvelope;
import dev.signingsuite.messaging.SigningMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The binding {@code signatureReturned-in-0}: signature-returned in, signature-augmented out, or
 * document-failed routed per record.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AugmentationProperties.class)
class InboundBinding {

    /** Spring Cloud Stream sends a function's result to the destination this header names. */
    static final String SEND_TO = "spring.cloud.stream.sendto.destination";

    private static final String STAGE = "augmentation";
    private static final Logger log = LoggerFactory.getLogger(InboundBinding.class);

    @Bean
    TrustServices trustServices(AugmentationProperties properties, MeterRegistry meters) {
        return TrustServices.create(properties, meters, Clock.systemUTC());
    }

    @Bean
    SignatureAugmenter signatureAugmenter(TrustServices trust) {
        return new SignatureAugmenter(trust.cades(), trust.ocsp(), Clock.systemUTC());
    }

    @Bean
    Function<Message<SignatureReturned>, Message<DocumentEvent>> signatureReturned(
            SignatureAugmenter augmenter, EventMessages messages, Topics topics, MeterRegistry meters) {
        Timer duration = SigningMeters.stageDuration(meters, STAGE);
        return message -> {
            SignatureReturned returned = message.getPayload();
            InboundEnvelope envelope = InboundEnvelope.of(message);
            envelope.requireDescribes(returned);
            try (var document = MDC.putCloseable("document.id", returned.documentId());
                    var batch = MDC.putCloseable("batch.id", returned.batchId())) {
                DocumentEvent outcome;
                Timer.Sample sample = Timer.start(meters);
                try {
                    outcome = augmenter.augment(returned);
                } catch (TrustServiceUnavailableException e) {
                    meters.counter("signing.documents", "stage", STAGE, "outcome", "retried")
                            .increment();
                    log.warn("Trust service unavailable, the binder retries: {}", e.getMessage());
                    throw e;
                } finally {
                    sample.stop(duration);
                }
                boolean failed = outcome instanceof DocumentFailed;
                meters.counter("signing.documents", "stage", STAGE, "outcome", failed ? "failed" : "augmented")
                        .increment();
                if (failed) {
                    DocumentFailed failure = (DocumentFailed) outcome;
                    log.info("Augmentation failed: {} {}", failure.reason(), failure.message());
                } else {
                    log.debug("Signature augmented to {}", returned.parameters().level());
                }
                String destination = failed
                        ? topics.documentFailed().name()
                        : topics.signatureAugmented().name();
                return MessageBuilder.fromMessage(messages.toMessage(outcome, envelope))
                        .setHeader(SEND_TO, destination)
                        .build();
            }
        };
    }
}
