package dev.signingsuite.sandbox.csc;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Service authorisations (access and refresh tokens), credential authorisations (SADs and
 * credential-scope tokens) and authorization codes: opaque random strings looked up in server-side
 * tables. A credential authorisation is bound to its credential and a count of signatures and, for
 * SCAL 2, to the multiset of hashes it was given; it is spent all-or-nothing per signHash and gone
 * when used up or expired (CSC API v2 sections 8.2, 9, 11.6, 11.10).
 */
final class Authorizations {

    private static final SecureRandom RANDOM = new SecureRandom();

    enum Scope {
        SERVICE,
        CREDENTIAL
    }

    /** An access token; {@code grant} is set for scope credential. */
    record AccessToken(Scope scope, String family, Instant expiresAt, Grant grant) {}

    /** A refresh token and the family of access tokens it issued (revoked together). */
    record RefreshToken(String family, Instant expiresAt) {}

    /** What the person approved at {@code oauth2/authorize}, redeemed once at the token endpoint. */
    record Code(
            String clientId,
            URI redirectUri,
            String codeChallenge,
            String codeChallengeMethod,
            Scope scope,
            Grant grant,
            Instant expiresAt,
            String authorizationDetails) {}

    /**
     * A credential authorisation: {@code remaining} signatures of {@code credentialId} until {@code
     * expiresAt}; for SCAL 2 only the hashes in {@code hashes} (Base64 → how many times) with
     * {@code hashAlgorithmOid}.
     */
    static final class Grant {
        final String credentialId;
        final Instant expiresAt;
        final Map<String, Integer> hashes;
        final String hashAlgorithmOid;
        int remaining;
        boolean used;

        Grant(String credentialId, int remaining, List<byte[]> hashes, String hashAlgorithmOid, Instant expiresAt) {
            this.credentialId = credentialId;
            this.remaining = remaining;
            this.hashAlgorithmOid = hashAlgorithmOid;
            this.expiresAt = expiresAt;
            if (hashes == null) {
                this.hashes = null;
            } else {
                this.hashes = new HashMap<>();
                hashes.forEach(hash -> this.hashes.merge(Base64.getEncoder().encodeToString(hash), 1, Integer::sum));
            }
        }
    }

    private final Clock clock;
    private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();
    private final Map<String, RefreshToken> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Grant> sads = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();

    Authorizations(Clock clock) {
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    Clock clock() {
        return clock;
    }

    /** A service-scope access token of a new family. */
    String issueToken(Duration lifetime) {
        return issueToken(Scope.SERVICE, randomValue(), null, lifetime);
    }

    String issueToken(Scope scope, String family, Grant grant, Duration lifetime) {
        String token = randomValue();
        tokens.put(token, new AccessToken(scope, family, clock.instant().plus(lifetime), grant));
        return token;
    }

    /** A refresh token; its family is what {@link #issueToken(Scope, String, Grant, Duration)} takes. */
    String issueRefreshToken(String family, Duration lifetime) {
        String token = randomValue();
        refreshTokens.put(token, new RefreshToken(family, clock.instant().plus(lifetime)));
        return token;
    }

    String newFamily() {
        return randomValue();
    }

    /** The live refresh token's family. */
    String refresh(String refreshToken) {
        RefreshToken refresh = refreshTokens.get(refreshToken);
        if (refresh == null) {
            throw CscError.of(400, "invalid_grant", "Invalid parameter refresh_token");
        }
        if (!clock.instant().isBefore(refresh.expiresAt())) {
            refreshTokens.remove(refreshToken);
            throw CscError.of(400, "invalid_grant", "Refresh token expired");
        }
        return refresh.family();
    }

    /**
     * RFC 7009 and CSC section 8.4.5: a refresh token takes the access tokens of its family with it;
     * an access token goes alone. Unknown tokens are ignored.
     */
    void revoke(String token) {
        RefreshToken refresh = refreshTokens.remove(token);
        if (refresh != null) {
            tokens.values().removeIf(access -> access.family().equals(refresh.family()));
        }
        tokens.remove(token);
    }

    /** Checks {@code Authorization: Bearer <token>}. */
    AccessToken requireToken(String authorizationHeader) {
        if (authorizationHeader == null) {
            throw CscError.invalidToken("Missing access token");
        }
        if (!authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorizationHeader.substring(7).isBlank()) {
            throw CscError.invalidRequest("Malformed authorization header");
        }
        String token = authorizationHeader.substring(7).trim();
        AccessToken access = tokens.get(token);
        if (access == null) {
            throw CscError.invalidToken("Invalid access token");
        }
        if (!clock.instant().isBefore(access.expiresAt())) {
            tokens.remove(token);
            throw CscError.expiredToken();
        }
        return access;
    }

    /** A live credential-scope token given as a SAD (allowed for backward compatibility), or null. */
    Grant credentialToken(String value) {
        AccessToken access = tokens.get(value);
        if (access == null
                || access.scope() != Scope.CREDENTIAL
                || !clock.instant().isBefore(access.expiresAt())) {
            return null;
        }
        return access.grant();
    }

    String issueSad(Grant grant) {
        String sad = randomValue();
        sads.put(sad, grant);
        return sad;
    }

    /** The SAD's grant; an unknown one, or one for another credential, is "Invalid parameter SAD". */
    Grant sad(String value, String credentialId) {
        Grant grant = sads.get(value);
        if (grant == null) {
            grant = credentialToken(value);
        }
        if (grant == null || !grant.credentialId.equals(credentialId)) {
            throw CscError.invalid("SAD");
        }
        return grant;
    }

    /**
     * Spends one signature per hash, all or none: a request for more than remain, for a hash the
     * grant was not bound to (SCAL 2) or with another digest algorithm is refused and leaves the
     * grant as it was.
     */
    void spend(Grant grant, List<byte[]> hashes, String hashAlgorithmOid) {
        if (!clock.instant().isBefore(grant.expiresAt)) {
            sads.values().remove(grant);
            throw CscError.invalidRequest("SAD expired");
        }
        synchronized (grant) {
            if (grant.remaining < hashes.size()) {
                throw CscError.invalidRequest("Hash is not authorized by the SAD: " + hashes.size()
                        + " signatures requested, " + grant.remaining + " remain");
            }
            if (grant.hashes != null) {
                if (!grant.hashAlgorithmOid.equals(hashAlgorithmOid)) {
                    throw CscError.invalidRequest("Hash is not authorized by the SAD: authorized for hashAlgorithmOID "
                            + grant.hashAlgorithmOid);
                }
                Map<String, Integer> left = new HashMap<>(grant.hashes);
                for (byte[] hash : hashes) {
                    String key = Base64.getEncoder().encodeToString(hash);
                    Integer count = left.get(key);
                    if (count == null) {
                        throw CscError.invalidRequest("Hash is not authorized by the SAD");
                    }
                    if (count == 1) {
                        left.remove(key);
                    } else {
                        left.put(key, count - 1);
                    }
                }
                grant.hashes.clear();
                grant.hashes.putAll(left);
            }
            grant.remaining -= hashes.size();
            if (grant.remaining == 0) {
                sads.values().remove(grant);
            }
        }
    }

    /** Marks a single-use grant used; one used before is refused as LVRTC refuses it. */
    void useOnce(Grant grant) {
        synchronized (grant) {
            if (grant.used) {
                throw CscError.of(400, "invalidSad", "The signing token has already been used");
            }
            grant.used = true;
        }
    }

    String issueCode(Code code) {
        String value = randomValue();
        codes.put(value, code);
        return value;
    }

    /** Redeems a code once: a second redemption finds nothing. */
    Code redeem(String value) {
        Code code = codes.remove(value);
        if (code == null) {
            throw CscError.of(400, "invalid_grant", "Invalid parameter code");
        }
        if (!clock.instant().isBefore(code.expiresAt())) {
            throw CscError.of(400, "invalid_grant", "Authorization code is invalid or expired");
        }
        return code;
    }

    static String randomValue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
