package dev.signingsuite.provider.smartid.messaging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The session poller of one instance.
 *
 * @param maxOpenSessions above it the poller's consumer pauses (backpressure) until sessions end;
 *     the records of one poll already fetched are still taken, so the bound can be exceeded by up
 *     to {@code max.poll.records}
 * @param threads threads that handle long-poll answers and publish outcomes (never one per session)
 */
@Validated
@ConfigurationProperties("signing.smartid.poller")
record PollerProperties(
        @DefaultValue("5000") @Min(1) @Max(1_000_000) int maxOpenSessions,
        @DefaultValue("2") @Min(1) @Max(64) int threads) {}
