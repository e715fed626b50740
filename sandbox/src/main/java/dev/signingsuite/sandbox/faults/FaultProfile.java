package dev.signingsuite.sandbox.faults;

import java.time.Duration;
import java.util.List;

/**
 * How often and how one simulator fails.
 *
 * @param share fraction of requests hit, 0 (off) to 1 (every request)
 * @param kinds what a hit request gets, one picked at random per hit; required when {@code share > 0}
 * @param slowBy the delay of {@link Fault#SLOW}; zero when absent
 */
public record FaultProfile(double share, List<Fault> kinds, Duration slowBy) {

    public static final FaultProfile OFF = new FaultProfile(0, List.of(), Duration.ZERO);

    public FaultProfile {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be between 0 and 1, was " + share);
        }
        kinds = kinds == null ? List.of() : List.copyOf(kinds);
        slowBy = slowBy == null ? Duration.ZERO : slowBy;
        if (share > 0 && kinds.isEmpty()) {
            throw new IllegalArgumentException("kinds must name at least one fault when share > 0");
        }
        if (slowBy.isNegative()) {
            throw new IllegalArgumentException("slowBy must not be negative, was " + slowBy);
        }
        if (kinds.contains(Fault.SLOW) && slowBy.isZero()) {
            throw new IllegalArgumentException("kinds include SLOW: slowBy must be positive");
        }
    }

    /** Every request of the share fails with one of {@code kinds}. */
    public static FaultProfile of(double share, Fault... kinds) {
        return new FaultProfile(share, List.of(kinds), Duration.ZERO);
    }

    /** The share of requests answered late by {@code slowBy}. */
    public static FaultProfile slow(double share, Duration slowBy) {
        return new FaultProfile(share, List.of(Fault.SLOW), slowBy);
    }

    public boolean off() {
        return share == 0;
    }
}
