package dev.signingsuite.provider.eparaksts.client;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
 * @param autoLogin sandbox only: complete the authorization code flows without a browser, the
 *     login at start-up and each approval group's once it closes (the simulator approves on its own)
 * @param tokenRefreshMargin the authorisation counts as ended this long before it expires
 * @param tokenKey base64 AES-256 key that encrypts the token at rest; random per process if absent
 * @param tokenStore file that keeps the encrypted token across restarts; none if absent
 * @param issuerCertificates PEM file with the seals' issuing CAs, put into every signature's chain
 * @param batch how documents are grouped into one {@code raw/batch} call
 * @param waitForAuthorisation how long a poll waits before it is redelivered while the
 *     authorisation or a group's approval is missing
 * @param approval how documents of one seal gather into approval groups
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
        @DefaultValue @NotNull Retry retry,
        @DefaultValue @NotNull @Valid Approval approval) {

    public static final String AUTHORIZATION_SERVER = "lvrtc-eipsign-as";

    public EparakstsProperties {
        String text = baseUrl == null ? null : baseUrl.toString();
        if (text != null && text.endsWith("/")) {
            baseUrl = URI.create(text.substring(0, text.length() - 1));
        }
    }

    /**
     * @param maxSize the most documents in one batch call (the binding's {@code max.poll.records})
     * @param windowMillis how long the broker holds a fetch that has fewer than {@code minBytes}
     *     (the binding's {@code fetch.max.wait.ms})
     * @param minBytes what a fetch waits for (the binding's {@code fetch.min.bytes}): 1 answers an
     *     idle consumer with the first record; a large value makes every poll wait {@code
     *     windowMillis} to gather
     * @param consumers consumer threads, each with its own partitions and its own call in flight
     *     (the binding's {@code concurrency})
     */
    public record Batch(
            @DefaultValue("100") @Min(1) @Max(1000) int maxSize,
            @DefaultValue("500") @Min(0) @Max(60000) int windowMillis,
            @DefaultValue("1") @Min(1) int minBytes,
            @DefaultValue("6") @Min(1) @Max(64) int consumers) {}

    /**
     * Approval groups: the platform binds each signing token to one seal identity and one {@code
     * digests_summary} (spec sections 2, 9.1, 11.3-11.4), so documents gather per seal into a group
     * the person approves once and one {@code raw/batch} call signs.
     *
     * @param maxSize the most documents in a group: the platform publishes no limit
     * @param window how long a group gathers documents after its first one before it asks for approval
     * @param summaryAlgorithm the {@code digests_summary_algorithm}: {@code sha256} (UNKNOVS' default),
     *     {@code sha384} (seen at another TrustedX deployment) or {@code sha512}. The summary is
     *     base64 of that hash over the group's digests concatenated in signing order: for one digest
     *     the documented formula, for several the spec's inferred one ({@link DigestsSummary})
     */
    public record Approval(
            @DefaultValue("1000") @Min(1) @Max(100000) int maxSize,
            @DefaultValue("2s") @NotNull Duration window,

            @DefaultValue("sha256") @NotNull @Pattern(regexp = "sha256|sha384|sha512")
            String summaryAlgorithm) {}

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
                + (tokenKey == null ? "none" : "****") + ", tokenStore=" + tokenStore + ", batch=" + batch
                + ", approval=" + approval + "]";
    }
}
