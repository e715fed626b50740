package dev.signingsuite.sandbox.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.net.URLEncoder;

/** The redirect URI rules both simulated authorisation servers (eParaksts, CSC) follow. */
public final class OAuthRedirects {

    private OAuthRedirects() {}

    /**
     * Exact match, except that a loopback redirect URI may name any port (RFC 8252 section 7.3); a
     * loopback match takes no query and no fragment (RFC 6749 section 3.1.2).
     */
    public static boolean matches(URI registered, String value, URI requested) {
        boolean loopback = "127.0.0.1".equals(registered.getHost()) || "localhost".equals(registered.getHost());
        return value.equals(registered.toString())
                || (loopback
                        && registered.getScheme().equals(requested.getScheme())
                        && registered.getHost().equals(requested.getHost())
                        && registered.getPath().equals(requested.getPath())
                        && requested.getRawQuery() == null
                        && requested.getRawFragment() == null);
    }

    /** Where the browser goes with an error for the client (RFC 6749 section 4.1.2.1). */
    public static URI error(URI redirectUri, String error, String description, String state) {
        return withParameters(
                redirectUri, "error=" + encode(error) + "&error_description=" + encode(description), state);
    }

    /** The redirect URI with {@code parameters} and the client's {@code state} added to its query. */
    public static URI withParameters(URI redirectUri, String parameters, String state) {
        String query = parameters + (state == null ? "" : "&state=" + encode(state));
        return URI.create(redirectUri + (redirectUri.getRawQuery() == null ? "?" : "&") + query);
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, UTF_8);
    }
}
