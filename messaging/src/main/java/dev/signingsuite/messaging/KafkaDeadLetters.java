package dev.signingsuite.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * Writes a dead letter in the binder's own format, in the transaction of the record in hand (ADR
 * 11): the record's bytes and headers unchanged, plus the binder's {@code x-original-*} and {@code
 * x-exception-*} headers, on the record's partition of {@code error.<topic>.<group>}. Counted as
 * {@code signing.dead.letters}, like the binder's own.
 */
final class KafkaDeadLetters implements DeadLetters {

    private final TransactionalSends sends;
    private final MeterRegistry meters;

    KafkaDeadLetters(TransactionalSends sends, MeterRegistry meters) {
        this.sends = sends;
        this.meters = meters;
    }

    @Override
    public void publish(Message<?> message, Throwable cause) {
        MessageHeaders headers = message.getHeaders();
        Optional<ConsumerRecord<?, ?>> consumed = ConsumedRecord.current();
        String topic = consumed.<String>map(ConsumerRecord::topic)
                .orElseGet(() -> (String) headers.get(KafkaHeaders.RECEIVED_TOPIC));
        Objects.requireNonNull(topic, "the consumed record's topic");
        String group = Objects.requireNonNullElseGet(
                (String) headers.get(KafkaHeaders.GROUP_ID), KafkaUtils::getConsumerGroupId);
        Objects.requireNonNull(group, "the consumer group");
        int partition = consumed.map(ConsumerRecord::partition)
                .orElseGet(() -> (Integer) headers.getOrDefault(KafkaHeaders.RECEIVED_PARTITION, 0));
        long offset = consumed.map(ConsumerRecord::offset)
                .orElseGet(() -> ((Number) headers.getOrDefault(KafkaHeaders.OFFSET, -1L)).longValue());
        long timestamp = consumed.map(ConsumerRecord::timestamp)
                .orElseGet(() -> ((Number) headers.getOrDefault(KafkaHeaders.RECEIVED_TIMESTAMP, -1L)).longValue());
        TimestampType timestampType =
                consumed.map(ConsumerRecord::timestampType).orElse(TimestampType.NO_TIMESTAMP_TYPE);

        Headers out = new RecordHeaders();
        consumed.ifPresentOrElse(record -> record.headers().forEach(out::add), () -> copyRecordHeaders(headers, out));
        out.add(KafkaMessageChannelBinder.X_ORIGINAL_TOPIC, topic.getBytes(UTF_8));
        out.add(
                KafkaMessageChannelBinder.X_ORIGINAL_PARTITION,
                ByteBuffer.allocate(Integer.BYTES).putInt(partition).array());
        out.add(
                KafkaMessageChannelBinder.X_ORIGINAL_OFFSET,
                ByteBuffer.allocate(Long.BYTES).putLong(offset).array());
        out.add(
                KafkaMessageChannelBinder.X_ORIGINAL_TIMESTAMP,
                ByteBuffer.allocate(Long.BYTES).putLong(timestamp).array());
        out.add(
                KafkaMessageChannelBinder.X_ORIGINAL_TIMESTAMP_TYPE,
                timestampType.toString().getBytes(UTF_8));
        out.add(
                KafkaMessageChannelBinder.X_EXCEPTION_FQCN,
                cause.getClass().getName().getBytes(UTF_8));
        out.add(
                KafkaMessageChannelBinder.X_EXCEPTION_MESSAGE,
                String.valueOf(cause.getMessage()).getBytes(UTF_8));
        out.add(
                KafkaMessageChannelBinder.X_EXCEPTION_STACKTRACE,
                stackTrace(cause).getBytes(UTF_8));

        byte[] key = consumed.map(record -> bytes(record.key()))
                .orElseGet(() -> bytes(headers.get(KafkaHeaders.RECEIVED_KEY)));
        byte[] value = consumed.map(record -> bytes(record.value()))
                .orElseGet(() ->
                        message.getPayload() instanceof byte[] read ? read : EventJson.write(message.getPayload()));
        sends.send(new ProducerRecord<>(Topics.deadLetter(topic, group), partition, key, value, out));
        SigningMeters.deadLetters(meters, topic, group).increment();
    }

    /**
     * A batch listener has no record in hand: it passes each record as a message of its own, whose
     * headers are the record's as the binder mapped them (bytes, or text), beside Spring's own.
     */
    private static void copyRecordHeaders(MessageHeaders headers, Headers out) {
        headers.forEach((name, value) -> {
            boolean spring = name.startsWith(KafkaHeaders.PREFIX)
                    || name.equals(MessageHeaders.ID)
                    || name.equals(MessageHeaders.TIMESTAMP);
            if (!spring && (value instanceof byte[] || value instanceof String)) {
                out.add(name, bytes(value));
            }
        });
    }

    private static byte[] bytes(Object value) {
        if (value == null || value instanceof byte[]) {
            return (byte[]) value;
        }
        return value.toString().getBytes(UTF_8);
    }

    private static String stackTrace(Throwable cause) {
        StringWriter text = new StringWriter();
        cause.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
