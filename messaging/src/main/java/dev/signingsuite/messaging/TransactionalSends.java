package dev.signingsuite.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Sends records beside a stage's outcome in the transaction the listener container started: a
 * template on the binder's own transactional producer factory finds the producer the container
 * bound to the consumer thread, so the record, the outcome and the consumed offset commit or abort
 * together (ADR 11). Outside a transactional binder it sends as any producer would.
 */
final class TransactionalSends {

    private static final ThreadLocal<List<ProducerRecord<byte[], byte[]>>> DEFERRED = new ThreadLocal<>();

    private final BinderTransactionalTemplate template;

    TransactionalSends(ObjectProvider<BinderFactory> binders) {
        this.template = new BinderTransactionalTemplate(binders);
    }

    /** Sends and waits for the broker, so that a failure aborts the transaction it belongs to. */
    RecordMetadata send(ProducerRecord<byte[], byte[]> record) {
        List<ProducerRecord<byte[], byte[]>> deferred = DEFERRED.get();
        if (deferred != null) {
            deferred.add(record);
            return null;
        }
        return wait(template().send(record), record);
    }

    /**
     * Sends without waiting: inside a transaction, a failed send makes its commit fail, so the
     * record cannot be lost while the transaction's other records commit. A stage's ledger entries
     * go this way; one round trip per document cost the batched stages their batching.
     */
    void sendInTransaction(ProducerRecord<byte[], byte[]> record) {
        List<ProducerRecord<byte[], byte[]>> deferred = DEFERRED.get();
        if (deferred != null) {
            deferred.add(record);
        } else {
            template().send(record);
        }
    }

    /**
     * From now on this thread's sends wait in a list until {@link #flush}: a batched stage sends a
     * poll's records after its work, because the coordinator times a transaction from its first
     * record, and a poll's work (TSA and OCSP calls among it) must not count against {@code
     * transaction.timeout.ms}.
     */
    void defer() {
        DEFERRED.set(new ArrayList<>());
    }

    /** How many sends wait: a mark to {@link #dropFrom} when the work after it is given up. */
    int deferred() {
        return DEFERRED.get().size();
    }

    /** Forgets the sends after {@code mark}: their record is handed back, its work never happened. */
    void dropFrom(int mark) {
        List<ProducerRecord<byte[], byte[]>> deferred = DEFERRED.get();
        deferred.subList(mark, deferred.size()).clear();
    }

    /** Sends what waits and waits for the broker; sends are immediate again afterwards. */
    void flush() {
        List<ProducerRecord<byte[], byte[]>> deferred = DEFERRED.get();
        DEFERRED.remove();
        if (deferred == null || deferred.isEmpty()) {
            return;
        }
        List<CompletableFuture<SendResult<byte[], byte[]>>> sent = new ArrayList<>(deferred.size());
        for (ProducerRecord<byte[], byte[]> record : deferred) {
            sent.add(template().send(record));
        }
        for (int i = 0; i < sent.size(); i++) {
            wait(sent.get(i), deferred.get(i));
        }
    }

    /** Ends deferring without sending (the poll failed; its transaction aborts). */
    void discard() {
        DEFERRED.remove();
    }

    private static RecordMetadata wait(
            CompletableFuture<SendResult<byte[], byte[]>> sending, ProducerRecord<byte[], byte[]> record) {
        try {
            return sending.get().getRecordMetadata();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + record.topic(), e);
        } catch (ExecutionException e) {
            throw new KafkaException(
                    "cannot send to " + record.topic() + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    private KafkaTemplate<byte[], byte[]> template() {
        return template.get();
    }
}
