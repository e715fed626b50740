package dev.signingsuite.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * One record of a batch the binder delivered: the batch message carries every record's key,
 * headers and position in parallel lists, which this puts back together.
 */
public record InboundRecord(
        byte[] key,
        byte[] value,
        Map<String, Object> headers,
        String topic,
        int partition,
        long offset,
        long timestamp) {

    /** The records of a batch, in the order delivered. */
    public static List<InboundRecord> split(Message<List<byte[]>> batch) {
        List<byte[]> values = batch.getPayload();
        List<?> keys = list(batch, KafkaHeaders.RECEIVED_KEY);
        List<?> topics = list(batch, KafkaHeaders.RECEIVED_TOPIC);
        List<?> partitions = list(batch, KafkaHeaders.RECEIVED_PARTITION);
        List<?> offsets = list(batch, KafkaHeaders.OFFSET);
        List<?> timestamps = list(batch, KafkaHeaders.RECEIVED_TIMESTAMP);
        List<Map<String, Object>> headers = headers(batch, values.size());
        List<InboundRecord> records = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            records.add(new InboundRecord(
                    bytes(at(keys, i)),
                    values.get(i),
                    headers.get(i),
                    String.valueOf(at(topics, i)),
                    at(partitions, i) instanceof Number n ? n.intValue() : -1,
                    at(offsets, i) instanceof Number n ? n.longValue() : -1,
                    at(timestamps, i) instanceof Number n ? n.longValue() : -1));
        }
        return records;
    }

    /**
     * The record as the binder hands a single record to a function: its bytes (empty for none), its
     * headers, and where it was read (topic, partition, offset, timestamp, key, and the poll's
     * {@code group}), which dead letters and stages read.
     */
    public Message<byte[]> message(Object group) {
        return MessageBuilder.withPayload(value == null ? new byte[0] : value)
                .copyHeaders(messageHeaders(group))
                .build();
    }

    Map<String, Object> messageHeaders(Object group) {
        Map<String, Object> all = new java.util.HashMap<>(headers);
        all.put(KafkaHeaders.RECEIVED_TOPIC, topic);
        all.put(KafkaHeaders.RECEIVED_PARTITION, partition);
        all.put(KafkaHeaders.OFFSET, offset);
        all.put(KafkaHeaders.RECEIVED_TIMESTAMP, timestamp);
        if (key != null) {
            all.put(KafkaHeaders.RECEIVED_KEY, key);
        }
        if (group != null) {
            all.put(KafkaHeaders.GROUP_ID, group);
        }
        return all;
    }

    /** The record as a single message, so the shared envelope checks apply to it. */
    public InboundEnvelope envelope() {
        return InboundEnvelope.of(
                MessageBuilder.withPayload(value).copyHeaders(headers).build());
    }

    public String keyText() {
        return key == null ? null : new String(key, UTF_8);
    }

    // The binder maps headers for a batch either to maps (a header mapper is set) or leaves them native.
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> headers(Message<List<byte[]>> batch, int size) {
        List<Map<String, Object>> converted = new ArrayList<>();
        Object mapped = batch.getHeaders().get(KafkaHeaders.BATCH_CONVERTED_HEADERS);
        Object natives = batch.getHeaders().get(KafkaHeaders.NATIVE_HEADERS);
        for (int i = 0; i < size; i++) {
            if (mapped instanceof List<?> maps && at(maps, i) instanceof Map<?, ?> map) {
                converted.add((Map<String, Object>) map);
            } else if (natives instanceof List<?> list && at(list, i) instanceof Headers native_) {
                java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
                native_.forEach(header -> map.put(header.key(), header.value()));
                converted.add(map);
            } else {
                converted.add(Map.of());
            }
        }
        return converted;
    }

    private static List<?> list(Message<?> batch, String header) {
        return batch.getHeaders().get(header) instanceof List<?> list ? list : List.of();
    }

    private static Object at(List<?> list, int index) {
        return index < list.size() ? list.get(index) : null;
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        return value == null ? null : value.toString().getBytes(UTF_8);
    }
}
