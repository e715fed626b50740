package dev.signingsuite.container.messaging;

import dev.signingsuite.container.assembly.ContainerAssembler;
import dev.signingsuite.container.assembly.ContainerNameRefused;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.SignatureAugmented;
import dev.signingsuite.events.Topics;
import dev.signingsuite.messaging.DeadLetters;
import dev.signingsuite.messaging.EventMessages;
import dev.signingsuite.messaging.RoutedStage;
import dev.signingsuite.messaging.StageLedger;
import dev.signingsuite.messaging.StageLedgers;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The binding {@code signatureAugmented-in-0}: container-assembled or document-failed out, per record. */
@Configuration(proxyBeanMethods = false)
class ContainerStage {

    static final String STAGE = "container";

    private static final Logger log = LoggerFactory.getLogger(ContainerStage.class);

    /** One ContainerAssembled per document and attempt (ADR 11); also a ContainerCustomization. */
    @Bean
    StageLedger containerLedger(StageLedgers ledgers, Topics topics) {
        return ledgers.create(
                STAGE, topics.containerLedger(), topics.signatureAugmented().name());
    }

    @Bean
    Function<Message<SignatureAugmented>, Message<DocumentEvent>> signatureAugmented(
            ContainerAssembler assembler,
            EventMessages messages,
            Topics topics,
            MeterRegistry meters,
            DeadLetters deadLetters,
            StageLedger ledger) {
        return stage(assembler, messages, topics, meters, deadLetters, ledger);
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
                .logging(log, Level.INFO, "Container assembled and validated", "Container failed")
                .answering(FailureStage.CONTAINER, deadLetters)
                .failingAs(ContainerNameRefused.class, FailureReason.INVALID_FILE_NAME);
        if (ledger != null) {
            definition.deduplicating(ledger);
        }
        return definition.build(messages, topics, meters);
    }
}
