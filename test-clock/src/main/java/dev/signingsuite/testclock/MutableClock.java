package dev.signingsuite.testclock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock the test moves by hand to reach an expiry (a token, a SAD, a session) without waiting.
 * Safe to read from the threads of the server under test while the test moves it.
 */
public final class MutableClock extends Clock {

    private volatile Instant now;

    MutableClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    public void set(Instant instant) {
        now = Objects.requireNonNull(instant, "instant");
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
