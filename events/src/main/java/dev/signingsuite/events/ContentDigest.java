package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The digest of content the suite never sees: an e-service keeps its document and sends only this
 * (digest signing). The signature covers it as DSS's {@code DigestDocument} would.
 *
 * @param algorithm DSS {@code DigestAlgorithm} name, e.g. {@code SHA256}
 * @param value the digest (base64 in JSON)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContentDigest(String algorithm, byte[] value) {

    public ContentDigest {
        Checks.notBlank(algorithm, "algorithm");
        Checks.notEmpty(value, "value");
    }
}
