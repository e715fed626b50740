package dev.signingsuite.gateway.retention;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the gateway keeps each tenant's finished documents (ADR 31). Bound beside {@link
 * dev.signingsuite.gateway.config.GatewayProperties} under the same tenants, as a record of its own,
 * so that it can move with the tenants (to PostgreSQL) without touching the job.
 *
 * @param tenants per tenant id: {@code signing.gateway.tenants.<tenant>.retention}; a tenant without
 *     one keeps everything
 * @param retention the job: {@code signing.gateway.retention.interval} and {@code .batch-size}
 */
@Validated
@ConfigurationProperties("signing.gateway")
public record RetentionProperties(
        @DefaultValue Map<String, @Valid TenantRetention> tenants,
        @DefaultValue @Valid Job retention) {

    public RetentionProperties {
        // Every configured tenant appears here; one bound without a retention may come as null.
        tenants = tenants.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * @param retention how long after its outcome a document's blobs and status rows are kept; null:
     *     for ever
     */
    public record TenantRetention(Duration retention) {

        public TenantRetention {
            if (retention != null && (retention.isNegative() || retention.isZero())) {
                throw new IllegalArgumentException("a tenant's retention must be positive, not " + retention);
            }
        }
    }

    /**
     * @param interval how often each instance looks for expired documents
     * @param batchSize the most documents one transaction deletes
     */
    public record Job(
            @DefaultValue("1h") @NotNull Duration interval,
            @DefaultValue("200") @Positive int batchSize) {}

    /** The tenant's retention, if it has one. */
    public Optional<Duration> of(String tenantId) {
        return Optional.ofNullable(tenants.get(tenantId)).map(TenantRetention::retention);
    }
}
