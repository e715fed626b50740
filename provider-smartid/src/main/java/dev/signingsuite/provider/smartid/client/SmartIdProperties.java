package dev.signingsuite.provider.smartid.client;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Smart-ID RP API v3 service this provider signs with. Production uses the real service by
 * configuration alone.
 *
 * @param baseUrl the v3 base, e.g. {@code https://rp-api.smart-id.com/v3/}
 * @param relyingPartyUuid from the SK contract
 * @param relyingPartyName from the SK contract; sent byte for byte as configured
 * @param certificateLevel QUALIFIED (default), QSCD or ADVANCED
 * @param trustAnchors PEM file of the CAs that may issue signers' certificates (the system trust
 *     store is never used for them)
 * @param displayText the {@code displayTextAndPIN} text shown on the phone (at most 60 characters)
 * @param pollTimeout the {@code timeoutMs} of one status long poll
 * @param sessionTimeout how long the provider waits for a person before it gives up
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout timeout of one session-creating call
 * @param retry retries of session-creating calls on transient errors
 */
@Validated
@ConfigurationProperties("signing.smartid")
public record SmartIdProperties(
        @NotNull URI baseUrl,
        @NotNull UUID relyingPartyUuid,
        @NotBlank String relyingPartyName,

        @DefaultValue("QUALIFIED") @Pattern(regexp = "ADVANCED|QUALIFIED|QSCD")
        String certificateLevel,

        @NotNull Path trustAnchors,

        @DefaultValue("Sign documents") @NotBlank @jakarta.validation.constraints.Size(max = 60)
        String displayText,

        @DefaultValue("30s") @NotNull Duration pollTimeout,
        @DefaultValue("5m") @NotNull Duration sessionTimeout,
        @DefaultValue("5s") @NotNull Duration connectTimeout,
        @DefaultValue("30s") @NotNull Duration requestTimeout,
        @DefaultValue @NotNull Retry retry) {

    public SmartIdProperties {
        if (baseUrl != null && !baseUrl.toString().endsWith("/")) {
            baseUrl = URI.create(baseUrl + "/");
        }
    }

    /**
     * @param maxAttempts attempts including the first
     * @param initialBackoff the wait before the second attempt; doubled each time, with jitter
     */
    public record Retry(
            @DefaultValue("3") @Min(1) @Max(10) int maxAttempts,
            @DefaultValue("500ms") @NotNull Duration initialBackoff) {}
}
