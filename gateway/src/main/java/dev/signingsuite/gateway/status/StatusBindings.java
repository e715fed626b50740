package dev.signingsuite.gateway.status;

import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.SignatureRequested;
import dev.signingsuite.messaging.InboundEnvelope;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The status consumers, group {@code gateway-status}, one per topic the gateway reports on:
 * {@code documentReceived-in-0}, {@code signatureRequested-in-0}, {@code containerAssembled-in-0},
 * {@code documentFailed-in-0}. A database error is thrown, so the binder retries and then
 * dead-letters; a record whose headers contradict its payload is dead-lettered at once.
 */
@Configuration(proxyBeanMethods = false)
class StatusBindings {

    private static final Logger log = LoggerFactory.getLogger(StatusBindings.class);

    @Bean
    StatusStore statusStore(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        return new StatusStore(jdbc, transactions, clock);
    }

    @Bean
    Consumer<Message<DocumentReceived>> documentReceived(StatusStore store) {
        return message -> apply(message, event -> store.record(event, StatusStore.Source.EVENTS));
    }

    @Bean
    Consumer<Message<SignatureRequested>> signatureRequested(StatusStore store) {
        return message -> apply(message, store::record);
    }

    @Bean
    Consumer<Message<ContainerAssembled>> containerAssembled(StatusStore store) {
        return message -> apply(message, event -> store.record(event, Attempts.of(message.getHeaders())));
    }

    @Bean
    Consumer<Message<DocumentFailed>> documentFailed(StatusStore store) {
        return message -> apply(message, event -> store.record(event, Attempts.of(message.getHeaders())));
    }

    private static <T extends DocumentEvent> void apply(Message<T> message, Consumer<T> recorder) {
        T event = message.getPayload();
        InboundEnvelope.of(message).requireDescribes(event);
        try (var document = MDC.putCloseable("document.id", event.documentId());
                var batch = MDC.putCloseable("batch.id", event.batchId())) {
            recorder.accept(event);
            log.debug("Status recorded: {}", event.getClass().getSimpleName());
        }
    }
}
