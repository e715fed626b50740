package dev.signingsuite.messaging;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.kafka.listener.BatchInterceptor;

/**
 * The records of the poll a batch listener handles on this thread, as the broker delivered them, in
 * the order of the listener's list: {@link BatchedStage} sets each as the {@link ConsumedRecord} of
 * its turn, so that a record it dead-letters keeps its bytes and headers, as the binder's would.
 */
final class ConsumedBatch<K, V> implements BatchInterceptor<K, V> {

    private static final ThreadLocal<List<ConsumerRecord<?, ?>>> CURRENT = new ThreadLocal<>();

    @Override
    public ConsumerRecords<K, V> intercept(ConsumerRecords<K, V> records, Consumer<K, V> consumer) {
        List<ConsumerRecord<?, ?>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        CURRENT.set(list);
        return records;
    }

    @Override
    public void success(ConsumerRecords<K, V> records, Consumer<K, V> consumer) {
        CURRENT.remove();
    }

    @Override
    public void failure(ConsumerRecords<K, V> records, Exception exception, Consumer<K, V> consumer) {
        CURRENT.remove();
    }

    /** The record at {@code index} of the poll in hand, if it is the one at that topic, partition and offset. */
    static ConsumerRecord<?, ?> at(int index, String topic, int partition, long offset) {
        List<ConsumerRecord<?, ?>> records = CURRENT.get();
        if (records == null || index >= records.size()) {
            return null;
        }
        ConsumerRecord<?, ?> record = records.get(index);
        return record.partition() == partition
                        && record.offset() == offset
                        && record.topic().equals(topic)
                ? record
                : null;
    }
}
