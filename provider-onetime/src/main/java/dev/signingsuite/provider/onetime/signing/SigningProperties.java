package dev.signingsuite.provider.onetime.signing;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How one-time signings are used.
 *
 * @param margin a signing is no longer used this long before its certificate's notAfter: room for
 *     the clocks of the CA, the TSA and validators to differ
 * @param maxBatchSize the most digests signed in one group
 * @param sweep how often signings whose certificates ended are looked for (their keys destroyed)
 */
@Validated
@ConfigurationProperties("signing.onetime")
public record SigningProperties(
        @DefaultValue("5s") @NotNull Duration margin,
        @DefaultValue("100") @Min(1) @Max(1000) int maxBatchSize,
        @DefaultValue("5s") @NotNull Duration sweep) {}
