package dev.signingsuite.augmentation.trust;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The trust services augmentation-service calls and the certificates it trusts.
 *
 * @param tsaUrl the RFC 3161 time-stamping authority for signature and archive timestamps
 * @param trustAnchors a PEM file with one or more root certificates, read once at start-up; DSS
 *     collects revocation data only for chains that end in one of them
 * @param ocspCacheTtl how long one OCSP response per certificate is reused, at most until its
 *     nextUpdate; it bounds how much earlier than a document's timestamp its OCSP response may be
 * @param ocspCacheSize the number of certificates whose responses are kept
 * @param connectTimeout connecting to the TSA or an OCSP responder
 * @param readTimeout waiting for the TSA's or an OCSP responder's answer; with the binder's three
 *     attempts this must stay well inside max.poll.interval.ms
 */
@Validated
@ConfigurationProperties("signing.augmentation")
public record AugmentationProperties(
        @NotNull URI tsaUrl,
        @NotNull Path trustAnchors,
        @DefaultValue("5m") @NotNull Duration ocspCacheTtl,
        @DefaultValue("10000") @Positive int ocspCacheSize,
        @DefaultValue("5s") @NotNull Duration connectTimeout,
        @DefaultValue("10s") @NotNull Duration readTimeout) {}
