package dev.signingsuite.testclock;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The test JVM's clock is as far ahead of Maven's as the run asks ({@code time-shift.days}, 0 outside
 * the time-shift profile), and so is the clock of the processes tests start (openssl): a shifted run
 * whose preload silently failed would otherwise pass while testing nothing.
 */
class TimeShiftTest {

    private static final Duration SHIFT = Duration.ofDays(Long.getLong("test.time-shift.days", 0));

    @Test
    void theTestJvmsClockIsAheadOfMavensByTheShift() {
        Instant mavenStarted = Instant.parse(System.getProperty("test.build-started"));

        Duration ahead = Duration.between(mavenStarted, TestClock.now());

        // Maven started this run minutes ago at most; its own clock is never shifted.
        assertThat(ahead).isBetween(SHIFT.minusMinutes(1), SHIFT.plusHours(2));
    }

    @Test
    void aProcessTheTestStartsSeesTheSameTime() throws Exception {
        Process date = new ProcessBuilder("date", "-u", "+%s").start();
        String output = new String(date.getInputStream().readAllBytes(), US_ASCII).strip();
        assertThat(date.waitFor()).isZero();

        Instant processTime = Instant.ofEpochSecond(Long.parseLong(output));

        assertThat(Duration.between(processTime, TestClock.now()).abs()).isLessThan(Duration.ofMinutes(1));
    }
}
