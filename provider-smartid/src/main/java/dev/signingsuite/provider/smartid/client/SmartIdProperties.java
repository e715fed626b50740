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
 * @param requestTimeout timeout of one session-creating call; with the retries, all attempts must fit
 *     in the service's idempotency window, checked at start-up
 * @param retry retries of session-creating calls on transient errors
 * @param certificateReuse how long a signer's certificate, once looked up by document number and
 *     checked, serves further documents of that number instead of a lookup per document; zero looks
 *     it up for every document
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
        @DefaultValue("4s") @NotNull Duration requestTimeout,
        @DefaultValue @NotNull Retry retry,
        @DefaultValue("1m") @NotNull Duration certificateReuse) {

    /**
     * The service answers a repeated signature or certificate-choice request with the session the
     * first one started only within this time (reference §11); a later one starts a second session,
     * which asks the person a second time.
     */
    public static final Duration IDEMPOTENCY_WINDOW = Duration.ofSeconds(15);

    public SmartIdProperties {
        if (certificateReuse != null && certificateReuse.isNegative()) {
            throw new IllegalArgumentException(
                    "signing.smartid.certificate-reuse must not be negative but was " + certificateReuse);
        }
        if (baseUrl != null && !baseUrl.toString().endsWith("/")) {
            baseUrl = URI.create(baseUrl + "/");
        }
        if (requestTimeout != null
                && retry != null
                && retry.longest(requestTimeout).compareTo(IDEMPOTENCY_WINDOW) > 0) {
            throw new IllegalArgumentException("signing.smartid: " + retry.maxAttempts() + " attempts of "
                    + requestTimeout + " (request-timeout) with their backoff can last " + retry.longest(requestTimeout)
                    + ", longer than Smart-ID's " + IDEMPOTENCY_WINDOW + " idempotency window: a retry after it"
                    + " would ask the person a second time. Lower signing.smartid.request-timeout or the retries.");
        }
    }

    /**
     * @param maxAttempts attempts including the first
     * @param initialBackoff the wait before the second attempt; doubled each time, with jitter
     */
    public record Retry(
            @DefaultValue("3") @Min(1) @Max(10) int maxAttempts,
            @DefaultValue("500ms") @NotNull Duration initialBackoff) {

        /** All attempts timing out, each backoff at its longest (doubled, plus half for jitter). */
        Duration longest(Duration requestTimeout) {
            Duration longest = requestTimeout.multipliedBy(maxAttempts);
            Duration backoff = initialBackoff == null ? Duration.ZERO : initialBackoff;
            for (int attempt = 1; attempt < maxAttempts; attempt++) {
                longest = longest.plus(backoff.multipliedBy(3).dividedBy(2));
                backoff = backoff.multipliedBy(2);
            }
            return longest;
        }
    }
}
