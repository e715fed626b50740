package dev.signingsuite.gateway.webhooks;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.BatchCompleted;
import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.Topics;
import dev.signingsuite.events.kafka.EventSerializer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts the recorded batch completions on {@code signing.batch-completed.v1}: the rows are locked
 * ({@code SKIP LOCKED}, so another instance takes other rows), sent in one Kafka transaction, and
 * marked published when it committed. Only a crash between the Kafka commit and the database commit
 * sends one again, with the same {@code ce_id}.
 */
final class BatchCompletedPublisher {

    private static final int LIMIT = 100;

    private final BatchCompletions completions;
    private final TransactionTemplate transactions;
    private final Supplier<KafkaTemplate<byte[], byte[]>> template;
    private final Topics topics;
    private final EventSerializer serializer;
    private final Clock clock;

    BatchCompletedPublisher(
            BatchCompletions completions,
            TransactionTemplate transactions,
            Supplier<KafkaTemplate<byte[], byte[]>> template,
            Topics topics,
            Clock clock) {
        this.completions = completions;
        this.transactions = transactions;
        this.template = template;
        this.topics = topics;
        this.serializer = new EventSerializer(clock);
        this.clock = clock;
    }

    /** @return how many completions this call published */
    int publishDue() {
        Integer published = transactions.execute(tx -> {
            List<BatchCompleted> due = completions.unpublished(LIMIT);
            if (due.isEmpty()) {
                return 0;
            }
            template.get().executeInTransaction(kafka -> {
                List<CompletableFuture<?>> sent = new ArrayList<>();
                for (BatchCompleted event : due) {
                    sent.add(kafka.send(record(event)));
                }
                for (CompletableFuture<?> future : sent) {
                    await(future);
                }
                return null;
            });
            due.forEach(event -> completions.published(event, clock.instant()));
            return due.size();
        });
        return published == null ? 0 : published;
    }

    private ProducerRecord<byte[], byte[]> record(BatchCompleted event) {
        String topic = topics.batchCompleted().name();
        String key = BatchCompleted.keyOf(event.tenantId(), event.batchId());
        Headers headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, ("batch-completed:" + key).getBytes(UTF_8));
        headers.add(CloudEventHeaders.SUBJECT, key.getBytes(UTF_8));
        byte[] value = serializer.serialize(topic, headers, event);
        return new ProducerRecord<>(topic, null, key.getBytes(UTF_8), value, headers);
    }

    private static void await(CompletableFuture<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing BatchCompleted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot publish BatchCompleted: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
