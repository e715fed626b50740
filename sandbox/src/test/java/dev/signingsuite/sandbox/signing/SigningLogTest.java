package dev.signingsuite.sandbox.signing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.testclock.MutableClock;
import dev.signingsuite.testclock.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SigningLogTest {

    private final MutableClock clock = TestClock.startingAt(Instant.parse("2026-12-04T09:00:00Z"));
    private final SigningLog log = new SigningLog(clock);

    @Test
    void countsADigestByContentAndKeepsWhatTheCallerChangesLater() {
        byte[] digest = {1, 2, 3};
        log.signed(SigningLog.CSC, digest);
        digest[0] = 9;
        clock.advance(Duration.ofSeconds(1));
        log.signed(SigningLog.SMARTID, new byte[] {1, 2, 3});

        assertThat(log.count(new byte[] {1, 2, 3})).isEqualTo(2);
        assertThat(log.count(digest)).isZero();
        assertThat(log.entries())
                .extracting(SignedDigest::simulator, SignedDigest::at)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("csc", Instant.parse("2026-12-04T09:00:00Z")),
                        org.assertj.core.groups.Tuple.tuple("smartid", Instant.parse("2026-12-04T09:00:01Z")));
        log.clear();
        assertThat(log.entries()).isEmpty();
    }
}
