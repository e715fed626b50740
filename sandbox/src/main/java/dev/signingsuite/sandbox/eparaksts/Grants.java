package dev.signingsuite.sandbox.eparaksts;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authorization codes and access tokens: opaque random values in server-side tables. A code is
 * single-use and short-lived; a token carries its scopes, its user (none for client credentials)
 * and, on a signing leg, the identity and digests summary the person approved.
 */
final class Grants {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the person approved at the authorize endpoint; the signing leg names identity and digests. */
    record Approval(
            Set<String> scopes,
            String userId,
            String signIdentityId,
            String digestsSummary,
            String digestsSummaryAlgorithm,
            URI redirectUri) {}

    /** An issued token; {@code userId} is null for a client credentials token. */
    record Token(
            Set<String> scopes,
            String userId,
            String signIdentityId,
            String digestsSummary,
            String digestsSummaryAlgorithm,
            Instant expiresAt) {

        boolean has(String scope) {
            return scopes.contains(scope);
        }
    }

    private record Code(Approval approval, Instant expiresAt) {}

    private final Clock clock;
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    Grants(Clock clock) {
        this.clock = clock;
    }

    String issueCode(Approval approval, Duration lifetime) {
        String code = randomValue();
        codes.put(code, new Code(approval, clock.instant().plus(lifetime)));
        return code;
    }

    /** Removes the code whatever happens next: a code is used once (RFC 6749 section 4.1.2). */
    Approval redeem(String code) {
        Code found = code == null ? null : codes.remove(code);
        if (found == null || !clock.instant().isBefore(found.expiresAt())) {
            throw new PlatformError(400, "invalid_grant", "Invalid or expired authorization code");
        }
        return found.approval();
    }

    String issueToken(Token token) {
        String value = randomValue();
        tokens.put(value, token);
        return value;
    }

    Token token(String value) {
        Token token = tokens.get(value);
        if (token == null) {
            throw PlatformError.invalidToken("Invalid access token");
        }
        if (!clock.instant().isBefore(token.expiresAt())) {
            tokens.remove(value);
            throw PlatformError.invalidToken("The access token expired");
        }
        return token;
    }

    /** A signing token is spent by its first signature call, whatever its outcome. */
    void spend(String value) {
        tokens.remove(value);
    }

    /** Ends every token of the authorization code grant now, as if their lifetime had passed. */
    int expireUserTokens() {
        int before = tokens.size();
        tokens.values().removeIf(token -> token.userId() != null);
        return before - tokens.size();
    }

    private static String randomValue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
