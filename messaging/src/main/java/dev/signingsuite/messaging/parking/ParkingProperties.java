package dev.signingsuite.messaging.parking;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long a record whose work keeps failing for a transient reason (a trust service, a remote
 * signer, the blob store) is retried before its document ends failed.
 *
 * @param deadline from the record's timestamp; then the stage answers {@code DocumentFailed}
 * @param firstDelay the first redelivery's delay; each further one is {@code multiplier} longer
 * @param maxDelay the longest delay between two deliveries; the consumer thread waits it out, so it
 *     must stay well inside max.poll.interval.ms (5 min by default)
 * @param multiplier the growth of the delay
 */
@Validated
@ConfigurationProperties("signing.parking")
public record ParkingProperties(
        @DefaultValue("24h") @NotNull Duration deadline,
        @DefaultValue("1s") @NotNull Duration firstDelay,
        @DefaultValue("1m") @NotNull Duration maxDelay,
        @DefaultValue("2.0") @DecimalMin("1.0") double multiplier) {

    public ParkingProperties {
        if (maxDelay.compareTo(Duration.ofMinutes(4)) > 0) {
            throw new IllegalArgumentException("signing.parking.max-delay " + maxDelay
                    + " is over 4 minutes: it must stay inside max.poll.interval.ms");
        }
        if (firstDelay.compareTo(maxDelay) > 0) {
            throw new IllegalArgumentException("signing.parking.first-delay must not exceed max-delay");
        }
    }
}
