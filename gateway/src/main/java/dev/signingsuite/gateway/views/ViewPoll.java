package dev.signingsuite.gateway.views;

import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.messaging.DeadLetters;
import dev.signingsuite.messaging.InboundEnvelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * One poll of a view binding (status store, audit trail), read record by record. The binding is in
 * batch mode so that the listener container runs the whole poll in one Kafka transaction, and the
 * view writes it in one database transaction. A record that cannot be read, whose headers contradict
 * its payload, or that the view cannot describe goes to the dead-letter topic alone, with its cause,
 * in the poll's transaction: the rest of the poll is applied.
 *
 * <p>A failed database write is retried with the binder's default back-off (three attempts); after
 * that every readable record of the poll is dead-lettered with the cause, as the binder did in
 * record mode, and the poll's offsets commit: nothing is dropped silently, and the records can be
 * replayed once the database is back (the views are idempotent).
 */
public final class ViewPoll {

    private static final Logger log = LoggerFactory.getLogger(ViewPoll.class);

    /** The binder's defaults in signing-messaging.yml: max-attempts 3, back-off from 200 ms, doubled. */
    static final int ATTEMPTS = 3;

    static final Duration FIRST_BACK_OFF = Duration.ofMillis(200);

    /** Deadlocks with another view's poll are retried this often before they count as a failure. */
    static final int MAX_CONFLICTS = 50;

    /** A readable record of the poll: its event and its own message (payload and headers). */
    public record Item<T, V>(T event, Message<byte[]> message, V view) {}

    private final DeadLetters deadLetters;
    private final Duration firstBackOff;

    public ViewPoll(DeadLetters deadLetters) {
        this(deadLetters, FIRST_BACK_OFF);
    }

    ViewPoll(DeadLetters deadLetters, Duration firstBackOff) {
        this.deadLetters = deadLetters;
        this.firstBackOff = firstBackOff;
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
        RuntimeException failure = null;
        Duration backOff = firstBackOff;
        int conflicts = 0;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
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
                    attempt--;
                    log.debug(
                            "Writing {} {} events met another writer, again: {}",
                            items.size(),
                            type.getSimpleName(),
                            e.getMessage());
                    sleep(Duration.ofMillis(ThreadLocalRandom.current().nextLong(10, 100L * Math.min(conflicts, 10))));
                    continue;
                }
                failure = e;
                log.warn(
                        "Writing {} {} events failed (attempt {} of {}): {}",
                        items.size(),
                        type.getSimpleName(),
                        attempt,
                        ATTEMPTS,
                        e.getMessage());
                if (attempt < ATTEMPTS) {
                    sleep(backOff);
                    backOff = backOff.multipliedBy(2);
                }
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
    static List<Message<byte[]>> split(Message<List<byte[]>> batch) {
        List<byte[]> values = batch.getPayload();
        List<Message<byte[]>> records = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            MessageBuilder<byte[]> record =
                    MessageBuilder.withPayload(values.get(i) == null ? new byte[0] : values.get(i));
            record.copyHeaders(headers(batch, i));
            for (String name : List.of(
                    KafkaHeaders.RECEIVED_KEY,
                    KafkaHeaders.RECEIVED_TOPIC,
                    KafkaHeaders.RECEIVED_PARTITION,
                    KafkaHeaders.OFFSET,
                    KafkaHeaders.RECEIVED_TIMESTAMP,
                    KafkaHeaders.TIMESTAMP_TYPE)) {
                Object value = at(batch, name, i);
                if (value != null) {
                    record.setHeader(name, value);
                }
            }
            Object group = batch.getHeaders().get(KafkaHeaders.GROUP_ID);
            if (group != null) {
                record.setHeader(KafkaHeaders.GROUP_ID, group);
            }
            records.add(record.build());
        }
        return records;
    }

    // The binder maps a batch's headers to one map per record when it has a header mapper, else
    // leaves Kafka's own headers.
    private static Map<String, Object> headers(Message<List<byte[]>> batch, int index) {
        if (at(batch, KafkaHeaders.BATCH_CONVERTED_HEADERS, index) instanceof Map<?, ?> mapped) {
            Map<String, Object> copy = new LinkedHashMap<>();
            mapped.forEach((name, value) -> copy.put(String.valueOf(name), value));
            return copy;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        if (at(batch, KafkaHeaders.NATIVE_HEADERS, index) instanceof Headers natives) {
            natives.forEach(header -> copy.put(header.key(), header.value()));
        }
        return copy;
    }

    private static Object at(Message<?> batch, String header, int index) {
        return batch.getHeaders().get(header) instanceof List<?> list && index < list.size() ? list.get(index) : null;
    }
}
