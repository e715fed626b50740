package dev.signingsuite.gateway.config;

import dev.signingsuite.blobstore.config.BlobStoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where back offices may put documents for the Kafka intake to fetch ({@code
 * DocumentSubmitted.contentObject}): the S3 connection, and per tenant the locations it may name.
 * A tenant without locations can only send documents inline; a location of another tenant is
 * refused like one that exists nowhere.
 *
 * @param s3 the connection (endpoint, region, path style, credentials); its bucket, prefix and
 *     multipart threshold are the blob store's business and ignored here
 * @param tenants for each tenant the locations {@code s3://<bucket>/} or {@code
 *     s3://<bucket>/<prefix>/} whose objects it may submit; the trailing '/' keeps prefix {@code a/}
 *     from admitting {@code ab/}
 */
@Validated
@ConfigurationProperties("signing.gateway.intake-objects")
public record IntakeObjectsProperties(
        @DefaultValue @Valid BlobStoreProperties.S3 s3,

        @DefaultValue
        Map<
                        String,
                        List<
                                @NotNull
                                @Pattern(
                                        regexp = "s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/([^/]+/)*",
                                        message = "must be s3://<bucket>/ or s3://<bucket>/<prefix>/")
                                String>>
                tenants) {

    public IntakeObjectsProperties {
        tenants = Map.copyOf(tenants);
    }

    /** Whether {@code tenantId} may submit the object at {@code uri} ({@code s3://bucket/key}). */
    public boolean mayRead(String tenantId, String uri) {
        return tenants.getOrDefault(tenantId, List.of()).stream().anyMatch(uri::startsWith);
    }

    public boolean anyLocation() {
        return tenants.values().stream().anyMatch(locations -> !locations.isEmpty());
    }
}
