package dev.signingsuite.gateway.audit;

import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.SignatureAugmented;
import dev.signingsuite.events.SignatureRequested;
import dev.signingsuite.events.SignatureReturned;
import dev.signingsuite.messaging.InboundEnvelope;
import java.time.Clock;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * The audit consumers, group {@code gateway-audit}, one per topic a document's trail is made of:
 * {@code audit{Received,Requested,Returned,Augmented,Assembled,Failed}-in-0}. Their own group, so
 * the trail neither waits for nor holds up the status store. A database error is thrown: the binder
 * retries, then dead-letters.
 */
@Configuration(proxyBeanMethods = false)
class AuditBindings {

    private static final Logger log = LoggerFactory.getLogger(AuditBindings.class);

    @Bean
    AuditTrail auditTrail(JdbcClient jdbc, Clock clock) {
        return new AuditTrail(jdbc, clock);
    }

    @Bean
    Consumer<Message<DocumentReceived>> auditReceived(AuditTrail trail) {
        return message -> append(trail, message, AuditRecords::received);
    }

    @Bean
    Consumer<Message<SignatureRequested>> auditRequested(AuditTrail trail) {
        return message -> append(trail, message, AuditRecords::requested);
    }

    @Bean
    Consumer<Message<SignatureReturned>> auditReturned(AuditTrail trail) {
        return message -> append(trail, message, AuditRecords::returned);
    }

    @Bean
    Consumer<Message<SignatureAugmented>> auditAugmented(AuditTrail trail) {
        return message -> append(trail, message, AuditRecords::augmented);
    }

    @Bean
    Consumer<Message<ContainerAssembled>> auditAssembled(AuditTrail trail) {
        return message -> append(trail, message, AuditRecords::assembled);
    }

    @Bean
    Consumer<Message<DocumentFailed>> auditFailed(AuditTrail trail) {
        return message -> append(trail, message, AuditRecords::failed);
    }

    private static <T extends DocumentEvent> void append(
            AuditTrail trail, Message<T> message, BiFunction<T, MessageHeaders, AuditEntry> describe) {
        T event = message.getPayload();
        InboundEnvelope.of(message).requireDescribes(event);
        try (var document = MDC.putCloseable("document.id", event.documentId());
                var batch = MDC.putCloseable("batch.id", event.batchId())) {
            AuditEntry entry = describe.apply(event, message.getHeaders());
            if (!trail.append(entry)) {
                log.debug("Audit entry {} {} was recorded before", entry.eventType(), entry.eventId());
            }
        }
    }
}
