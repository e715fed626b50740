package dev.signingsuite.provider.smartid.signing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers of a lookup kept for a while by key: here the signers whose certificate was looked up and
 * checked lately, by document number. The lookup is a synchronous call without the person
 * ({@code signature/certificate/{document-number}}: no session), made per document; a back office
 * sealing for one account made it thousands of times for the same answer, each a round trip and a
 * chain check, and under faults a retry. A certificate renewed in between shows as a value that does
 * not verify against the kept one, and its document fails rather than being signed with a stale
 * chain; {@code keep} bounds that window. Revocation is checked later, at augmentation, either way.
 *
 * <p>Per instance and in memory: losing it in a restart costs one lookup.
 */
final class KeptLookups<V> {

    /** Beyond this many keys the oldest answer goes first. */
    static final int MAX_ENTRIES = 10_000;

    private final Duration keep;
    private final Clock clock;
    private final Map<String, Kept<V>> kept = new LinkedHashMap<>(16, 0.75f, false);

    private record Kept<V>(V value, Instant until) {}

    /** @param keep how long an answer serves; zero keeps none */
    KeptLookups(Duration keep, Clock clock) {
        this.keep = keep;
        this.clock = clock;
    }

    /** The answer for {@code key} kept within {@code keep}, or null. */
    synchronized V get(String key) {
        Kept<V> entry = kept.get(key);
        if (entry == null) {
            return null;
        }
        if (!clock.instant().isBefore(entry.until())) {
            kept.remove(key);
            return null;
        }
        return entry.value();
    }

    synchronized void put(String key, V value) {
        if (keep.isZero()) {
            return;
        }
        kept.remove(key);
        if (kept.size() >= MAX_ENTRIES) {
            kept.remove(kept.keySet().iterator().next());
        }
        kept.put(key, new Kept<>(value, clock.instant().plus(keep)));
    }
}
