package dev.signingsuite.provider.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.HashComputed;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Graceful shutdown of a provider: a poll that arrives once the context has begun to close is
 * handed back whole and unread, and the remote service is never asked.
 */
class ProviderBatchesStoppingTest {

    private final CountingSigner signer = new CountingSigner();
    private final RecordingAcknowledgment ack = new RecordingAcknowledgment();
    private final Stopping stopping = new Stopping();

    @Test
    void aPollArrivingAfterShutdownBeganIsHandedBackWholeWithoutAskingTheService() {
        stopping.start();
        stopping.stop();

        batches().accept(poll(List.of("first".getBytes(), "second".getBytes())));

        assertThat(ack.events).containsExactly("nack from 0");
        assertThat(signer.calls).hasValue(0);
    }

    @Test
    void whileRunningAPollIsHandledAndAcknowledged() {
        stopping.start();

        batches().accept(poll(List.of()));

        assertThat(ack.events).containsExactly("acknowledge");
    }

    private ProviderBatches batches() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        // No record here is published or dead-lettered, so the outbound side (a StreamBridge) is not needed.
        return new ProviderBatches(
                signer, new BatchSigning(signer, new DataToSign(), clock, meters), null, meters, stopping);
    }

    private Message<List<byte[]>> poll(List<byte[]> records) {
        return MessageBuilder.withPayload(records)
                .setHeader(KafkaHeaders.ACKNOWLEDGMENT, ack)
                .build();
    }

    private static final class CountingSigner implements RemoteSigner {

        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public Duration recheck() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Resolution resolve(HashComputed document) {
            calls.incrementAndGet();
            throw new AssertionError("resolve must not be called");
        }

        @Override
        public List<Returned> sign(Signer key, List<PreparedSignature> group) {
            calls.incrementAndGet();
            throw new AssertionError("sign must not be called");
        }
    }

    private static final class RecordingAcknowledgment implements Acknowledgment {

        final List<String> events = new ArrayList<>();

        @Override
        public void acknowledge() {
            events.add("acknowledge");
        }

        @Override
        public void nack(int index, Duration sleep) {
            events.add("nack from " + index);
        }
    }
}
