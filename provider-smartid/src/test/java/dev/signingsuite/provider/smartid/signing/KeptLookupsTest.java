package dev.signingsuite.provider.smartid.signing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.testclock.MutableClock;
import dev.signingsuite.testclock.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KeptLookupsTest {

    private final MutableClock clock = TestClock.startingAt(TestClock.now());

    @Test
    void anAnswerServesUntilItsTimeIsUp() {
        KeptLookups<String> kept = new KeptLookups<>(Duration.ofMinutes(1), clock);
        kept.put("PNOEE-40504040001-DEM0-Q", "signer");

        clock.advance(Duration.ofSeconds(59));
        assertThat(kept.get("PNOEE-40504040001-DEM0-Q")).isEqualTo("signer");

        clock.advance(Duration.ofSeconds(1));
        assertThat(kept.get("PNOEE-40504040001-DEM0-Q")).isNull();
    }

    @Test
    void aKeyNeverPutHasNoAnswer() {
        KeptLookups<String> kept = new KeptLookups<>(Duration.ofMinutes(1), clock);
        kept.put("PNOEE-40504040001-DEM0-Q", "signer");

        assertThat(kept.get("PNOLV-32999999999-DEM0-Q")).isNull();
    }

    @Test
    void zeroKeepsNothing() {
        KeptLookups<String> kept = new KeptLookups<>(Duration.ZERO, clock);
        kept.put("PNOEE-40504040001-DEM0-Q", "signer");

        assertThat(kept.get("PNOEE-40504040001-DEM0-Q")).isNull();
    }

    @Test
    void aPutAgainStartsItsTimeAgain() {
        KeptLookups<String> kept = new KeptLookups<>(Duration.ofMinutes(1), clock);
        kept.put("PNOEE-40504040001-DEM0-Q", "first");
        clock.advance(Duration.ofSeconds(50));
        kept.put("PNOEE-40504040001-DEM0-Q", "second");

        clock.advance(Duration.ofSeconds(50));
        assertThat(kept.get("PNOEE-40504040001-DEM0-Q")).isEqualTo("second");
    }

    @Test
    void beyondTheLimitTheOldestGoesFirst() {
        KeptLookups<String> kept = new KeptLookups<>(Duration.ofMinutes(1), clock);
        for (int i = 0; i < KeptLookups.MAX_ENTRIES; i++) {
            kept.put("key-" + i, "value-" + i);
        }
        kept.put("one-more", "value");

        assertThat(kept.get("key-0")).isNull();
        assertThat(kept.get("key-1")).isEqualTo("value-1");
        assertThat(kept.get("one-more")).isEqualTo("value");
    }
}
