package dev.signingsuite.gateway.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many failed authentications the API answers before it answers {@code 429}: per client
 * address, and per key id for keys of the form {@code <keyId>.<secret>}.
 *
 * @param failures failed authentications allowed in each period
 * @param period how long until the allowance is whole again
 */
@Validated
@ConfigurationProperties("signing.gateway.authentication")
public record AuthenticationLimits(
        @DefaultValue("20") @Positive int failures,
        @DefaultValue("1m") @NotNull Duration period) {}
