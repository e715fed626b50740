package dev.signingsuite.sandbox.csc;

import dev.signingsuite.sandbox.csc.CscCredentialSettings.AuthMode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How the CSC simulator behaves: the OAuth client and test user it knows, how long tokens, codes,
 * SADs and OTPs live, and its credential catalogue. All values are public test values.
 *
 * @param clientId the OAuth 2.0 client (client credentials, authorization code, refresh, revoke)
 * @param clientSecret that client's secret (a public test value, never a real one)
 * @param tokenLifetime {@code expires_in} of service access tokens
 * @param sadLifetime {@code expiresIn} of a SAD, and {@code expires_in} of credential-scope tokens
 * @param credentialId the credentialID of the RSA seal (SCAL 1, implicit), the first credential
 * @param multisign the most signatures one authorisation of the RSA seal may cover
 * @param redirectUris the client's registered redirect URIs: exact match, except that a loopback
 *     URI ({@code 127.0.0.1} or {@code localhost}) matches any port (RFC 8252 section 7.3)
 * @param codeLifetime how long an authorization code may be redeemed (once)
 * @param refreshTokenLifetime how long a refresh token (service scope only) lives
 * @param otpLifetime how long an OTP from {@code credentials/sendOTP} stays valid
 * @param username the {@code auth/login} (HTTP Basic) user
 * @param password that user's password
 * @param requirePkce whether {@code oauth2/authorize} requires {@code code_challenge} (the
 *     specification says REQUIRED); a given challenge is always verified at the token endpoint
 * @param credentials the other credentials, after the RSA seal
 * @param profile the real service the simulator poses as, strict in that service's way
 * @param pendingPolls how many {@code signatures/signPolling} questions about an asynchronous
 *     signHash are answered "still going on" before its signatures
 * @param pendingAuthorizeChecks 0: {@code credentials/authorize} answers the SAD at once; n > 0:
 *     it answers 202 with a handle, and the SAD comes at the n-th {@code credentials/authorizeCheck}
 */
public record CscSettings(
        String clientId,
        String clientSecret,
        Duration tokenLifetime,
        Duration sadLifetime,
        String credentialId,
        int multisign,
        List<URI> redirectUris,
        Duration codeLifetime,
        Duration refreshTokenLifetime,
        Duration otpLifetime,
        String username,
        String password,
        boolean requirePkce,
        List<CscCredentialSettings> credentials,
        CscProfile profile,
        int pendingPolls,
        int pendingAuthorizeChecks) {

    public static final String DEFAULT_CLIENT_ID = "sandbox-client";
    public static final String DEFAULT_CLIENT_SECRET = "sandbox-secret";
    /** RSA 2048 ({@code seal}), SCAL 1, implicit (authorize with empty authData), multisign 1000. */
    public static final String DEFAULT_CREDENTIAL_ID = "sandbox-seal";
    /** ECDSA P-256 ({@code seal-ec}), SCAL 2, explicit with {@link #EC_PIN}, multisign 1000. */
    public static final String EC_CREDENTIAL_ID = "sandbox-seal-ec";
    /** RSA 2048 ({@code seal-logistics}), SCAL 1, explicit with {@link #OTP_PIN} AND an OTP, multisign 1000. */
    public static final String OTP_CREDENTIAL_ID = "sandbox-seal-otp";
    /** ECDSA P-256 ({@code seal-ec-logistics}), SCAL 2, oauth2code, multisign 1000. */
    public static final String OAUTH_CREDENTIAL_ID = "sandbox-seal-oauth";

    public static final String EC_PIN = "123456";
    public static final String OTP_PIN = "654321";
    public static final String DEFAULT_USERNAME = "sandbox-user";
    public static final String DEFAULT_PASSWORD = "sandbox-password";
    /** Registered by default: the gateway's CSC operator callback on loopback, any port. */
    public static final List<URI> DEFAULT_REDIRECT_URIS =
            List.of(URI.create("http://127.0.0.1/csc/callback"), URI.create("http://localhost/csc/callback"));

    public CscSettings {
        requireText(clientId, "clientId");
        requireText(clientSecret, "clientSecret");
        requireText(credentialId, "credentialId");
        requirePositive(tokenLifetime, "tokenLifetime");
        requirePositive(sadLifetime, "sadLifetime");
        requirePositive(codeLifetime, "codeLifetime");
        requirePositive(refreshTokenLifetime, "refreshTokenLifetime");
        requirePositive(otpLifetime, "otpLifetime");
        requireText(username, "username");
        requireText(password, "password");
        if (multisign < 1) {
            throw new IllegalArgumentException("multisign must be at least 1: " + multisign);
        }
        redirectUris = List.copyOf(redirectUris);
        for (URI uri : redirectUris) {
            if (!uri.isAbsolute() || uri.getFragment() != null) {
                throw new IllegalArgumentException("a redirect URI must be absolute without fragment: " + uri);
            }
        }
        credentials = List.copyOf(credentials);
        Objects.requireNonNull(profile, "profile");
        if (pendingPolls < 0 || pendingAuthorizeChecks < 0) {
            throw new IllegalArgumentException("pendingPolls and pendingAuthorizeChecks must not be negative");
        }
        Set<String> ids = new HashSet<>(List.of(credentialId));
        for (CscCredentialSettings credential : credentials) {
            if (!ids.add(credential.id())) {
                throw new IllegalArgumentException("credential ids must be unique: " + credential.id());
            }
        }
    }

    /** The settings of the first version: the RSA seal and client credentials, other values default. */
    public CscSettings(
            String clientId,
            String clientSecret,
            Duration tokenLifetime,
            Duration sadLifetime,
            String credentialId,
            int multisign) {
        this(
                clientId,
                clientSecret,
                tokenLifetime,
                sadLifetime,
                credentialId,
                multisign,
                DEFAULT_REDIRECT_URIS,
                Duration.ofMinutes(1),
                Duration.ofDays(1),
                Duration.ofMinutes(5),
                DEFAULT_USERNAME,
                DEFAULT_PASSWORD,
                true,
                defaultCredentials(),
                CscProfile.GENERIC,
                1,
                0);
    }

    public static CscSettings defaults() {
        return new CscSettings(
                DEFAULT_CLIENT_ID,
                DEFAULT_CLIENT_SECRET,
                Duration.ofHours(1),
                Duration.ofMinutes(5),
                DEFAULT_CREDENTIAL_ID,
                1000);
    }

    /** The catalogue after the RSA seal: the ECDSA SCAL 2 PIN seal, the PIN+OTP seal, the oauth2code seal. */
    public static List<CscCredentialSettings> defaultCredentials() {
        return List.of(
                new CscCredentialSettings(
                        EC_CREDENTIAL_ID,
                        "seal-ec",
                        "2",
                        AuthMode.EXPLICIT,
                        EC_PIN,
                        false,
                        1000,
                        "Sandbox qualified electronic seal, ECDSA P-256, SCAL 2, PIN"),
                new CscCredentialSettings(
                        OTP_CREDENTIAL_ID,
                        "seal-logistics",
                        "1",
                        AuthMode.EXPLICIT,
                        OTP_PIN,
                        true,
                        1000,
                        "Sandbox qualified electronic seal, RSA 2048, PIN and OTP"),
                new CscCredentialSettings(
                        OAUTH_CREDENTIAL_ID,
                        "seal-ec-logistics",
                        "2",
                        AuthMode.OAUTH2CODE,
                        null,
                        false,
                        1000,
                        "Sandbox qualified electronic seal, ECDSA P-256, SCAL 2, OAuth 2.0 authorization code"));
    }

    /** Every credential, the RSA seal ({@code seal} entity, SCAL 1, implicit) first. */
    public List<CscCredentialSettings> catalogue() {
        List<CscCredentialSettings> all = new ArrayList<>();
        all.add(new CscCredentialSettings(
                credentialId,
                "seal",
                "1",
                AuthMode.IMPLICIT,
                null,
                false,
                multisign,
                "Sandbox qualified electronic seal"));
        all.addAll(credentials);
        return all;
    }

    public CscSettings withTokenLifetime(Duration lifetime) {
        return with(copy -> copy.tokenLifetime = lifetime);
    }

    public CscSettings withSadLifetime(Duration lifetime) {
        return with(copy -> copy.sadLifetime = lifetime);
    }

    /** The multisign of the RSA seal only; see {@link #withCredentials} for the others. */
    public CscSettings withMultisign(int max) {
        return with(copy -> copy.multisign = max);
    }

    public CscSettings withRedirectUris(List<URI> uris) {
        return with(copy -> copy.redirectUris = uris);
    }

    public CscSettings withCodeLifetime(Duration lifetime) {
        return with(copy -> copy.codeLifetime = lifetime);
    }

    public CscSettings withRefreshTokenLifetime(Duration lifetime) {
        return with(copy -> copy.refreshTokenLifetime = lifetime);
    }

    public CscSettings withOtpLifetime(Duration lifetime) {
        return with(copy -> copy.otpLifetime = lifetime);
    }

    public CscSettings withRequirePkce(boolean required) {
        return with(copy -> copy.requirePkce = required);
    }

    public CscSettings withProfile(CscProfile posingAs) {
        return with(copy -> copy.profile = posingAs);
    }

    public CscSettings withPendingPolls(int polls) {
        return with(copy -> copy.pendingPolls = polls);
    }

    public CscSettings withPendingAuthorizeChecks(int checks) {
        return with(copy -> copy.pendingAuthorizeChecks = checks);
    }

    /** Replaces the credentials after the RSA seal. */
    public CscSettings withCredentials(List<CscCredentialSettings> others) {
        return with(copy -> copy.credentials = others);
    }

    // One copy for every wither: fifteen components are too many to list again in each of them.
    private CscSettings with(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.settings();
    }

    /** The components, changeable; the record's constructor checks them again. */
    private static final class Copy {
        String clientId;
        String clientSecret;
        Duration tokenLifetime;
        Duration sadLifetime;
        String credentialId;
        int multisign;
        List<URI> redirectUris;
        Duration codeLifetime;
        Duration refreshTokenLifetime;
        Duration otpLifetime;
        String username;
        String password;
        boolean requirePkce;
        List<CscCredentialSettings> credentials;
        CscProfile profile;
        int pendingPolls;
        int pendingAuthorizeChecks;

        Copy(CscSettings settings) {
            clientId = settings.clientId;
            clientSecret = settings.clientSecret;
            tokenLifetime = settings.tokenLifetime;
            sadLifetime = settings.sadLifetime;
            credentialId = settings.credentialId;
            multisign = settings.multisign;
            redirectUris = settings.redirectUris;
            codeLifetime = settings.codeLifetime;
            refreshTokenLifetime = settings.refreshTokenLifetime;
            otpLifetime = settings.otpLifetime;
            username = settings.username;
            password = settings.password;
            requirePkce = settings.requirePkce;
            credentials = settings.credentials;
            profile = settings.profile;
            pendingPolls = settings.pendingPolls;
            pendingAuthorizeChecks = settings.pendingAuthorizeChecks;
        }

        CscSettings settings() {
            return new CscSettings(
                    clientId,
                    clientSecret,
                    tokenLifetime,
                    sadLifetime,
                    credentialId,
                    multisign,
                    redirectUris,
                    codeLifetime,
                    refreshTokenLifetime,
                    otpLifetime,
                    username,
                    password,
                    requirePkce,
                    credentials,
                    profile,
                    pendingPolls,
                    pendingAuthorizeChecks);
        }
    }

    @Override
    public String toString() {
        return "CscSettings[clientId=" + clientId + ", tokenLifetime=" + tokenLifetime + ", sadLifetime=" + sadLifetime
                + ", credentialId=" + credentialId + ", multisign=" + multisign + ", redirectUris=" + redirectUris
                + ", codeLifetime=" + codeLifetime + ", refreshTokenLifetime=" + refreshTokenLifetime
                + ", otpLifetime=" + otpLifetime + ", username=" + username + ", requirePkce=" + requirePkce
                + ", credentials=" + credentials + ", profile=" + profile + ", pendingPolls=" + pendingPolls
                + ", pendingAuthorizeChecks=" + pendingAuthorizeChecks + "]";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
