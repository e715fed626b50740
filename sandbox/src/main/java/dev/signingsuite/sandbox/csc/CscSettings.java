package dev.signingsuite.sandbox.csc;

import java.time.Duration;
import java.util.Objects;

/**
 * How the CSC simulator behaves: the one OAuth client it knows, how long tokens and SADs live, and
 * the credential it serves (the sandbox's QSealC).
 *
 * @param clientId the OAuth 2.0 client allowed the {@code client_credentials} grant
 * @param clientSecret that client's secret (a public test value, never a real one)
 * @param tokenLifetime {@code expires_in} of access tokens
 * @param sadLifetime {@code expiresIn} of a SAD
 * @param credentialId the credentialID of the seal
 * @param multisign the most signatures one {@code credentials/authorize} may cover
 */
public record CscSettings(
        String clientId,
        String clientSecret,
        Duration tokenLifetime,
        Duration sadLifetime,
        String credentialId,
        int multisign) {

    public static final String DEFAULT_CLIENT_ID = "sandbox-client";
    public static final String DEFAULT_CLIENT_SECRET = "sandbox-secret";
    public static final String DEFAULT_CREDENTIAL_ID = "sandbox-seal";

    public CscSettings {
        requireText(clientId, "clientId");
        requireText(clientSecret, "clientSecret");
        requireText(credentialId, "credentialId");
        requirePositive(tokenLifetime, "tokenLifetime");
        requirePositive(sadLifetime, "sadLifetime");
        if (multisign < 1) {
            throw new IllegalArgumentException("multisign must be at least 1: " + multisign);
        }
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

    public CscSettings withTokenLifetime(Duration lifetime) {
        return new CscSettings(clientId, clientSecret, lifetime, sadLifetime, credentialId, multisign);
    }

    public CscSettings withSadLifetime(Duration lifetime) {
        return new CscSettings(clientId, clientSecret, tokenLifetime, lifetime, credentialId, multisign);
    }

    public CscSettings withMultisign(int max) {
        return new CscSettings(clientId, clientSecret, tokenLifetime, sadLifetime, credentialId, max);
    }

    @Override
    public String toString() {
        return "CscSettings[clientId=" + clientId + ", tokenLifetime=" + tokenLifetime + ", sadLifetime=" + sadLifetime
                + ", credentialId=" + credentialId + ", multisign=" + multisign + "]";
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
