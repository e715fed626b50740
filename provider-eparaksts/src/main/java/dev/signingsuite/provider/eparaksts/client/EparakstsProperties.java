package dev.signingsuite.provider.eparaksts.client;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The eParaksts integration platform this provider seals with, and how it batches.
 *
 * @param baseUrl the platform host, e.g. {@code https://eidas.eparaksts.lv}; paths start with
 *     {@code /trustedx-authserver} and {@code /trustedx-resources}
 * @param clientId the LVRTC-issued client id
 * @param clientSecret its secret; never logged, never in {@link #toString()}
 * @param redirectUri the registered callback: this service's {@code /eparaksts/callback}
 * @param defaultSeal the seal a document naming only {@code qsealc} gets when the person holds
 *     several: a {@code CN:<organisation> : eZīmogs} label or an identity id
 * @param autoLogin sandbox only: complete the authorization code flow without a browser at
 *     start-up and whenever the authorisation ends (the simulator approves on its own)
 * @param tokenRefreshMargin the authorisation counts as ended this long before it expires
 * @param tokenKey base64 AES-256 key that encrypts the token at rest; random per process if absent
 * @param tokenStore file that keeps the encrypted token across restarts; none if absent
 * @param issuerCertificates PEM file with the seals' issuing CAs, put into every signature's chain
 * @param batch how documents are grouped into one {@code raw/batch} call
 * @param waitForAuthorisation how long a poll waits before it is redelivered while the
 *     authorisation is missing
 */
@Validated
@ConfigurationProperties("signing.eparaksts")
public record EparakstsProperties(
        @NotNull URI baseUrl,
        @NotBlank String clientId,
        @NotBlank String clientSecret,
        @NotNull URI redirectUri,
        String defaultSeal,
        @DefaultValue("false") boolean autoLogin,
        @DefaultValue("60s") @NotNull Duration tokenRefreshMargin,
        String tokenKey,
        Path tokenStore,
        Path issuerCertificates,
        @DefaultValue("5s") @NotNull Duration connectTimeout,
        @DefaultValue("30s") @NotNull Duration requestTimeout,
        @DefaultValue @NotNull Batch batch,
        @DefaultValue("5s") @NotNull Duration waitForAuthorisation,
        @DefaultValue @NotNull Retry retry) {

    public static final String AUTHORIZATION_SERVER = "lvrtc-eipsign-as";

    public EparakstsProperties {
        String text = baseUrl == null ? null : baseUrl.toString();
        if (text != null && text.endsWith("/")) {
            baseUrl = URI.create(text.substring(0, text.length() - 1));
        }
    }

    /**
     * @param maxSize the most documents in one batch call (the binding's {@code max.poll.records})
     * @param windowMillis how long the broker gathers records before a poll returns fewer than
     *     {@code maxSize} (the binding's {@code fetch.max.wait.ms})
     */
    public record Batch(
            @DefaultValue("100") @Min(1) @Max(1000) int maxSize,
            @DefaultValue("500") @Min(0) @Max(60000) int windowMillis) {}

    public record Retry(
            @DefaultValue("3") @Min(1) @Max(10) int maxAttempts,
            @DefaultValue("500ms") @NotNull Duration initialBackoff) {}

    public URI authorizeUrl() {
        return URI.create(baseUrl + "/trustedx-authserver/oauth/" + AUTHORIZATION_SERVER);
    }

    public URI tokenUrl() {
        return URI.create(authorizeUrl() + "/token");
    }

    public URI resource(String path) {
        return URI.create(baseUrl + "/trustedx-resources" + path);
    }

    @Override
    public String toString() {
        return "EparakstsProperties[baseUrl=" + baseUrl + ", clientId=" + clientId + ", clientSecret=****, redirectUri="
                + redirectUri + ", defaultSeal=" + defaultSeal + ", autoLogin=" + autoLogin + ", tokenKey="
                + (tokenKey == null ? "none" : "****") + ", tokenStore=" + tokenStore + ", batch=" + batch + "]";
    }
}
