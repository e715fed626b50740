package dev.signingsuite.hash.messaging;

import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.Topics;
import dev.signingsuite.hash.digest.DocumentHasher;
import dev.signingsuite.messaging.BatchedStages;
import dev.signingsuite.messaging.DeadLetters;
import dev.signingsuite.messaging.EventMessages;
import dev.signingsuite.messaging.RoutedStage;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The bindings {@code documentReceived-in-0} and, for the interactive lane, {@code
 * documentReceivedInteractive-in-0} (see hash-service.yml; ADR 16): document-received in,
 * hash-computed to the topic of the signer's provider or document-failed out, routed per record.
 * Both run the same stage on consumers of their own, so that a document a person waits for is not
 * queued behind a bulk backlog; the provider topics need no lanes, each provider being of one lane.
 */
@Configuration(proxyBeanMethods = false)
class HashStage {

    static final String STAGE = "hash";

    static final String BINDING = "documentReceived-in-0";

    static final String INTERACTIVE_BINDING = "documentReceivedInteractive-in-0";

    private static final Logger log = LoggerFactory.getLogger(HashStage.class);

    @Bean
    Lanes hashLanes(
            DocumentHasher hasher,
            EventMessages messages,
            Topics topics,
            MeterRegistry meters,
            DeadLetters deadLetters,
            BatchedStages batched) {
        return new Lanes(stage(hasher, messages, topics, meters, deadLetters), batched);
    }

    @Bean
    Consumer<Message<List<byte[]>>> documentReceived(Lanes lanes) {
        return lanes.consumer(BINDING);
    }

    @Bean
    Consumer<Message<List<byte[]>>> documentReceivedInteractive(Lanes lanes) {
        return lanes.consumer(INTERACTIVE_BINDING);
    }

    /** One stage for both lanes: their outcomes go to the same topics. */
    record Lanes(RoutedStage<DocumentReceived> stage, BatchedStages batched) {

        /** Whole polls in one transaction each (messaging's BatchedStage), each record as {@link #stage}. */
        Consumer<Message<List<byte[]>>> consumer(String binding) {
            return batched.of(binding, DocumentReceived.class, stage);
        }
    }

    /**
     * A transient blob store error propagates (and is timed): the binder retries the record. Any
     * other exception fails the document and dead-letters the record (ADR 11). No ledger: a
     * duplicate HashComputed is harmless, as a provider resumes its recorded signing intent.
     */
    static RoutedStage<DocumentReceived> stage(
            DocumentHasher hasher,
            EventMessages messages,
            Topics topics,
            MeterRegistry meters,
            DeadLetters deadLetters) {
        return RoutedStage.named(STAGE, hasher::hash)
                .succeeding(
                        "hashed",
                        received -> topics.hashComputed(received.signer().provider())
                                .name())
                .mdc("provider", received -> received.signer().provider().id())
                .logging(log, Level.DEBUG, "Document hashed", "Document failed")
                .answering(FailureStage.HASH, deadLetters)
                .build(messages, topics, meters);
    }
}
