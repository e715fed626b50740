package dev.signingsuite.augmentation.messaging;

import dev.signingsuite.augmentation.signature.SignatureAugmenter;
import dev.signingsuite.augmentation.trust.AugmentationProperties;
import dev.signingsuite.augmentation.trust.ServiceUnavailableException;
import dev.signingsuite.augmentation.trust.TrustServices;
import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.Lane;
import dev.signingsuite.events.SignatureReturned;
import dev.signingsuite.events.Topics;
import dev.signingsuite.messaging.DeadLetters;
import dev.signingsuite.messaging.EventMessages;
import dev.signingsuite.messaging.RoutedStage;
import dev.signingsuite.messaging.StageLedger;
import dev.signingsuite.messaging.StageLedgers;
import dev.signingsuite.messaging.parking.ParkedBinding;
import dev.signingsuite.messaging.parking.ParkedStages;
import dev.signingsuite.messaging.parking.ParkingConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.Message;

/**
 * The bindings {@code signatureReturned-in-0} and, for the interactive lane, {@code
 * signatureReturnedInteractive-in-0} (ADR 16): signature-returned in, signature-augmented of the
 * same lane out, or document-failed routed per record; records whose trust service is away are
 * parked, and past the deadline their signature values kept ({@link KeptSignatures}). The lanes run
 * the same stage on consumers of their own, so a person's document never waits behind a bulk backlog.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AugmentationProperties.class)
@Import({ParkingConfiguration.class, AugmentationStage.Lanes.class})
class AugmentationStage {

    static final String STAGE = "augmentation";

    static final String BINDING = "signatureReturned-in-0";

    static final String INTERACTIVE_BINDING = "signatureReturnedInteractive-in-0";

    private static final Logger log = LoggerFactory.getLogger(AugmentationStage.class);

    @Bean
    TrustServices trustServices(AugmentationProperties properties, MeterRegistry meters) {
        return TrustServices.create(properties, meters, Clock.systemUTC());
    }

    @Bean
    SignatureAugmenter signatureAugmenter(TrustServices trust, BlobStore blobs) {
        return new SignatureAugmenter(trust.signatures(), trust.ocsp(), blobs, Clock.systemUTC());
    }

    /** One SignatureAugmented per document and attempt (ADR 11); also a ContainerCustomization. */
    @Bean
    StageLedger augmentationLedger(StageLedgers ledgers, Topics topics) {
        return ledger(Lane.BULK, ledgers, topics);
    }

    /** The interactive lane's own ledger, mirroring its own input's partitions (ADR 16). */
    @Bean
    StageLedger interactiveAugmentationLedger(StageLedgers ledgers, Topics topics) {
        return ledger(Lane.INTERACTIVE, ledgers, topics);
    }

    /**
     * A TSA, an OCSP responder or the blob store out of reach parks the record instead of
     * dead-lettering it (ADR 0012).
     */
    @Bean
    ParkedBinding parkedSignatureReturned() {
        return parked(Lane.BULK);
    }

    @Bean
    ParkedBinding parkedInteractiveSignatureReturned() {
        return parked(Lane.INTERACTIVE);
    }

    @Bean
    Consumer<Message<List<byte[]>>> signatureReturned(
            Lanes lanes, @Qualifier("augmentationLedger") StageLedger ledger) {
        return lanes.consumer(Lane.BULK, ledger);
    }

    @Bean
    Consumer<Message<List<byte[]>>> signatureReturnedInteractive(
            Lanes lanes, @Qualifier("interactiveAugmentationLedger") StageLedger ledger) {
        return lanes.consumer(Lane.INTERACTIVE, ledger);
    }

    static String binding(Lane lane) {
        return lane == Lane.BULK ? BINDING : INTERACTIVE_BINDING;
    }

    static ParkedBinding parked(Lane lane) {
        return new ParkedBinding(binding(lane), STAGE, ServiceUnavailableException.class);
    }

    private static StageLedger ledger(Lane lane, StageLedgers ledgers, Topics topics) {
        return ledgers.create(
                STAGE,
                topics.augmentationLedger(lane),
                topics.signatureReturned(lane).name());
    }

    /** What both lanes share (imported as a bean); each lane reads its own topic and answers on its own next one. */
    record Lanes(
            SignatureAugmenter augmenter,
            ParkedStages stages,
            StreamBridge bridge,
            EventMessages messages,
            Topics topics,
            MeterRegistry meters,
            DeadLetters deadLetters) {

        /** Whole polls in one transaction each (messaging's BatchedStage); each record parked as alone. */
        Consumer<Message<List<byte[]>>> consumer(Lane lane, StageLedger ledger) {
            return stages.of(
                    parked(lane),
                    SignatureReturned.class,
                    stage(augmenter, messages, topics, lane, meters, deadLetters, ledger),
                    new KeptSignatures(bridge, messages, Clock.systemUTC()));
        }
    }

    /**
     * A TSA, an OCSP responder or the blob store out of reach is transient: counted, logged, and parked. Any other
     * exception fails the document and dead-letters the record (ADR 11).
     *
     * @param ledger null for no deduplication (unit tests)
     */
    static RoutedStage<SignatureReturned> stage(
            SignatureAugmenter augmenter,
            EventMessages messages,
            Topics topics,
            Lane lane,
            MeterRegistry meters,
            DeadLetters deadLetters,
            StageLedger ledger) {
        RoutedStage.Definition<SignatureReturned> definition = RoutedStage.named(STAGE, augmenter::augment)
                .succeeding(
                        "augmented", returned -> topics.signatureAugmented(lane).name())
                .countingRetries(ServiceUnavailableException.class, "Trust service or blob store unavailable")
                .logging(log, Level.DEBUG, "Signature augmented", "Augmentation failed")
                .answering(FailureStage.AUGMENTATION, deadLetters);
        if (ledger != null) {
            definition.deduplicating(ledger);
        }
        return definition.build(messages, topics, meters);
    }
}
