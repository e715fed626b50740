package dev.signingsuite.messaging;

import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;
import org.springframework.messaging.MessageChannel;

/**
 * Sends records beside a stage's outcome in the transaction the listener container started: a
 * template on the binder's own transactional producer factory finds the producer the container
 * bound to the consumer thread, so the record, the outcome and the consumed offset commit or abort
 * together (ADR 11). Outside a transactional binder it sends as any producer would.
 */
final class TransactionalSends {

    private final ObjectProvider<BinderFactory> binders;
    private volatile KafkaTemplate<byte[], byte[]> template;

    TransactionalSends(ObjectProvider<BinderFactory> binders) {
        this.binders = binders;
    }

    /** Sends and waits for the broker, so that a failure aborts the transaction it belongs to. */
    RecordMetadata send(ProducerRecord<byte[], byte[]> record) {
        try {
            SendResult<byte[], byte[]> sent = template().send(record).get();
            return sent.getRecordMetadata();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + record.topic(), e);
        } catch (ExecutionException e) {
            throw new KafkaException(
                    "cannot send to " + record.topic() + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    private KafkaTemplate<byte[], byte[]> template() {
        KafkaTemplate<byte[], byte[]> current = template;
        if (current == null) {
            synchronized (this) {
                if (template == null) {
                    KafkaMessageChannelBinder binder =
                            (KafkaMessageChannelBinder) binders.getObject().getBinder(null, MessageChannel.class);
                    ProducerFactory<byte[], byte[]> factory = binder.getTransactionalProducerFactory();
                    if (factory == null) {
                        throw new IllegalStateException("the Kafka binder is not transactional: set"
                                + " spring.cloud.stream.kafka.binder.transaction.transaction-id-prefix");
                    }
                    template = new KafkaTemplate<>(factory);
                }
                current = template;
            }
        }
        return current;
    }
}
