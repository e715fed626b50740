package dev.signingsuite.provider.smartid.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureRequested;
import dev.signingsuite.messaging.InboundEnvelope;
import dev.signingsuite.messaging.InboundRecord;
import dev.signingsuite.provider.runtime.ProviderOutbound;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

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
    private final ProviderOutbound outbound;

    SessionIntake(SessionPoller poller, OffsetTracker<Acknowledgment> tracker, ProviderOutbound outbound) {
        this.poller = poller;
        this.tracker = tracker;
        this.outbound = outbound;
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
        Map<String, Object> headers = new LinkedHashMap<>();
        for (Map.Entry<String, Object> header : message.getHeaders().entrySet()) {
            if ((header.getValue() instanceof byte[] || header.getValue() instanceof String)
                    && !header.getKey().startsWith("kafka_")
                    && !header.getKey().equals(MessageHeaders.CONTENT_TYPE)) {
                headers.put(header.getKey(), header.getValue());
            }
        }
        Object key = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        Long timestamp = message.getHeaders().get(KafkaHeaders.RECEIVED_TIMESTAMP, Long.class);
        InboundRecord record = new InboundRecord(
                key instanceof byte[] bytes
                        ? bytes
                        : key == null ? null : key.toString().getBytes(UTF_8),
                message.getPayload(),
                headers,
                where.topic(),
                where.partition(),
                offset,
                timestamp == null ? -1 : timestamp);
        try {
            // The binder's headers, as every provider writes them (x-original-offset binary, not text).
            outbound.deadLetter(DEAD_LETTERS, record, e);
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
}
