package dev.signingsuite.sandbox.csc;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Service authorisations (access tokens) and credential authorisations (SADs), both opaque random
 * strings looked up in server-side tables. A SCAL 1 SAD is bound to its credential and a count of
 * signatures, not to hashes; it is removed when used up or expired (CSC API v2 sections 9, 11.9).
 */
final class Authorizations {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Map<String, Sad> sads = new ConcurrentHashMap<>();

    Authorizations(Clock clock) {
        this.clock = clock;
    }

    String issueToken(Duration lifetime) {
        String token = randomValue();
        tokens.put(token, clock.instant().plus(lifetime));
        return token;
    }

    /** Checks {@code Authorization: Bearer <token>}. */
    void requireToken(String authorizationHeader) {
        if (authorizationHeader == null) {
            throw CscError.invalidToken("Missing access token");
        }
        if (!authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorizationHeader.substring(7).isBlank()) {
            throw CscError.invalidRequest("Malformed authorization header");
        }
        String token = authorizationHeader.substring(7).trim();
        Instant expiry = tokens.get(token);
        if (expiry == null) {
            throw CscError.invalidToken("Invalid access token");
        }
        if (!clock.instant().isBefore(expiry)) {
            tokens.remove(token);
            throw CscError.expiredToken();
        }
    }

    String issueSad(String credentialId, int numSignatures, Duration lifetime) {
        String sad = randomValue();
        sads.put(sad, new Sad(credentialId, numSignatures, clock.instant().plus(lifetime)));
        return sad;
    }

    /**
     * Spends {@code count} signatures of a SAD, all or none: a request for more than remain is
     * refused and leaves the SAD as it was.
     */
    void spend(String sadValue, String credentialId, int count) {
        Sad sad = sads.get(sadValue);
        if (sad == null || !sad.credentialId.equals(credentialId)) {
            throw CscError.invalid("SAD");
        }
        if (!clock.instant().isBefore(sad.expiresAt)) {
            sads.remove(sadValue);
            throw CscError.invalidRequest("SAD expired");
        }
        synchronized (sad) {
            if (sad.remaining < count) {
                throw CscError.invalidRequest("Hash is not authorized by the SAD: " + count + " signatures requested, "
                        + sad.remaining + " remain");
            }
            sad.remaining -= count;
            if (sad.remaining == 0) {
                sads.remove(sadValue);
            }
        }
    }

    private static String randomValue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static final class Sad {
        final String credentialId;
        final Instant expiresAt;
        int remaining;

        Sad(String credentialId, int remaining, Instant expiresAt) {
            this.credentialId = credentialId;
            this.remaining = remaining;
            this.expiresAt = expiresAt;
        }
    }
}
