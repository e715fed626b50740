package dev.signingsuite.gateway.audit;

import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.SignatureAugmented;
import dev.signingsuite.events.SignatureRequested;
import dev.signingsuite.events.SignatureReturned;
import dev.signingsuite.gateway.views.ViewPoll;
import java.time.Clock;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit consumers, group {@code gateway-audit}, one per topic a document's trail is made of:
 * {@code audit{Received,Requested,Returned,Augmented,Assembled,Failed}-in-0}. Their own group, so
 * the trail neither waits for nor holds up the status store. Each takes a whole poll (batch mode)
 * and appends it in one database transaction, in the poll's one Kafka transaction; {@link ViewPoll}
 * dead-letters what it cannot read and retries, then dead-letters, what the database refuses.
 */
@Configuration(proxyBeanMethods = false)
class AuditBindings {

    private static final Logger log = LoggerFactory.getLogger(AuditBindings.class);

    @Bean
    AuditTrail auditTrail(DataSource dataSource, TransactionTemplate transactions, Clock clock) {
        return new AuditTrail(dataSource, transactions, clock);
    }

    @Bean
    Consumer<Message<List<byte[]>>> auditReceived(AuditTrail trail, ViewPoll poll) {
        return batch -> append(trail, poll, batch, DocumentReceived.class, AuditRecords::received);
    }

    @Bean
    Consumer<Message<List<byte[]>>> auditRequested(AuditTrail trail, ViewPoll poll) {
        return batch -> append(trail, poll, batch, SignatureRequested.class, AuditRecords::requested);
    }

    @Bean
    Consumer<Message<List<byte[]>>> auditReturned(AuditTrail trail, ViewPoll poll) {
        return batch -> append(trail, poll, batch, SignatureReturned.class, AuditRecords::returned);
    }

    @Bean
    Consumer<Message<List<byte[]>>> auditAugmented(AuditTrail trail, ViewPoll poll) {
        return batch -> append(trail, poll, batch, SignatureAugmented.class, AuditRecords::augmented);
    }

    @Bean
    Consumer<Message<List<byte[]>>> auditAssembled(AuditTrail trail, ViewPoll poll) {
        return batch -> append(trail, poll, batch, ContainerAssembled.class, AuditRecords::assembled);
    }

    @Bean
    Consumer<Message<List<byte[]>>> auditFailed(AuditTrail trail, ViewPoll poll) {
        return batch -> append(trail, poll, batch, DocumentFailed.class, AuditRecords::failed);
    }

    private static <T extends DocumentEvent> void append(
            AuditTrail trail,
            ViewPoll poll,
            Message<List<byte[]>> batch,
            Class<T> type,
            BiFunction<T, MessageHeaders, AuditEntry> describe) {
        poll.apply(batch, type, (event, record) -> describe.apply(event, record.getHeaders()), items -> {
            List<AuditEntry> entries = items.stream().map(ViewPoll.Item::view).toList();
            boolean[] added = trail.appendAll(entries);
            for (int i = 0; i < added.length; i++) {
                if (!added[i]) {
                    log.debug(
                            "Audit entry {} {} was recorded before",
                            entries.get(i).eventType(),
                            entries.get(i).eventId());
                }
            }
        });
    }
}
