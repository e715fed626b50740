package dev.signingsuite.provider.runtime;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.messaging.SigningMeters;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * A poll whose signer is away: handed back with delays that double up to {@link
 * ParkingProperties#maxDelay()}, never dead-lettered; documents that reached the provider more than
 * {@link ParkingProperties#deadline()} ago end {@code SIGNER_UNAVAILABLE}. The deadline counts from
 * the record's Kafka timestamp, so it holds across restarts and instances; only the delay's growth
 * is this instance's.
 */
final class Parking {

    private final ParkingProperties properties;
    private final Clock clock;
    private final AtomicInteger outages = new AtomicInteger();
    private final AtomicInteger parked = new AtomicInteger();
    private final AtomicLong oldestMillis = new AtomicLong(-1);

    Parking(ParkingProperties properties, Clock clock, MeterRegistry meters) {
        this.properties = properties;
        this.clock = clock;
        SigningMeters.parkedDocuments(meters, "provider", parked, AtomicInteger::get);
        SigningMeters.parkedOldestAge(meters, "provider", this, Parking::oldestAgeSeconds);
    }

    /**
     * What becomes of a parked poll: the documents from its start that are past the deadline fail,
     * the rest wait.
     */
    BatchSigning.Result park(
            List<HashComputed> documents, ToLongFunction<HashComputed> timestamps, String provider, String why) {
        long now = clock.millis();
        long deadline = properties.deadline().toMillis();
        List<SigningOutcome> failed = new ArrayList<>();
        int expired = 0;
        while (expired < documents.size() && now - timestamps.applyAsLong(documents.get(expired)) >= deadline) {
            failed.add(new SigningOutcome.Failed(
                    documents.get(expired),
                    FailureReason.SIGNER_UNAVAILABLE,
                    "provider-" + provider + "'s signing service stayed unavailable for more than "
                            + properties.deadline() + ": " + why));
            expired++;
        }
        List<HashComputed> waiting = List.copyOf(documents.subList(expired, documents.size()));
        parked.set(waiting.size());
        oldestMillis.set(waiting.stream().mapToLong(timestamps).min().orElse(-1));
        return new BatchSigning.Result(failed, expired, waiting, why);
    }

    /** The pause before the parked poll comes again: {@code first}, doubled per outage in a row. */
    Duration delay(Duration first) {
        int n = Math.min(outages.getAndIncrement(), 16);
        Duration grown = first.multipliedBy(1L << n);
        return grown.compareTo(properties.maxDelay()) > 0 ? properties.maxDelay() : grown;
    }

    /** A poll went through: the next outage starts with short delays again. */
    void resumed() {
        outages.set(0);
        parked.set(0);
        oldestMillis.set(-1);
    }

    private double oldestAgeSeconds() {
        long oldest = oldestMillis.get();
        return oldest < 0 ? 0 : Math.max(0, clock.millis() - oldest) / 1000.0;
    }
}
