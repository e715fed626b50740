package dev.signingsuite.gateway.outcomes;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.Topic;
import dev.signingsuite.events.Topics;
import dev.signingsuite.messaging.DeadLetters;
import dev.signingsuite.messaging.InboundRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * Copies each terminal outcome ({@code ContainerAssembled}, {@code DocumentFailed}) to its tenant's
 * own outcome topic, {@code signing.outcomes.v1.<tenant>}, where that topic is provisioned (ADR 23):
 * key, value and headers unchanged. Binding {@code routeOutcomes-in-0}, group {@code
 * gateway-outcomes}, whole polls: the copies and the poll's offsets commit in the poll's one Kafka
 * transaction (a template on the binder's transactional producer factory joins it), so each
 * outcome is copied exactly once for {@code read_committed} readers. A send that fails fails the
 * poll, which is rolled back and delivered again until the broker takes it; a record that names no
 * tenant readably goes to {@code error.<topic>.gateway-outcomes} alone.
 */
final class OutcomeRouter implements Consumer<Message<List<byte[]>>> {

    private static final Logger log = LoggerFactory.getLogger(OutcomeRouter.class);

    private final Topics topics;
    private final ProvisionedOutcomeTopics provisioned;
    private final Supplier<KafkaTemplate<byte[], byte[]>> template;
    private final DeadLetters deadLetters;

    OutcomeRouter(
            Topics topics,
            ProvisionedOutcomeTopics provisioned,
            Supplier<KafkaTemplate<byte[], byte[]>> template,
            DeadLetters deadLetters) {
        this.topics = topics;
        this.provisioned = provisioned;
        this.template = template;
        this.deadLetters = deadLetters;
    }

    @Override
    public void accept(Message<List<byte[]>> poll) {
        Object group = poll.getHeaders().get(KafkaHeaders.GROUP_ID);
        List<ProducerRecord<byte[], byte[]>> copies = new ArrayList<>();
        for (InboundRecord record : InboundRecord.split(poll)) {
            String tenant;
            try {
                tenant = tenantOf(record);
            } catch (RuntimeException e) {
                log.warn(
                        "Dead-lettering record {}-{}@{}: {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        e.getMessage());
                deadLetters.publish(record.message(group), e);
                continue;
            }
            if (Topics.canHaveOwnTopics(tenant) && provisioned.provisioned(tenant)) {
                copies.add(new ProducerRecord<>(
                        topics.tenantOutcomes(tenant), null, record.key(), record.value(), headers(record)));
            }
        }
        send(copies);
    }

    private String tenantOf(InboundRecord record) {
        Class<?> type = Topics.resolve(record.topic())
                .map(Topic::payloadType)
                .filter(DocumentEvent.class::isAssignableFrom)
                .orElseThrow(() -> new IllegalArgumentException("not an outcome topic: " + record.topic()));
        return ((DocumentEvent) EventJson.read(record.value(), type)).tenantId();
    }

    // Sent at once, then awaited: a failed send throws, and the poll's transaction aborts.
    private void send(List<ProducerRecord<byte[], byte[]>> copies) {
        if (copies.isEmpty()) {
            return;
        }
        KafkaTemplate<byte[], byte[]> sender = template.get();
        List<CompletableFuture<?>> sent = new ArrayList<>(copies.size());
        for (ProducerRecord<byte[], byte[]> copy : copies) {
            sent.add(sender.send(copy));
        }
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while copying outcomes", e);
            } catch (ExecutionException e) {
                throw new KafkaException(
                        "cannot copy an outcome to " + copies.get(i).topic() + ": "
                                + e.getCause().getMessage(),
                        e.getCause());
            }
        }
        log.debug("{} outcomes copied to tenant topics", copies.size());
    }

    /**
     * The record's own headers as the binder mapped them (bytes, or text): the CloudEvents headers,
     * {@code traceparent}, {@code signing-attempt}; not Spring's ({@code kafka_*}, {@code
     * contentType}), which the contract does not carry.
     */
    private static Headers headers(InboundRecord record) {
        Headers out = new RecordHeaders();
        record.headers().forEach((name, value) -> {
            boolean spring = name.startsWith(KafkaHeaders.PREFIX)
                    || name.equals(MessageHeaders.ID)
                    || name.equals(MessageHeaders.TIMESTAMP)
                    || name.equals(MessageHeaders.CONTENT_TYPE);
            if (spring) {
                return;
            }
            if (value instanceof byte[] bytes) {
                out.add(name, bytes);
            } else if (value instanceof String text) {
                out.add(name, text.getBytes(UTF_8));
            }
        });
        return out;
    }
}
