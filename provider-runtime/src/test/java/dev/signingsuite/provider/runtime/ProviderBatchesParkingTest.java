package dev.signingsuite.provider.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.EventTypes;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Provider;
import dev.signingsuite.messaging.SigningMeters;
import dev.signingsuite.testclock.MutableClock;
import dev.signingsuite.testclock.TestClock;
import dev.signingsuite.testsupport.SampleEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/** A signer that stays away: the poll is handed back with growing pauses and nothing is dead-lettered. */
class ProviderBatchesParkingTest {

    private final MutableClock clock = TestClock.startingAt(Instant.parse("2026-12-03T08:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<String> acks = new ArrayList<>();

    @Test
    void aSignerThatStaysAwayParksThePollWithGrowingPausesUntilItAnswers() {
        AwaySigner signer = new AwaySigner();
        Stopping stopping = new Stopping();
        stopping.start();
        // No document is past the deadline, so nothing is published: the outbound is not needed.
        ProviderBatches batches = new ProviderBatches(
                signer,
                new BatchSigning(signer, new DataToSign(), clock, meters),
                null,
                meters,
                stopping,
                new Parking(new ParkingProperties(Duration.ofHours(24), Duration.ofSeconds(3)), clock, meters));
        HashComputed document = SampleEvents.hashComputed("parked", Provider.CSC);
        long arrived = clock.instant().minus(Duration.ofHours(1)).toEpochMilli();

        for (int i = 0; i < 3; i++) {
            batches.accept(poll(document, arrived));
        }

        assertThat(acks).containsExactly("nack from 0 for PT1S", "nack from 0 for PT2S", "nack from 0 for PT3S");
        assertThat(meters.get(SigningMeters.PARKED_DOCUMENTS).gauge().value()).isEqualTo(1);
        assertThat(meters.get(SigningMeters.PARKED_OLDEST_AGE).gauge().value()).isEqualTo(3600);
        assertThat(meters.get(SigningMeters.DOCUMENTS)
                        .tag("outcome", "parked")
                        .counter()
                        .count())
                .isEqualTo(3);
    }

    private Message<List<byte[]>> poll(HashComputed document, long timestamp) {
        Map<String, Object> headers = Map.of(
                CloudEventHeaders.SPEC_VERSION,
                CloudEventHeaders.SPEC_VERSION_VALUE,
                CloudEventHeaders.ID,
                "event-1",
                CloudEventHeaders.SOURCE,
                "/test",
                CloudEventHeaders.TYPE,
                EventTypes.typeOf(HashComputed.class),
                CloudEventHeaders.SUBJECT,
                document.documentId());
        return MessageBuilder.withPayload(List.of(EventJson.write(document)))
                .setHeader(KafkaHeaders.ACKNOWLEDGMENT, new Acknowledgment() {
                    @Override
                    public void acknowledge() {
                        acks.add("acknowledge");
                    }

                    @Override
                    public void nack(int index, Duration sleep) {
                        acks.add("nack from " + index + " for " + sleep);
                    }
                })
                .setHeader(KafkaHeaders.BATCH_CONVERTED_HEADERS, List.of(headers))
                .setHeader(KafkaHeaders.RECEIVED_TIMESTAMP, List.of(timestamp))
                .build();
    }

    private static final class AwaySigner implements RemoteSigner {

        @Override
        public String name() {
            return "away";
        }

        @Override
        public Duration recheck() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Resolution resolve(HashComputed document) {
            throw SignerWaits.unavailable("HTTP 503");
        }

        @Override
        public List<Returned> sign(Signer key, List<PreparedSignature> group) {
            throw new AssertionError("nothing is resolved, so nothing is signed");
        }
    }
}
