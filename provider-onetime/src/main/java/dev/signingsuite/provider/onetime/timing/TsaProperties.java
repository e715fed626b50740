package dev.signingsuite.provider.onetime.timing;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The TSAs that augmentation-service asks for signature timestamps, probed before one-time signing.
 *
 * @param urls the same TSAs, in augmentation-service's order ({@code tsa-url}, then {@code tsa-urls})
 * @param fresh how long a granted answer counts: within it no further probe is made
 * @param timeout of one probe request
 */
@Validated
@ConfigurationProperties("signing.onetime.tsa")
public record TsaProperties(
        @NotEmpty List<URI> urls,
        @DefaultValue("5s") @NotNull Duration fresh,
        @DefaultValue("5s") @NotNull Duration timeout) {}
