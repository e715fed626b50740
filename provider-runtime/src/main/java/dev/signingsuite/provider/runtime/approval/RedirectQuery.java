package dev.signingsuite.provider.runtime.approval;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The parameters of the redirect an authorization server sends a person's browser back with
 * ({@code code}, {@code state}, or {@code error}): what a provider's automatic approval reads when it
 * plays the person's browser against a sandbox.
 */
public final class RedirectQuery {

    private RedirectQuery() {}

    /** The decoded query parameters of {@code uri}; a name given twice keeps its last value. */
    public static Map<String, String> of(URI uri) {
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }
}
