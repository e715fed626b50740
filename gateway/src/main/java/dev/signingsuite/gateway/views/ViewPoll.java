package dev.signingsuite.gateway.views;

import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.messaging.DeadLetters;
import dev.signingsuite.messaging.InboundEnvelope;
import dev.signingsuite.messaging.InboundRecord;
import dev.signingsuite.messaging.Redelivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * One poll of a view binding (status store, audit trail), read record by record. The binding is in
 * batch mode so that the listener container runs the whole poll in one Kafka transaction, and the
 * view writes it in one database transaction. A record that cannot be read, whose headers contradict
 * its payload, or that the view cannot describe goes to the dead-letter topic alone, with its cause,
 * in the poll's transaction: the rest of the poll is applied.
 *
 * <p>A failed database write is retried as the views' bindings' retry says (signing-messaging.yml:
 * three attempts, back-off from 200 ms); a deadlock with another view's write is tried again apart; after
 * that every readable record of the poll is dead-lettered with the cause, as the binder did in
 * record mode, and the poll's offsets commit: nothing is dropped silently, and the records can be
 * replayed once the database is back (the views are idempotent).
 */
public final class ViewPoll {

    private static final Logger log = LoggerFactory.getLogger(ViewPoll.class);

    /** Deadlocks with another view's poll are retried this often before they count as a failure. */
    static final int MAX_CONFLICTS = 50;

    /** A readable record of the poll: its event and its own message (payload and headers). */
    public record Item<T, V>(T event, Message<byte[]> message, V view) {}

    private final DeadLetters deadLetters;
    private final Redelivery retries;

    /** @param retries of a refused write: the views' bindings' own (max-attempts, back-off) */
    ViewPoll(DeadLetters deadLetters, Redelivery retries) {
        this.deadLetters = deadLetters;
        this.retries = retries;
    }

    /**
     * Reads every record of the poll as {@code type}, checks its envelope and maps it to what the
     * view writes, then hands the readable ones, in poll order, to {@code write}.
     *
     * @param describe what the view writes for one event (may refuse a record by throwing)
     * @param write the view's write of the whole poll, in one database transaction
     */
    public <T extends DocumentEvent, V> void apply(
            Message<List<byte[]>> batch,
            Class<T> type,
            BiFunction<T, Message<byte[]>, V> describe,
            Consumer<List<Item<T, V>>> write) {
        List<Item<T, V>> items = new ArrayList<>();
        for (Message<byte[]> record : split(batch)) {
            try {
                T event = EventJson.read(record.getPayload(), type);
                InboundEnvelope.of(record).requireDescribes(event);
                items.add(new Item<>(event, record, describe.apply(event, record)));
            } catch (RuntimeException e) {
                // Permanent: the same bytes fail the same way however often they are read.
                deadLetter(record, e);
            }
        }
        if (items.isEmpty()) {
            return;
        }
        RuntimeException failure;
        int attempts = 0;
        int conflicts = 0;
        while (true) {
            try {
                write.accept(items);
                log.debug(
                        "{} {} events of a poll of {} recorded",
                        items.size(),
                        type.getSimpleName(),
                        batch.getPayload().size());
                return;
            } catch (RuntimeException e) {
                // A deadlock or serialization failure with another view's poll (the status
                // bindings write the same documents' rows at once): the database rolled this one
                // back, and trying again succeeds. Not an attempt: a busy moment must not
                // dead-letter a poll.
                if (conflict(e) && ++conflicts <= MAX_CONFLICTS) {
                    log.debug(
                            "Writing {} {} events met another writer, again: {}",
                            items.size(),
                            type.getSimpleName(),
                            e.getMessage());
                    sleep(Duration.ofMillis(ThreadLocalRandom.current().nextLong(10, 100L * Math.min(conflicts, 10))));
                    continue;
                }
                Optional<Duration> again = retries.after(e, ++attempts);
                log.warn(
                        "Writing {} {} events failed (attempt {}{}): {}",
                        items.size(),
                        type.getSimpleName(),
                        attempts,
                        again.isPresent() ? ", again in " + again.get().toMillis() + " ms" : ", the last",
                        e.getMessage());
                if (again.isEmpty()) {
                    failure = e;
                    break;
                }
                sleep(again.get());
            }
        }
        log.error(
                "{} {} events dead-lettered: the view could not write them",
                items.size(),
                type.getSimpleName(),
                failure);
        for (Item<T, V> item : items) {
            deadLetters.publish(item.message(), failure);
        }
    }

    /** A deadlock, lock or serialization failure (SQLSTATE class 40), anywhere in the cause chain. */
    static boolean conflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConcurrencyFailureException) {
                return true;
            }
            if (cause instanceof java.sql.SQLException sql) {
                for (java.sql.SQLException next = sql; next != null; next = next.getNextException()) {
                    if (next.getSQLState() != null && next.getSQLState().startsWith("40")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void deadLetter(Message<byte[]> record, RuntimeException cause) {
        log.warn(
                "Dead-lettering record {}-{}@{}: {}",
                record.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC),
                record.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION),
                record.getHeaders().get(KafkaHeaders.OFFSET),
                cause.getMessage());
        deadLetters.publish(record, cause);
    }

    private static void sleep(Duration backOff) {
        try {
            Thread.sleep(backOff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a view write", e);
        }
    }

    /**
     * The records of a batch as single messages: the batch carries every record's key, headers and
     * position in parallel lists. Each message holds the record's own headers (as the binder maps
     * them for a single record) and where it came from, so that the views and the dead letters see
     * what they saw in record mode.
     */
    /** Each record of the poll as the binder hands a single record (messaging's InboundRecord). */
    static List<Message<byte[]>> split(Message<List<byte[]>> batch) {
        Object group = batch.getHeaders().get(KafkaHeaders.GROUP_ID);
        return InboundRecord.split(batch).stream()
                .map(record -> record.message(group))
                .toList();
    }
}
