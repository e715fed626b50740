package dev.signingsuite.sandbox.pki;

import java.net.URI;
import java.util.Objects;

/**
 * How a test PKI is generated.
 *
 * @param aiaBaseUrl base of the URLs written into the certificates' authorityInfoAccess (OCSP at
 *     {@code /ocsp}, CA certificates at {@code /certs/<name>.cer}); certificates keep the value they
 *     were generated with, services may override the OCSP URL in their own configuration
 */
public record PkiSettings(URI aiaBaseUrl) {

    public static final URI DEFAULT_AIA_BASE_URL = URI.create("http://127.0.0.1:8190");

    public PkiSettings {
        Objects.requireNonNull(aiaBaseUrl, "aiaBaseUrl");
        if (!aiaBaseUrl.isAbsolute()) {
            throw new IllegalArgumentException("aiaBaseUrl must be absolute: " + aiaBaseUrl);
        }
    }

    public static PkiSettings defaults() {
        return new PkiSettings(DEFAULT_AIA_BASE_URL);
    }

    String ocspUrl() {
        return stripSlash() + "/ocsp";
    }

    String caIssuersUrl(String issuerName) {
        return stripSlash() + "/certs/" + issuerName + ".cer";
    }

    /** Where the sandbox serves the CRL of the CA named {@code issuerName}. */
    String crlUrl(String issuerName) {
        return stripSlash() + "/crl/" + issuerName + ".crl";
    }

    private String stripSlash() {
        String base = aiaBaseUrl.toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
