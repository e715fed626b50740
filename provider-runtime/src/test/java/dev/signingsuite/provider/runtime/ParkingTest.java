package dev.signingsuite.provider.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Provider;
import dev.signingsuite.messaging.SigningMeters;
import dev.signingsuite.testclock.MutableClock;
import dev.signingsuite.testclock.TestClock;
import dev.signingsuite.testsupport.SampleEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParkingTest {

    private final MutableClock clock = TestClock.startingAt(Instant.parse("2026-12-02T12:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Parking parking =
            new Parking(new ParkingProperties(Duration.ofHours(24), Duration.ofMinutes(1)), clock, meters);

    @Test
    void delaysDoubleUpToTheMaximumAndStartShortAgainAfterAPollWentThrough() {
        Duration first = Duration.ofSeconds(5);
        assertThat(List.of(
                        parking.delay(first),
                        parking.delay(first),
                        parking.delay(first),
                        parking.delay(first),
                        parking.delay(first),
                        parking.delay(first)))
                .containsExactly(
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(20),
                        Duration.ofSeconds(40),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(1));
        parking.resumed();
        assertThat(parking.delay(first)).isEqualTo(first);
    }

    @Test
    void documentsPastTheDeadlineFailAsSignerUnavailableAndTheRestWait() {
        HashComputed old = SampleEvents.hashComputed("old", Provider.CSC);
        HashComputed recent = SampleEvents.hashComputed("recent", Provider.CSC);
        Map<HashComputed, Instant> arrived = Map.of(
                old,
                clock.instant().minus(Duration.ofHours(25)),
                recent,
                clock.instant().minus(Duration.ofHours(2)));

        BatchSigning.Result result =
                parking.park(List.of(old, recent), d -> arrived.get(d).toEpochMilli(), "csc", "HTTP 503");

        assertThat(result.decided()).isEqualTo(1);
        assertThat(result.waiting()).containsExactly(recent);
        assertThat(result.outcomes()).singleElement().satisfies(outcome -> {
            assertThat(outcome.document()).isSameAs(old);
            assertThat(((SigningOutcome.Failed) outcome).reason()).isEqualTo(FailureReason.SIGNER_UNAVAILABLE);
        });
        assertThat(meters.get(SigningMeters.PARKED_DOCUMENTS).gauge().value()).isEqualTo(1);
        assertThat(meters.get(SigningMeters.PARKED_OLDEST_AGE).gauge().value()).isEqualTo(2 * 3600);
    }

    @Test
    void aPollParkedWithinTheDeadlineFailsNothing() {
        HashComputed document = SampleEvents.hashComputed("fresh", Provider.CSC);

        BatchSigning.Result result = parking.park(
                List.of(document), d -> clock.instant().minusSeconds(60).toEpochMilli(), "csc", "no answer");

        assertThat(result.decided()).isZero();
        assertThat(result.outcomes()).isEmpty();
        assertThat(result.parked()).isTrue();
    }
}
