package dev.signingsuite.testclock;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The one place test code reads the machine's clock ({@code TestCodeReadsNoWallClockTest} keeps it
 * so). A test either runs at "now" — then everything it builds, the test PKI included, is issued
 * from this clock, and the time-shifted runs ({@code -Ptime-shift}) move it consistently — or it
 * runs at a fixed instant and issues its test PKI for that instant. What a test must never do is
 * mix the two: a fixed date against certificates issued "now" passes only in the week it was
 * written.
 */
public final class TestClock {

    private TestClock() {}

    /** The machine's clock, in UTC: for code under test that runs at "now" (servers, brokers, DSS). */
    public static Clock system() {
        return Clock.systemUTC();
    }

    /** The machine's current instant. */
    public static Instant now() {
        return system().instant();
    }

    /**
     * A clock that stays at the current instant, in whole seconds: for a test that compares what the
     * code stamped with what it expected and still meets a test PKI issued "now".
     */
    public static Clock frozenNow() {
        return Clock.fixed(now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }

    /** A clock that starts at {@code start} and moves only when the test moves it. */
    public static MutableClock startingAt(Instant start) {
        return new MutableClock(start);
    }
}
