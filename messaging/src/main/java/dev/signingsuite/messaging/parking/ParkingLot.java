package dev.signingsuite.messaging.parking;

import dev.signingsuite.messaging.SigningMeters;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The documents of one stage that this instance is holding back: {@code signing.parked.documents}
 * and {@code signing.parked.oldest.age}. An entry not retried for a while is forgotten: its
 * partition went to another instance, which counts it from then on.
 */
final class ParkingLot {

    private record Parked(Instant since, Instant lastSeen) {}

    private final Map<String, Parked> parked = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration forgetAfter;

    ParkingLot(String stage, Clock clock, Duration maxDelay, MeterRegistry meters) {
        this.clock = clock;
        // A parked record comes back at least every max delay (plus the work's own time outs).
        this.forgetAfter = maxDelay.multipliedBy(3).plusMinutes(2);
        SigningMeters.parkedDocuments(meters, stage, this, ParkingLot::count);
        SigningMeters.parkedOldestAge(meters, stage, this, ParkingLot::oldestAgeSeconds);
    }

    void park(String documentId, Instant since) {
        Instant now = clock.instant();
        parked.merge(documentId, new Parked(since, now), (old, fresh) -> new Parked(old.since(), now));
    }

    void release(String documentId) {
        parked.remove(documentId);
    }

    double count() {
        forgetStale();
        return parked.size();
    }

    double oldestAgeSeconds() {
        forgetStale();
        Instant now = clock.instant();
        return parked.values().stream()
                .map(Parked::since)
                .min(Instant::compareTo)
                .map(since -> Math.max(0, Duration.between(since, now).toMillis() / 1000.0))
                .orElse(0.0);
    }

    private void forgetStale() {
        Instant horizon = clock.instant().minus(forgetAfter);
        parked.values().removeIf(entry -> entry.lastSeen().isBefore(horizon));
    }
}
