package dev.signingsuite.gateway.api;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the gateway asks for the Smart-ID device links it serves, and how it signs the links a person
 * opens without an API key ({@link PersonLinks}).
 *
 * @param providerUrl provider-smartid's HTTP base, e.g. {@code http://127.0.0.1:8085}; without it
 *     {@code GET /v1/documents/{id}/smartid/link} answers 503
 * @param pageKey base64 of at least 32 random bytes (e.g. {@code openssl rand -base64 32}), the same
 *     on every gateway instance; without it documents get no {@code personPageUrl}
 * @param pageLinkLifetime how long a person's link opens the page
 */
@ConfigurationProperties("signing.gateway.smartid")
public record SmartIdLinkProperties(
        URI providerUrl,
        String pageKey,
        @DefaultValue("15m") Duration pageLinkLifetime) {

    static final int MIN_KEY_BYTES = 32;

    public SmartIdLinkProperties {
        if (pageKey != null && !pageKey.isBlank()) {
            // Checked at start-up: a short or mistyped key would make every link forgeable or useless.
            pageKeyBytes(pageKey);
        }
        if (pageLinkLifetime == null || pageLinkLifetime.isNegative() || pageLinkLifetime.isZero()) {
            throw new IllegalArgumentException("signing.gateway.smartid.page-link-lifetime must be positive");
        }
    }

    /** The decoded key, or null when none is configured. */
    byte[] pageKeyBytes() {
        return pageKey == null || pageKey.isBlank() ? null : pageKeyBytes(pageKey);
    }

    private static byte[] pageKeyBytes(String pageKey) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(pageKey.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signing.gateway.smartid.page-key is not base64");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("signing.gateway.smartid.page-key must decode to at least "
                    + MIN_KEY_BYTES + " bytes, was " + key.length);
        }
        return key;
    }
}
