package dev.signingsuite.messaging;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the readiness contributor {@code bindings} checks besides the consumer bindings.
 *
 * @param brokerCheck also ask the cluster for its nodes on every probe: for a service that takes
 *     work from outside and produces it (the gateway), whose consumers say nothing about whether
 *     its producer can deliver
 * @param brokerTimeout how long that question may take before the service counts as not ready;
 *     well under the probe's own timeout
 */
@Validated
@ConfigurationProperties("signing.readiness")
public record ReadinessProperties(
        @DefaultValue("false") boolean brokerCheck,
        @DefaultValue("2s") @NotNull Duration brokerTimeout) {}
