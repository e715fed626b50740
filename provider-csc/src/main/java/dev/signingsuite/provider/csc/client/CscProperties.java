package dev.signingsuite.provider.csc.client;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The CSC API v2 service this provider signs with, and the one credential it uses.
 *
 * @param baseUrl the API base, e.g. {@code https://rssp.example/csc/v2}; methods are POSTed to
 *     {@code <baseUrl>/<method>}
 * @param oauth2Url the OAuth 2.0 base (the service's {@code info.oauth2}); the token endpoint is
 *     {@code <oauth2Url>/oauth2/token}. Defaults to {@code baseUrl}
 * @param clientId the OAuth 2.0 client of the {@code client_credentials} grant
 * @param clientSecret its secret; never logged, never in {@link #toString()}
 * @param credentialId the credentialID that signs; {@code signer.identity} of the documents
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout timeout of one HTTP call
 * @param tokenRefreshMargin a token is renewed this long before it expires
 * @param maxBatchSize the most hashes in one signHash (also capped by the credential's multisign)
 * @param retry retries of a failed authorize + signHash on transient errors
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
        @DefaultValue @NotNull Retry retry) {

    public CscProperties {
        baseUrl = withoutTrailingSlash(baseUrl);
        oauth2Url = oauth2Url == null ? baseUrl : withoutTrailingSlash(oauth2Url);
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

    public URI tokenUrl() {
        return URI.create(oauth2Url + "/oauth2/token");
    }

    @Override
    public String toString() {
        return "CscProperties[baseUrl=" + baseUrl + ", oauth2Url=" + oauth2Url + ", clientId=" + clientId
                + ", clientSecret=****, credentialId=" + credentialId + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", tokenRefreshMargin=" + tokenRefreshMargin
                + ", maxBatchSize=" + maxBatchSize + ", retry=" + retry + "]";
    }

    private static URI withoutTrailingSlash(URI uri) {
        if (uri == null) {
            return null;
        }
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
