package dev.signingsuite.container.messaging;

import dev.signingsuite.container.assembly.ContainerAssembler;
import dev.signingsuite.container.assembly.ContainerNameRefused;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.Lane;
import dev.signingsuite.events.SignatureAugmented;
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
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.Message;

/**
 * The bindings {@code signatureAugmented-in-0} and, for the interactive lane, {@code
 * signatureAugmentedInteractive-in-0} (ADR 16; the same stage on consumers of their own, so a
 * person's document never waits behind a bulk backlog): container-assembled or document-failed out,
 * per record, for both lanes. The blob store (or this instance's disk) out of reach parks the record (ADR 0012); past
 * the deadline the document fails {@code STAGE_UNAVAILABLE}.
 */
@Configuration(proxyBeanMethods = false)
@Import({ParkingConfiguration.class, ContainerStage.Lanes.class})
class ContainerStage {

    static final String STAGE = "container";

    static final String BINDING = "signatureAugmented-in-0";

    static final String INTERACTIVE_BINDING = "signatureAugmentedInteractive-in-0";

    private static final Logger log = LoggerFactory.getLogger(ContainerStage.class);

    /** One ContainerAssembled per document and attempt (ADR 11); also a ContainerCustomization. */
    @Bean
    StageLedger containerLedger(StageLedgers ledgers, Topics topics) {
        return ledger(Lane.BULK, ledgers, topics);
    }

    /** The interactive lane's own ledger, mirroring its own input's partitions (ADR 16). */
    @Bean
    StageLedger interactiveContainerLedger(StageLedgers ledgers, Topics topics) {
        return ledger(Lane.INTERACTIVE, ledgers, topics);
    }

    /** The blob store (or this instance's disk) out of reach parks the record (ADR 0012). */
    @Bean
    ParkedBinding parkedSignatureAugmented() {
        return parked(Lane.BULK);
    }

    @Bean
    ParkedBinding parkedInteractiveSignatureAugmented() {
        return parked(Lane.INTERACTIVE);
    }

    @Bean
    Consumer<Message<List<byte[]>>> signatureAugmented(Lanes lanes, @Qualifier("containerLedger") StageLedger ledger) {
        return lanes.consumer(Lane.BULK, ledger);
    }

    @Bean
    Consumer<Message<List<byte[]>>> signatureAugmentedInteractive(
            Lanes lanes, @Qualifier("interactiveContainerLedger") StageLedger ledger) {
        return lanes.consumer(Lane.INTERACTIVE, ledger);
    }

    static String binding(Lane lane) {
        return lane == Lane.BULK ? BINDING : INTERACTIVE_BINDING;
    }

    private static ParkedBinding parked(Lane lane) {
        return new ParkedBinding(binding(lane), STAGE, UncheckedIOException.class);
    }

    private static StageLedger ledger(Lane lane, StageLedgers ledgers, Topics topics) {
        return ledgers.create(
                STAGE,
                topics.containerLedger(lane),
                topics.signatureAugmented(lane).name());
    }

    /** What both lanes share (imported as a bean): the outcomes of both go to the same topics. */
    record Lanes(
            ContainerAssembler assembler,
            ParkedStages stages,
            EventMessages messages,
            Topics topics,
            MeterRegistry meters,
            DeadLetters deadLetters) {

        /** Whole polls in one transaction each (messaging's BatchedStage); each record parked as alone. */
        Consumer<Message<List<byte[]>>> consumer(Lane lane, StageLedger ledger) {
            Clock clock = Clock.systemUTC();
            return stages.of(
                    parked(lane),
                    SignatureAugmented.class,
                    stage(assembler, messages, topics, meters, deadLetters, ledger),
                    (augmented, cause, since) -> new DocumentFailed(
                            DocumentFailed.SCHEMA_VERSION,
                            augmented.documentId(),
                            augmented.batchId(),
                            augmented.tenantId(),
                            augmented.clientReference(),
                            FailureStage.CONTAINER,
                            FailureReason.STAGE_UNAVAILABLE,
                            "blob store unavailable since " + since + ", past the parking deadline: "
                                    + cause.getMessage(),
                            clock.instant()));
        }
    }

    /**
     * The one line per sealed document at INFO: operators follow a batch by it (ObservabilityIT
     * checks it). A name no container can carry fails the document as INVALID_FILE_NAME.
     *
     * @param ledger null for no deduplication (unit tests)
     */
    static RoutedStage<SignatureAugmented> stage(
            ContainerAssembler assembler,
            EventMessages messages,
            Topics topics,
            MeterRegistry meters,
            DeadLetters deadLetters,
            StageLedger ledger) {
        RoutedStage.Definition<SignatureAugmented> definition = RoutedStage.named(STAGE, assembler::assemble)
                .succeeding(
                        "assembled", augmented -> topics.containerAssembled().name())
                .countingRetries(UncheckedIOException.class, "Blob store or disk unavailable")
                .logging(log, Level.INFO, "Container assembled and validated", "Container failed")
                .answering(FailureStage.CONTAINER, deadLetters)
                .failingAs(ContainerNameRefused.class, FailureReason.INVALID_FILE_NAME);
        if (ledger != null) {
            definition.deduplicating(ledger);
        }
        return definition.build(messages, topics, meters);
    }
}
