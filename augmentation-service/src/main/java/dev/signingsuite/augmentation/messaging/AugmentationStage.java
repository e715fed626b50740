package dev.signingsuite.augmentation.messaging;

import dev.signingsuite.augmentation.signature.SignatureAugmenter;
import dev.signingsuite.augmentation.trust.AugmentationProperties;
import dev.signingsuite.augmentation.trust.TrustServiceUnavailableException;
import dev.signingsuite.augmentation.trust.TrustServices;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.SignatureReturned;
import dev.signingsuite.events.Topics;
import dev.signingsuite.messaging.BatchedStages;
import dev.signingsuite.messaging.DeadLetters;
import dev.signingsuite.messaging.EventMessages;
import dev.signingsuite.messaging.RoutedStage;
import dev.signingsuite.messaging.StageLedger;
import dev.signingsuite.messaging.StageLedgers;
import dev.signingsuite.messaging.parking.ParkedBinding;
import dev.signingsuite.messaging.parking.ParkingConfiguration;
import dev.signingsuite.messaging.parking.ParkingProperties;
import dev.signingsuite.messaging.parking.ParkingStage;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.Message;

/**
 * The binding {@code signatureReturned-in-0}: signature-returned in, signature-augmented out, or
 * document-failed routed per record; records whose trust service is away are parked, and past the
 * deadline their signature values kept ({@link KeptSignatures}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AugmentationProperties.class)
@Import(ParkingConfiguration.class)
class AugmentationStage {

    static final String STAGE = "augmentation";

    static final String BINDING = "signatureReturned-in-0";

    private static final Logger log = LoggerFactory.getLogger(AugmentationStage.class);

    @Bean
    TrustServices trustServices(AugmentationProperties properties, MeterRegistry meters) {
        return TrustServices.create(properties, meters, Clock.systemUTC());
    }

    @Bean
    SignatureAugmenter signatureAugmenter(TrustServices trust) {
        return new SignatureAugmenter(trust.signatures(), trust.ocsp(), Clock.systemUTC());
    }

    /** One SignatureAugmented per document and attempt (ADR 11); also a ContainerCustomization. */
    @Bean
    StageLedger augmentationLedger(StageLedgers ledgers, Topics topics) {
        return ledgers.create(
                STAGE, topics.augmentationLedger(), topics.signatureReturned().name());
    }

    /** A TSA or OCSP responder out of reach parks the record instead of dead-lettering it (ADR 0012). */
    @Bean
    ParkedBinding parkedSignatureReturned() {
        return new ParkedBinding(BINDING, STAGE, TrustServiceUnavailableException.class);
    }

    /** Whole polls in one transaction each (messaging's BatchedStage); each record parked as alone. */
    @Bean
    Consumer<Message<List<byte[]>>> signatureReturned(
            SignatureAugmenter augmenter,
            ParkedBinding parked,
            ParkingProperties parking,
            StreamBridge bridge,
            EventMessages messages,
            Topics topics,
            MeterRegistry meters,
            DeadLetters deadLetters,
            StageLedger ledger,
            BatchedStages batched) {
        Clock clock = Clock.systemUTC();
        Function<Message<SignatureReturned>, Message<DocumentEvent>> parkedStage = ParkingStage.around(
                stage(augmenter, messages, topics, meters, deadLetters, ledger),
                parked,
                new KeptSignatures(bridge, messages, clock),
                parking,
                messages,
                topics,
                meters,
                clock);
        return batched.of(
                BINDING, SignatureReturned.class, parkedStage, parked.redelivery(parking, batched.redelivery(BINDING)));
    }

    /**
     * A TSA or OCSP responder out of reach is transient: counted, logged, and parked. Any other
     * exception fails the document and dead-letters the record (ADR 11).
     *
     * @param ledger null for no deduplication (unit tests)
     */
    static RoutedStage<SignatureReturned> stage(
            SignatureAugmenter augmenter,
            EventMessages messages,
            Topics topics,
            MeterRegistry meters,
            DeadLetters deadLetters,
            StageLedger ledger) {
        RoutedStage.Definition<SignatureReturned> definition = RoutedStage.named(STAGE, augmenter::augment)
                .succeeding("augmented", returned -> topics.signatureAugmented().name())
                .countingRetries(TrustServiceUnavailableException.class, "Trust service unavailable")
                .logging(log, Level.DEBUG, "Signature augmented", "Augmentation failed")
                .answering(FailureStage.AUGMENTATION, deadLetters);
        if (ledger != null) {
            definition.deduplicating(ledger);
        }
        return definition.build(messages, topics, meters);
    }
}
