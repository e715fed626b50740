package dev.signingsuite.container.messaging;

import dev.signingsuite.container.assembly.ContainerAssembler;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.SignatureAugmented;
import dev.signingsuite.events.Topics;
import dev.signingsuite.messaging.EventMessages;
import dev.signingsuite.messaging.RoutedStage;
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

    @Bean
    Function<Message<SignatureAugmented>, Message<DocumentEvent>> signatureAugmented(
            ContainerAssembler assembler, EventMessages messages, Topics topics, MeterRegistry meters) {
        return stage(assembler, messages, topics, meters);
    }

    /** The one line per sealed document at INFO: operators follow a batch by it (ObservabilityIT checks it). */
    static RoutedStage<SignatureAugmented> stage(
            ContainerAssembler assembler, EventMessages messages, Topics topics, MeterRegistry meters) {
        return RoutedStage.named(STAGE, assembler::assemble)
                .succeeding(
                        "assembled", augmented -> topics.containerAssembled().name())
                .logging(log, Level.INFO, "Container assembled and validated", "Container failed")
                .build(messages, topics, meters);
    }
}
