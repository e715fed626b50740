package dev.signingsuite.sandbox.csc;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.signingsuite.sandbox.http.OAuthRedirects;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/** The authorisation server's checks of a redirect URI (RFC 6749, RFC 8252) and of PKCE (RFC 7636). */
final class OAuthRules {

    private OAuthRules() {}

    /** Exact match, except that a loopback redirect URI may name any port (RFC 8252 section 7.3). */
    static URI registeredRedirectUri(List<URI> registeredUris, String value) {
        if (value == null) {
            throw CscError.invalidRequest("Missing parameter redirect_uri");
        }
        URI requested;
        try {
            requested = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw CscError.invalid("redirect_uri");
        }
        for (URI registered : registeredUris) {
            if (OAuthRedirects.matches(registered, value, requested)) {
                return requested;
            }
        }
        throw CscError.invalid("redirect_uri");
    }

    static boolean pkceMatches(String challenge, String method, String verifier) {
        if (verifier == null) {
            return false;
        }
        if ("plain".equals(method)) {
            return challenge.equals(verifier);
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(US_ASCII));
            return challenge.equals(Base64.getUrlEncoder().withoutPadding().encodeToString(hash));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
