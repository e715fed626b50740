package dev.signingsuite.gateway.status;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.BatchCancelled;
import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.Topics;
import dev.signingsuite.events.kafka.EventSerializer;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;

/** Sends {@link BatchCancelled} and waits for the broker's acknowledgement. */
final class BatchCancelledPublisher implements Consumer<BatchCancelled> {

    private final Supplier<KafkaTemplate<byte[], byte[]>> template;
    private final Topics topics;
    private final EventSerializer serializer;

    BatchCancelledPublisher(Supplier<KafkaTemplate<byte[], byte[]>> template, Topics topics, Clock clock) {
        this.template = template;
        this.topics = topics;
        this.serializer = new EventSerializer(clock);
    }

    @Override
    public void accept(BatchCancelled event) {
        String topic = topics.batchCancelled().name();
        Headers headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, ("batch-cancelled:" + event.key()).getBytes(UTF_8));
        headers.add(CloudEventHeaders.SUBJECT, event.key().getBytes(UTF_8));
        byte[] value = serializer.serialize(topic, headers, event);
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(topic, null, event.key().getBytes(UTF_8), value, headers);
        template.get().executeInTransaction(kafka -> {
            try {
                return kafka.send(record).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing BatchCancelled", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(
                        "cannot publish BatchCancelled: " + e.getCause().getMessage(), e.getCause());
            }
        });
    }
}
