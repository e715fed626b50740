package dev.signingsuite.gateway.webhooks;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where each tenant's webhooks go, and how hard the gateway tries (ADR 27).
 *
 * @param tenants per tenant id (one of {@code signing.gateway.tenants}): its endpoint
 * @param allowLoopback whether an endpoint may resolve to a loopback address (the standalone run's
 *     back office on the same machine); never in a shared deployment
 * @param allowPrivate whether an endpoint may resolve to a private, link-local or unique-local
 *     address (a back office inside the same network)
 * @param retryFor how long after the first attempt a message is still retried; then it is FAILED
 * @param firstRetry the wait after the first failed attempt; each further wait doubles
 * @param maxRetryInterval the longest wait between two attempts
 * @param timeout of one attempt (connect and answer)
 * @param pollInterval how often an instance looks for due messages and unpublished completions
 * @param lease how long an instance holds the messages it took for an attempt
 * @param batchSize the most messages one instance takes at a time
 */
@Validated
@ConfigurationProperties("signing.gateway.webhooks")
public record WebhookProperties(
        @DefaultValue Map<String, @Valid Endpoint> tenants,
        @DefaultValue("false") boolean allowLoopback,
        @DefaultValue("false") boolean allowPrivate,
        @DefaultValue("26h") @NotNull Duration retryFor,
        @DefaultValue("5s") @NotNull Duration firstRetry,
        @DefaultValue("1h") @NotNull Duration maxRetryInterval,
        @DefaultValue("10s") @NotNull Duration timeout,
        @DefaultValue("1s") @NotNull Duration pollInterval,
        @DefaultValue("2m") @NotNull Duration lease,
        @DefaultValue("50") @Positive int batchSize) {

    public WebhookProperties {
        tenants = Map.copyOf(tenants);
        if (retryFor.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException(
                    "signing.gateway.webhooks.retry-for must be at least 24h (is " + retryFor + ")");
        }
        if (lease.compareTo(timeout.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("signing.gateway.webhooks.lease (" + lease
                    + ") must be at least twice the timeout (" + timeout + ")");
        }
    }

    /**
     * @param url where the messages are POSTed: http or https, no user info
     * @param secret {@code whsec_} and the base64 of 24 to 64 random bytes; never printed
     */
    public record Endpoint(@NotNull URI url, @NotNull String secret) {

        public Endpoint {
            String scheme = url.getScheme();
            if (!("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
                    || url.getHost() == null
                    || url.getUserInfo() != null) {
                throw new IllegalArgumentException("webhook url must be http(s)://host/... without user info");
            }
            WebhookSignature.keyOf(secret);
        }

        @Override
        public String toString() {
            return "Endpoint[url=" + url + ", secret=(hidden)]";
        }
    }
}
