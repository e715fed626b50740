package dev.signingsuite.sandbox.idp;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person's browser at the sandbox identity provider, over real HTTP: opens the authorization URL,
 * fills in the login form and follows the redirects until they leave the identity provider. What it
 * returns is where the browser would go next (the client's redirect URI with {@code code} and
 * {@code state}, or {@code error}); it does not go there.
 */
public final class PersonBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final int MAX_REDIRECTS = 10;

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /**
     * Logs {@code identifier} in with {@code password} for the authorization request.
     *
     * @return the first URI outside the identity provider the browser is sent to
     * @throws IllegalStateException when the login form refuses the password (the browser stays at the
     *     identity provider)
     */
    public URI logIn(URI authorizationUrl, String identifier, String password) throws IOException {
        URI at = follow(authorizationUrl, authorizationUrl);
        if (!at.getPath().equals("/login")) {
            return at;
        }
        String form = get(at).body();
        Matcher csrf = CSRF.matcher(form);
        if (!csrf.find()) {
            throw new IllegalStateException("the identity provider's login page has no CSRF field");
        }
        String body =
                "username=" + encode(identifier) + "&password=" + encode(password) + "&_csrf=" + encode(csrf.group(1));
        HttpResponse<String> posted = send(HttpRequest.newBuilder(at)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        URI next = location(at, posted);
        if (next == null || "error".equals(next.getRawQuery())) {
            throw new IllegalStateException("the identity provider refused the password of " + identifier);
        }
        return follow(next, authorizationUrl);
    }

    // Follows redirects while they stay at the identity provider; stops at its login page.
    private URI follow(URI start, URI identityProvider) throws IOException {
        URI at = start;
        for (int i = 0; i < MAX_REDIRECTS; i++) {
            if (!sameOrigin(at, identityProvider) || at.getPath().equals("/login")) {
                return at;
            }
            URI next = location(at, get(at));
            if (next == null) {
                return at;
            }
            at = next;
        }
        throw new IllegalStateException("too many redirects at the identity provider from " + start);
    }

    private HttpResponse<String> get(URI uri) throws IOException {
        // As a browser asks: Spring Security sends only HTML clients to the login page.
        return send(
                HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static URI location(URI base, HttpResponse<?> response) {
        if (response.statusCode() / 100 != 3) {
            return null;
        }
        return response.headers().firstValue("Location").map(base::resolve).orElse(null);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equals(b.getScheme()) && a.getHost().equals(b.getHost()) && a.getPort() == b.getPort();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
