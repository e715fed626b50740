package dev.signingsuite.messaging;

import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.EventFormatException;
import dev.signingsuite.events.EventJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.support.MessageBuilder;

/**
 * A single-record stage run over a whole poll in one Kafka transaction (issue 20): the outcomes of
 * every record and the poll's offsets commit together, where a record listener paid a transaction
 * (begin, offsets, commit, markers on every partition written) for each record. The broker's work
 * per document was the suite's largest cost.
 *
 * <p>Each record keeps the semantics it had alone. It is read and checked here, one by one: a
 * record that cannot be read, or whose work fails for good, goes to the dead-letter topic alone, in
 * the poll's transaction. A failure that {@link Redelivery} retries ends the poll there: the records
 * before it commit with their outcomes, and the poll is handed back from the failed record on,
 * after the delay ({@link Acknowledgment#nack(int, Duration)}), so that a parked record waits as it
 * did alone. The poll's work is also cut after {@code maxTime}, what is done committed and the rest
 * taken again at once, so that a backlog's outcomes are not held back long. A poll's records
 * (outcomes, ledger entries, dead letters) are sent only after its work: the coordinator times a
 * transaction from its first record, and the work (TSA and OCSP calls) must not count.
 *
 * <p>The binding is in batch mode with {@code content-type: application/octet-stream} and {@code
 * ack-mode: MANUAL}; outcomes go to the topic the stage names ({@link RoutedStage#SEND_TO}) through
 * the binder's own producer ({@link StreamBridge}), which joins the poll's transaction.
 *
 * @param <I> the consumed event
 */
public final class BatchedStage<I> implements Consumer<Message<List<byte[]>>> {

    private static final Logger log = LoggerFactory.getLogger(BatchedStage.class);

    private final Class<I> type;
    private final Function<Message<I>, ? extends Message<?>> stage;
    private final Redelivery redelivery;
    private final StreamBridge bridge;
    private final DeadLetters deadLetters;
    private final TransactionalSends sends;
    private final EventMessages messages;
    private final CorrelationInterceptor<Object, Object> correlation;
    private final Duration maxTime;
    // The record at the head of each partition that failed, and how often it was delivered.
    private final Map<TopicPartition, Failed> failures = new ConcurrentHashMap<>();

    BatchedStage(
            Class<I> type,
            Function<Message<I>, ? extends Message<?>> stage,
            Redelivery redelivery,
            StreamBridge bridge,
            DeadLetters deadLetters,
            TransactionalSends sends,
            EventMessages messages,
            Duration maxTime) {
        this.sends = sends;
        this.messages = messages;
        this.type = type;
        this.stage = stage;
        this.redelivery = redelivery;
        this.bridge = bridge;
        this.deadLetters = deadLetters;
        // A record without a trace (an intake record) starts its own, never the poll's.
        this.correlation = new CorrelationInterceptor<>(CurrentTrace.NONE);
        this.maxTime = maxTime;
    }

    @Override
    public void accept(Message<List<byte[]>> poll) {
        Acknowledgment ack = poll.getHeaders().get(KafkaHeaders.ACKNOWLEDGMENT, Acknowledgment.class);
        if (ack == null) {
            throw new IllegalStateException("a batched stage hands records back: its binding needs ack-mode MANUAL");
        }
        Object group = poll.getHeaders().get(KafkaHeaders.GROUP_ID);
        List<InboundRecord> records = InboundRecord.split(poll);
        List<Answer> outcomes = new ArrayList<>(records.size());
        long deadline = System.nanoTime() + maxTime.toNanos();
        sends.defer();
        try {
            for (int i = 0; i < records.size(); i++) {
                if (i > 0 && System.nanoTime() - deadline > 0) {
                    log.debug("Poll cut after {} of {} records: the rest comes again", i, records.size());
                    finish(outcomes);
                    ack.nack(i, Duration.ZERO);
                    return;
                }
                int mark = sends.deferred();
                Optional<Duration> handBack = correlated(i, records.get(i), group, outcomes);
                if (handBack.isPresent()) {
                    sends.dropFrom(mark);
                    finish(outcomes);
                    ack.nack(i, handBack.get());
                    return;
                }
            }
            finish(outcomes);
            ack.acknowledge();
        } finally {
            sends.discard();
        }
    }

    // The poll's records (ledger entries, dead letters), then its outcomes: the transaction begins
    // with the first of them, after the work.
    private void finish(List<Answer> outcomes) {
        try {
            sends.flush();
            for (Answer answer : outcomes) {
                answer.span.within(() -> {
                    send(answer.outcome);
                    return null;
                });
            }
        } finally {
            outcomes.forEach(answer -> answer.span.end());
        }
    }

    // With the record's trace and document ids in the MDC, and the record as the one in hand.
    private Optional<Duration> correlated(int index, InboundRecord record, Object group, List<Answer> outcomes) {
        @SuppressWarnings("unchecked")
        ConsumerRecord<Object, Object> consumed = (ConsumerRecord<Object, Object>)
                ConsumedBatch.at(index, record.topic(), record.partition(), record.offset());
        if (consumed != null) {
            correlation.intercept(consumed, null);
        }
        try {
            return handle(record, consumed, group, outcomes);
        } finally {
            if (consumed != null) {
                correlation.afterRecord(consumed, null);
            }
        }
    }

    /** @return the delay after which the poll comes again from this record, or empty to go on */
    private Optional<Duration> handle(
            InboundRecord record, ConsumerRecord<?, ?> consumed, Object group, List<Answer> outcomes) {
        Map<String, Object> headers = headers(record, consumed, group);
        Message<I> message;
        try {
            message = message(record, headers);
        } catch (MessageConversionException e) {
            log.warn("Unreadable record dead-lettered: {}", e.getMessage());
            deadLetters.publish(raw(record, headers), e);
            return Optional.empty();
        }
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Message<?> outcome;
        // In the document's own trace: the poll's consumer span is no document's.
        DocumentSpan span = messages.span(message);
        try {
            outcome = span.within(() -> stage.apply(message));
        } catch (RuntimeException e) {
            span.end();
            Failed before = failures.get(partition);
            int deliveries = before != null && before.offset == record.offset() ? before.deliveries + 1 : 1;
            Optional<Duration> delay = redelivery.after(e, deliveries);
            if (delay.isPresent()) {
                failures.put(partition, new Failed(record.offset(), deliveries));
                log.debug(
                        "Delivery {} failed, the record comes again in {}: {}", deliveries, delay.get(), e.toString());
                return delay;
            }
            failures.remove(partition);
            log.warn("Dead-lettered after {} deliveries: {}", deliveries, e.toString());
            deadLetters.publish(message, e);
            return Optional.empty();
        }
        if (!failures.isEmpty()) {
            failures.remove(partition);
        }
        if (outcome != null) {
            outcomes.add(new Answer(outcome, span));
        } else {
            span.end();
        }
        return Optional.empty();
    }

    private void send(Message<?> outcome) {
        String destination = (String) outcome.getHeaders().get(RoutedStage.SEND_TO);
        if (destination == null) {
            throw new IllegalStateException("the stage named no topic for its outcome");
        }
        Message<?> out = MessageBuilder.fromMessage(outcome)
                .removeHeader(RoutedStage.SEND_TO)
                .build();
        if (!bridge.send(destination, out)) {
            throw new IllegalStateException("the binder did not take the outcome for " + destination);
        }
    }

    @SuppressWarnings("unchecked")
    private Message<I> message(InboundRecord record, Map<String, Object> headers) {
        if (type == byte[].class) {
            return (Message<I>) raw(record, headers);
        }
        I payload;
        try {
            payload = EventJson.read(record.value(), type);
        } catch (EventFormatException e) {
            throw new MessageConversionException(e.getMessage(), e);
        }
        return MessageBuilder.withPayload(payload).copyHeaders(headers).build();
    }

    private static Message<byte[]> raw(InboundRecord record, Map<String, Object> headers) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        return MessageBuilder.withPayload(value).copyHeaders(headers).build();
    }

    // What the binder puts on a single record's message, for the stage and its dead letters.
    private static Map<String, Object> headers(InboundRecord record, ConsumerRecord<?, ?> consumed, Object group) {
        Map<String, Object> headers = record.messageHeaders(group);
        // The trace the correlation started for a record that carried none.
        Header started = consumed == null ? null : consumed.headers().lastHeader(CloudEventHeaders.TRACEPARENT);
        if (started != null && !headers.containsKey(CloudEventHeaders.TRACEPARENT)) {
            headers.put(CloudEventHeaders.TRACEPARENT, started.value());
        }
        return headers;
    }

    private record Failed(long offset, int deliveries) {}

    private record Answer(Message<?> outcome, DocumentSpan span) {}
}
