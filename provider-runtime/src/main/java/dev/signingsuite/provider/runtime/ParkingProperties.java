package dev.signingsuite.provider.runtime;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long a document waits for a remote signer that is away before it ends {@code
 * SIGNER_UNAVAILABLE}, and how far apart the attempts grow. The same {@code signing.parking} names
 * the stages use for their trust services.
 *
 * @param deadline from when the document reached the provider (its record's timestamp)
 * @param maxDelay the longest pause between two attempts
 */
@Validated
@ConfigurationProperties("signing.parking")
record ParkingProperties(
        @DefaultValue("24h") @NotNull Duration deadline,
        @DefaultValue("1m") @NotNull Duration maxDelay) {

    ParkingProperties {
        if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
            throw new IllegalArgumentException("signing.parking.deadline must be positive but was " + deadline);
        }
    }
}
