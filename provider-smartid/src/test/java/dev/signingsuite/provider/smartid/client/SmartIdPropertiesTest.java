package dev.signingsuite.provider.smartid.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A retry after the service's idempotency window would start a second session: a second prompt. */
class SmartIdPropertiesTest {

    @Test
    void theDefaultTimeoutsAndRetriesFitInTheIdempotencyWindow() {
        SmartIdProperties properties =
                properties(Duration.ofSeconds(4), new SmartIdProperties.Retry(3, Duration.ofMillis(500)));

        assertThat(properties.retry().longest(properties.requestTimeout()))
                .isLessThanOrEqualTo(SmartIdProperties.IDEMPOTENCY_WINDOW);
    }

    @Test
    void timeoutsWhoseRetriesCanOutlastTheWindowAreRefusedAtStartUp() {
        assertThatThrownBy(() ->
                        properties(Duration.ofSeconds(30), new SmartIdProperties.Retry(3, Duration.ofMillis(500))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("request-timeout")
                .hasMessageContaining("PT15S");
        assertThatThrownBy(
                        () -> properties(Duration.ofSeconds(4), new SmartIdProperties.Retry(4, Duration.ofMillis(500))))
                .hasMessageContaining("4 attempts");
    }

    private static SmartIdProperties properties(Duration requestTimeout, SmartIdProperties.Retry retry) {
        return new SmartIdProperties(
                URI.create("https://rp-api.smart-id.com/v3/"),
                UUID.randomUUID(),
                "DEMO",
                "QUALIFIED",
                Path.of("trust.pem"),
                "Sign documents",
                Duration.ofSeconds(30),
                Duration.ofMinutes(5),
                Duration.ofSeconds(5),
                requestTimeout,
                retry,
                Duration.ofMinutes(1));
    }
}
