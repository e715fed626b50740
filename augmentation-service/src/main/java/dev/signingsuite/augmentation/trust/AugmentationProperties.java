package dev.signingsuite.augmentation.trust;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The trust services augmentation-service calls and the certificates it trusts.
 *
 * @param tsaUrl the RFC 3161 time-stamping authority for signature and archive timestamps; may be
 *     left out when {@code tsaUrls} names them
 * @param tsaUrls further TSAs, tried in order after {@code tsaUrl} (failover) before a document is
 *     parked
 * @param ocspUrls OCSP responders tried in order after the one a certificate names (its AIA) fails;
 *     each must answer for the suite's issuing CAs (a responder's mirror, or the CA's second site)
 * @param trustAnchors a PEM file with one or more root certificates, read once at start-up; DSS
 *     collects revocation data only for chains that end in one of them
 * @param ocspCacheTtl how long one OCSP response per certificate is reused, at most until its
 *     nextUpdate; it bounds how much earlier than a document's timestamp its OCSP response may be
 * @param ocspCacheSize the number of certificates whose responses are kept
 * @param connectTimeout connecting to a TSA or an OCSP responder
 * @param readTimeout waiting for a TSA's or an OCSP responder's answer; one delivery may try every
 *     endpoint, which must stay well inside max.poll.interval.ms
 * @param attempts how many times every endpoint is tried for one timestamp or OCSP response before
 *     the document is handed back to be redelivered (and parked if the services stay away)
 * @param attemptPause the pause before trying the endpoints again
 */
@Validated
@ConfigurationProperties("signing.augmentation")
public record AugmentationProperties(
        URI tsaUrl,
        @DefaultValue List<URI> tsaUrls,
        @DefaultValue List<URI> ocspUrls,
        @NotNull Path trustAnchors,
        @DefaultValue("5m") @NotNull Duration ocspCacheTtl,
        @DefaultValue("10000") @Positive int ocspCacheSize,
        @DefaultValue("5s") @NotNull Duration connectTimeout,
        @DefaultValue("10s") @NotNull Duration readTimeout,
        @DefaultValue("3") @Positive int attempts,
        @DefaultValue("200ms") @NotNull Duration attemptPause) {

    public AugmentationProperties {
        tsaUrls = tsaUrls == null ? List.of() : List.copyOf(tsaUrls);
        ocspUrls = ocspUrls == null ? List.of() : List.copyOf(ocspUrls);
    }

    /** Every TSA, in the order they are tried. */
    public List<URI> tsaEndpoints() {
        List<URI> endpoints = new ArrayList<>();
        if (tsaUrl != null) {
            endpoints.add(tsaUrl);
        }
        tsaUrls.stream().filter(url -> !endpoints.contains(url)).forEach(endpoints::add);
        return List.copyOf(endpoints);
    }

    @AssertTrue(message = "name a TSA: signing.augmentation.tsa-url or signing.augmentation.tsa-urls")
    public boolean isTsaNamed() {
        return !tsaEndpoints().isEmpty();
    }
}
