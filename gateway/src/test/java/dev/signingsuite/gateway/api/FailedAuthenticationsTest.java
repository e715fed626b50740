package dev.signingsuite.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailedAuthenticationsTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final FailedAuthentications failures =
            new FailedAuthentications(new AuthenticationLimits(3, Duration.ofMinutes(1)), nanos::get);

    @Test
    void anAddressIsRefusedAfterItsFailuresUntilThePeriodIsOver() {
        for (int i = 0; i < 3; i++) {
            assertThat(failures.refusal("10.0.0.1", "wrong")).isEmpty();
            failures.failed("10.0.0.1", "wrong");
        }

        assertThat(failures.refusal("10.0.0.1", "demo-key"))
                .as("refused before the key is compared, right or wrong")
                .hasValueSatisfying(wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));
        assertThat(failures.refusal("10.0.0.2", "wrong")).as("another address").isEmpty();

        nanos.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(failures.refusal("10.0.0.1", "wrong")).isEmpty();
    }

    @Test
    void aKeyIdIsRefusedFromEveryAddressOnceItsFailuresAreUsedUp() {
        failures.failed("10.0.0.1", "acme.guess-1");
        failures.failed("10.0.0.2", "acme.guess-2");
        failures.failed("10.0.0.3", "acme.guess-3");

        assertThat(failures.refusal("10.0.0.4", "acme.guess-4")).isPresent();
        assertThat(failures.refusal("10.0.0.4", "other.guess")).isEmpty();
        assertThat(failures.refusal("10.0.0.4", "no-key-id")).isEmpty();
    }

    @Test
    void theKeyIdIsThePartBeforeTheFirstDot() {
        assertThat(FailedAuthentications.keyIdOf("acme.s3cr.et")).isEqualTo("acme");
        assertThat(FailedAuthentications.keyIdOf("demo-key")).isNull();
        assertThat(FailedAuthentications.keyIdOf(".secret")).isNull();
        assertThat(FailedAuthentications.keyIdOf(null)).isNull();
    }
}
