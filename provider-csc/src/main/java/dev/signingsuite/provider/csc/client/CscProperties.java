package dev.signingsuite.provider.csc.client;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The CSC API v2 service this provider signs with, and the one credential it uses.
 *
 * @param baseUrl the API base, e.g. {@code https://rssp.example/csc/v2}; methods are POSTed to
 *     {@code <baseUrl>/<method>}
 * @param oauth2Url the OAuth 2.0 base; the token endpoint is {@code <oauth2Url>/oauth2/token}. When
 *     not set, the service's {@code info.oauth2} is used, and {@code baseUrl} if info names none
 * @param clientId the OAuth 2.0 client of the {@code client_credentials} grant
 * @param clientSecret its secret; never logged, never in {@link #toString()}
 * @param credentialId the default credentialID: documents whose {@code signer.identity} is this id
 *     sign with it, as an implicitly authorised credential, unless {@link #signers()} names it
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout timeout of one HTTP call
 * @param tokenRefreshMargin a token is renewed this long before it expires
 * @param maxBatchSize the most hashes in one signHash (also capped by the credential's multisign)
 * @param retry retries of a failed authorize + signHash on transient errors
 * @param signers the signer identities ({@code signer.identity} of the documents) this provider
 *     serves, each with its credential and the factors an explicit credential needs
 * @param operatorRedirectUri when set, the service authorisation is a person's (OAuth 2.0
 *     authorisation code, {@code scope=service}) given through the gateway's {@code /operator/csc}
 *     page, and this is the redirect URI registered with the service: the gateway's {@code
 *     /csc/callback}. When not set, {@code info.authType} decides (client credentials or {@code
 *     auth/login})
 * @param approvalRedirectUri when set, documents of an {@code oauth2code} credential wait for a
 *     person's approval ({@code scope=credential}, given through the gateway's {@code
 *     /operator/csc} page) instead of failing; the redirect URI registered with the service: the
 *     gateway's {@code /csc/callback}
 * @param approvalRecheck how long a poll with waiting documents is handed back before it is
 *     delivered again
 */
@Validated
@ConfigurationProperties("signing.csc")
public record CscProperties(
        @NotNull URI baseUrl,
        URI oauth2Url,
        @NotBlank String clientId,
        @NotBlank String clientSecret,
        @NotBlank String credentialId,
        @DefaultValue("5s") @NotNull Duration connectTimeout,
        @DefaultValue("30s") @NotNull Duration requestTimeout,
        @DefaultValue("60s") @NotNull Duration tokenRefreshMargin,
        @DefaultValue("50") @Min(1) @Max(1000) int maxBatchSize,
        @DefaultValue @NotNull Retry retry,
        Map<String, @Valid Signer> signers,
        URI operatorRedirectUri,
        URI approvalRedirectUri,
        @DefaultValue("5s") @NotNull Duration approvalRecheck) {

    public CscProperties {
        baseUrl = withoutTrailingSlash(baseUrl);
        oauth2Url = withoutTrailingSlash(oauth2Url);
        signers = signers == null ? Map.of() : Map.copyOf(signers);
    }

    /**
     * One signer identity.
     *
     * @param credentialId the CSC credentialID it signs with
     * @param pin the value of the {@code PIN} factor of an explicit credential; a secret
     * @param otp the value of the {@code OTP} factor, for services whose OTP is static (a test
     *     service, a hardware token's fixed code); a secret. A person's one-time code cannot be
     *     configured: such a credential fails with AUTHORISATION_REQUIRED
     * @param preferPss sign with RSASSA-PSS where the key offers it, else PKCS#1 v1.5
     */
    public record Signer(@NotBlank String credentialId, String pin, String otp, boolean preferPss) {

        /** The value configured for the factor {@code id} ({@code PIN}, {@code OTP}), if any. */
        public Optional<String> factor(String id) {
            return switch (id.toUpperCase(Locale.ROOT)) {
                case "PIN" -> Optional.ofNullable(pin);
                case "OTP" -> Optional.ofNullable(otp);
                default -> Optional.empty();
            };
        }

        @Override
        public String toString() {
            return "Signer[credentialId=" + credentialId + ", pin=" + (pin == null ? "none" : "****") + ", otp="
                    + (otp == null ? "none" : "****") + ", preferPss=" + preferPss + "]";
        }
    }

    /** The signer for a document's {@code signer.identity}: a named one, or the default credential. */
    public Optional<Signer> signer(String identity) {
        Signer named = signers.get(identity);
        if (named != null) {
            return Optional.of(named);
        }
        return identity.equals(credentialId)
                ? Optional.of(new Signer(credentialId, null, null, false))
                : Optional.empty();
    }

    /**
     * @param maxAttempts attempts including the first
     * @param initialBackoff the wait before the second attempt; doubled each time, with jitter
     */
    public record Retry(
            @DefaultValue("3") @Min(1) @Max(10) int maxAttempts,
            @DefaultValue("500ms") @NotNull Duration initialBackoff) {}

    public URI methodUrl(String method) {
        return URI.create(baseUrl + "/" + method);
    }

    /** The configured OAuth 2.0 base, else the one the service's {@code info} names, else {@code baseUrl}. */
    public URI oauth2Base(String fromInfo) {
        if (oauth2Url != null) {
            return oauth2Url;
        }
        return fromInfo == null || fromInfo.isBlank() ? baseUrl : withoutTrailingSlash(URI.create(fromInfo));
    }

    public URI tokenUrl() {
        return URI.create(oauth2Base(null) + "/oauth2/token");
    }

    @Override
    public String toString() {
        return "CscProperties[baseUrl=" + baseUrl + ", oauth2Url=" + oauth2Url + ", clientId=" + clientId
                + ", clientSecret=****, credentialId=" + credentialId + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", tokenRefreshMargin=" + tokenRefreshMargin
                + ", maxBatchSize=" + maxBatchSize + ", retry=" + retry + ", signers=" + signers
                + ", operatorRedirectUri=" + operatorRedirectUri + ", approvalRedirectUri=" + approvalRedirectUri
                + ", approvalRecheck=" + approvalRecheck + "]";
    }

    private static URI withoutTrailingSlash(URI uri) {
        if (uri == null) {
            return null;
        }
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
