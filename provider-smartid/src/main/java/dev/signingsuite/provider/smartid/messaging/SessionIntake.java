package dev.signingsuite.provider.smartid.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureRequested;
import dev.signingsuite.messaging.InboundEnvelope;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The binding {@code pollSessions-in-0}: hands every Smart-ID {@code SignatureRequested} to the
 * {@link SessionPoller} and returns at once, so the consumer never waits for a person. Offsets are
 * committed by the {@link OffsetTracker} only up to the first record whose outcome is not yet on
 * the broker (manual acks, never the binder's).
 *
 * <p>The payload arrives as bytes and is read here: a record this listener threw on would be
 * dead-lettered <em>and acknowledged</em> by the binder, which in manual ack mode commits its
 * offset past every session still open before it. A poison record is therefore dead-lettered here
 * (same topic and headers as the binder's) and finished through the tracker like any other.
 */
final class SessionIntake implements Consumer<Message<byte[]>> {

    static final String DEAD_LETTERS = "pollerDeadLetters";

    private static final Logger log = LoggerFactory.getLogger(SessionIntake.class);

    private final SessionPoller poller;
    private final OffsetTracker<Acknowledgment> tracker;
    private final StreamBridge bridge;

    SessionIntake(SessionPoller poller, OffsetTracker<Acknowledgment> tracker, StreamBridge bridge) {
        this.poller = poller;
        this.tracker = tracker;
        this.bridge = bridge;
    }

    @Override
    public void accept(Message<byte[]> message) {
        MessageHeaders headers = message.getHeaders();
        Acknowledgment ack = headers.get(KafkaHeaders.ACKNOWLEDGMENT, Acknowledgment.class);
        String topic = headers.get(KafkaHeaders.RECEIVED_TOPIC, String.class);
        Integer partition = headers.get(KafkaHeaders.RECEIVED_PARTITION, Integer.class);
        Long offset = headers.get(KafkaHeaders.OFFSET, Long.class);
        if (ack == null || topic == null || partition == null || offset == null) {
            throw new IllegalStateException("the poller binding needs manual acknowledgements (ack-mode MANUAL)");
        }
        TopicPartition where = new TopicPartition(topic, partition);
        tracker.delivered(where, offset, ack);
        SessionPoller.Ticket ticket = new SessionPoller.Ticket() {
            @Override
            public void finished() {
                tracker.finished(where, offset).ifPresent(Acknowledgment::acknowledge);
            }

            @Override
            public boolean live() {
                return tracker.tracks(where, offset);
            }
        };
        SignatureRequested requested;
        InboundEnvelope envelope = InboundEnvelope.of(message);
        try {
            requested = EventJson.read(message.getPayload(), SignatureRequested.class);
            envelope.requireDescribes(requested);
        } catch (RuntimeException e) {
            deadLetter(message, where, offset, e, ticket);
            return;
        }
        if (requested.signer().provider() != Provider.SMARTID || requested.session() == null) {
            ticket.finished(); // another provider's session, or none to wait for
            return;
        }
        poller.track(requested, envelope, ticket);
    }

    private void deadLetter(
            Message<byte[]> message,
            TopicPartition where,
            long offset,
            RuntimeException e,
            SessionPoller.Ticket ticket) {
        MessageBuilder<byte[]> builder = MessageBuilder.withPayload(message.getPayload());
        for (Map.Entry<String, Object> header : message.getHeaders().entrySet()) {
            if ((header.getValue() instanceof byte[] || header.getValue() instanceof String)
                    && !header.getKey().startsWith("kafka_")
                    && !header.getKey().equals(MessageHeaders.CONTENT_TYPE)) {
                builder.setHeader(header.getKey(), header.getValue());
            }
        }
        Object key = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        if (key != null) {
            builder.setHeader(KafkaHeaders.KEY, key);
        }
        Long timestamp = message.getHeaders().get(KafkaHeaders.RECEIVED_TIMESTAMP, Long.class);
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        builder.setHeader("x-original-topic", bytes(where.topic()))
                .setHeader("x-original-partition", bytes(Integer.toString(where.partition())))
                .setHeader("x-original-offset", bytes(Long.toString(offset)))
                .setHeader("x-original-timestamp", bytes(String.valueOf(timestamp)))
                .setHeader("x-exception-fqcn", bytes(e.getClass().getName()))
                .setHeader("x-exception-message", bytes(String.valueOf(e.getMessage())))
                .setHeader("x-exception-stacktrace", bytes(trace.toString()));
        try {
            if (!bridge.send(DEAD_LETTERS, builder.build())) {
                throw new IllegalStateException("the binder did not accept the dead letter");
            }
            log.warn("Dead-lettered {}-{}@{}: {}", where.topic(), where.partition(), offset, e.getMessage());
            ticket.finished();
        } catch (RuntimeException failed) {
            // Left unfinished: its partition commits no further until a restart delivers it again.
            log.error(
                    "Could not dead-letter {}-{}@{}: {}",
                    where.topic(),
                    where.partition(),
                    offset,
                    failed.getMessage());
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(UTF_8);
    }
}
