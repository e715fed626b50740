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
import org.springframework.boot.context.properties.bind.ConstructorBinding;
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
 * @param profile the kind of service ({@code generic}, {@code lvrtc}, {@code sign8}, {@code
 *     eudi-reference}): sets the behaviours in which real services differ
 * @param overrides single behaviours that differ from the profile's; unset ones follow it
 * @param serviceAccount the user of {@code auth/login} (HTTP Basic), when the service authenticates
 *     its API users so: an account of the service, not the OAuth 2.0 client
 * @param polling how answers that come later (asynchronous signHash, authorize answered 202) are
 *     asked for
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
        @DefaultValue("5s") @NotNull Duration approvalRecheck,
        @DefaultValue("generic") @NotNull ServiceProfile profile,
        @DefaultValue @NotNull Overrides overrides,
        @Valid ServiceAccount serviceAccount,
        @DefaultValue @NotNull Polling polling) {

    @ConstructorBinding
    public CscProperties {
        baseUrl = withoutTrailingSlash(baseUrl);
        oauth2Url = withoutTrailingSlash(oauth2Url);
        signers = signers == null ? Map.of() : Map.copyOf(signers);
    }

    /** The properties of a {@code generic} service without a service account (tests, older callers). */
    public CscProperties(
            URI baseUrl,
            URI oauth2Url,
            String clientId,
            String clientSecret,
            String credentialId,
            Duration connectTimeout,
            Duration requestTimeout,
            Duration tokenRefreshMargin,
            int maxBatchSize,
            Retry retry,
            Map<String, Signer> signers,
            URI operatorRedirectUri,
            URI approvalRedirectUri,
            Duration approvalRecheck) {
        this(
                baseUrl,
                oauth2Url,
                clientId,
                clientSecret,
                credentialId,
                connectTimeout,
                requestTimeout,
                tokenRefreshMargin,
                maxBatchSize,
                retry,
                signers,
                operatorRedirectUri,
                approvalRedirectUri,
                approvalRecheck,
                ServiceProfile.GENERIC,
                Overrides.NONE,
                null,
                Polling.DEFAULTS);
    }

    /** The same properties for another kind of service. */
    public CscProperties withProfile(ServiceProfile kind, Overrides changed) {
        return with(kind, changed, serviceAccount, polling);
    }

    /** The same properties with other polling intervals (tests). */
    public CscProperties withPolling(Polling other) {
        return with(profile, overrides, serviceAccount, other);
    }

    /** The same properties with an {@code auth/login} account. */
    public CscProperties withServiceAccount(ServiceAccount account) {
        return with(profile, overrides, account, polling);
    }

    private CscProperties with(ServiceProfile kind, Overrides changed, ServiceAccount account, Polling other) {
        return new CscProperties(
                baseUrl,
                oauth2Url,
                clientId,
                clientSecret,
                credentialId,
                connectTimeout,
                requestTimeout,
                tokenRefreshMargin,
                maxBatchSize,
                retry,
                signers,
                operatorRedirectUri,
                approvalRedirectUri,
                approvalRecheck,
                kind,
                changed,
                account,
                other);
    }

    /**
     * Whether a credential token or SAD is spent by its first {@code signHash}, answered or not: it
     * is then never sent twice, and a lost answer is never asked for again.
     */
    public boolean singleUseTokens() {
        return behaviours().singleUseTokens();
    }

    /** Whether signHash is asynchronous: a crash while its result is polled for leaves it unknown. */
    public boolean asynchronousSignHash() {
        return behaviours().asynchronousSignHash();
    }

    /** The profile's behaviours with the overrides applied. */
    ServiceProfile.Behaviours behaviours() {
        ServiceProfile.Behaviours base = profile.behaviours();
        return new ServiceProfile.Behaviours(
                overrides.hashesAlphabet() != null ? overrides.hashesAlphabet() : base.hashesAlphabet(),
                overrides.alwaysHashAlgorithmOid() != null
                        ? overrides.alwaysHashAlgorithmOid()
                        : base.alwaysHashAlgorithmOid(),
                overrides.sendOperationMode() != null ? overrides.sendOperationMode() : base.sendOperationMode(),
                overrides.tokenClientAuth() != null ? overrides.tokenClientAuth() : base.tokenClientAuth(),
                overrides.singleUseTokens() != null ? overrides.singleUseTokens() : base.singleUseTokens(),
                overrides.pushedAuthorization() != null ? overrides.pushedAuthorization() : base.pushedAuthorization(),
                overrides.asynchronousSignHash() != null
                        ? overrides.asynchronousSignHash()
                        : base.asynchronousSignHash(),
                overrides.pendingAs400() != null ? overrides.pendingAs400() : base.pendingAs400(),
                overrides.authorizationDetails() != null
                        ? overrides.authorizationDetails()
                        : base.authorizationDetails());
    }

    /** Behaviours that differ from the profile's; null follows the profile. */
    public record Overrides(
            ServiceProfile.HashAlphabet hashesAlphabet,
            Boolean alwaysHashAlgorithmOid,
            Boolean sendOperationMode,
            ServiceProfile.ClientAuth tokenClientAuth,
            Boolean singleUseTokens,
            Boolean pushedAuthorization,
            Boolean asynchronousSignHash,
            Boolean pendingAs400,
            Boolean authorizationDetails) {

        public static final Overrides NONE = new Overrides(null, null, null, null, null, null, null, null, null);

        @ConstructorBinding
        public Overrides {}

        public Overrides(
                ServiceProfile.HashAlphabet hashesAlphabet,
                Boolean alwaysHashAlgorithmOid,
                Boolean sendOperationMode,
                ServiceProfile.ClientAuth tokenClientAuth,
                Boolean singleUseTokens,
                Boolean pushedAuthorization) {
            this(
                    hashesAlphabet,
                    alwaysHashAlgorithmOid,
                    sendOperationMode,
                    tokenClientAuth,
                    singleUseTokens,
                    pushedAuthorization,
                    null,
                    null,
                    null);
        }
    }

    /**
     * How a call that the service answers later is followed: an asynchronous {@code signHash}
     * ({@code signatures/signPolling}) or a {@code credentials/authorize} answered 202 ({@code
     * credentials/authorizeCheck}). The wait holds the consumer, so keep it well inside {@code
     * max.poll.interval.ms}.
     *
     * @param interval between two questions
     * @param maxWait after this long without the answer the call is given up; a signHash already
     *     accepted is then never sent again (its documents fail), so nothing is signed twice
     */
    public record Polling(
            @DefaultValue("1s") @NotNull Duration interval,
            @DefaultValue("60s") @NotNull Duration maxWait) {

        public static final Polling DEFAULTS = new Polling(Duration.ofSeconds(1), Duration.ofSeconds(60));

        @ConstructorBinding
        public Polling {}
    }

    /** An {@code auth/login} account; the password is a secret, never in {@link #toString()}. */
    public record ServiceAccount(
            @NotBlank String username, @NotBlank String password) {

        @Override
        public String toString() {
            return "ServiceAccount[username=" + username + ", password=****]";
        }
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

    /**
     * The signer identities of registered signing devices (issue 22, §9.2.1): {@code device-<id>},
     * which is also the device's credentialID at the remote SCD service. Not configured one by one:
     * devices are registered at run time, and the gateway decides which tenant may use which.
     */
    public static final String DEVICE_SIGNERS = "device-";

    /** Whether {@code identity} names a registered signing device ({@link #DEVICE_SIGNERS}). */
    public static boolean device(String identity) {
        return identity.startsWith(DEVICE_SIGNERS) && identity.length() > DEVICE_SIGNERS.length();
    }

    /**
     * The signer for a document's {@code signer.identity}: a named one, a registered device (its
     * credential, approved by its person with the PIN), or the default credential.
     */
    public Optional<Signer> signer(String identity) {
        Signer named = signers.get(identity);
        if (named != null) {
            return Optional.of(named);
        }
        if (device(identity)) {
            return Optional.of(new Signer(identity, null, null, false));
        }
        return identity.equals(credentialId)
                ? Optional.of(new Signer(credentialId, null, null, false))
                : Optional.empty();
    }

    /**
     * @param maxAttempts attempts including the first
     * @param initialBackoff the wait before the second attempt; doubled each time, with jitter
     * @param maxRetryAfter the longest {@code Retry-After} of a 429 or 503 waited for in line; a
     *     longer one ends the retries, so the documents are parked instead of holding the consumer
     */
    public record Retry(
            @DefaultValue("3") @Min(1) @Max(10) int maxAttempts,
            @DefaultValue("500ms") @NotNull Duration initialBackoff,
            @DefaultValue("10s") @NotNull Duration maxRetryAfter) {

        @ConstructorBinding
        public Retry {}

        public Retry(int maxAttempts, Duration initialBackoff) {
            this(maxAttempts, initialBackoff, Duration.ofSeconds(10));
        }
    }

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
                + ", approvalRecheck=" + approvalRecheck + ", profile=" + profile + ", overrides=" + overrides
                + ", serviceAccount=" + serviceAccount + ", polling=" + polling + "]";
    }

    private static URI withoutTrailingSlash(URI uri) {
        if (uri == null) {
            return null;
        }
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
