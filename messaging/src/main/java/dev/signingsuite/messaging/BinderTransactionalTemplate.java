package dev.signingsuite.messaging;

import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.messaging.MessageChannel;

/**
 * A template on the binder's transactional producer factory: inside a listener container's
 * transaction it uses the producer the container bound to the thread, so what it sends commits with
 * the poll's offsets (ADR 11). Built on first use, once the binder exists.
 */
public final class BinderTransactionalTemplate implements Supplier<KafkaTemplate<byte[], byte[]>> {

    private final ObjectProvider<BinderFactory> binders;
    private volatile KafkaTemplate<byte[], byte[]> template;

    public BinderTransactionalTemplate(ObjectProvider<BinderFactory> binders) {
        this.binders = binders;
    }

    /** @throws IllegalStateException when the binder has no transaction-id-prefix */
    @Override
    public KafkaTemplate<byte[], byte[]> get() {
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
