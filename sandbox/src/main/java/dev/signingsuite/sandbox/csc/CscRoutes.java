package dev.signingsuite.sandbox.csc;

import com.sun.net.httpserver.HttpExchange;
import dev.signingsuite.sandbox.csc.Authorizations.AccessToken;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Which CSC method a request names and how it arrives: HTTP method, media type, body and token are
 * checked here, then the parsed request goes to {@link CscMethods}, {@link OAuthMethods} or
 * {@link SignHash}.
 */
final class CscRoutes {

    // Methods of the specification this simulator leaves out: 501, not 404 (section 10.1).
    private static final List<String> NOT_IMPLEMENTED =
            List.of("credentials/extendTransaction", "signatures/signDoc", "signatures/timestamp");

    private final CscMethods methods;
    private final OAuthMethods oauth;
    private final SignHash signHash;
    private final LaterAnswers later;
    private final Authorizations authorizations;
    private final Function<String, Optional<String>> lastOtp;
    private final CscProfile profile;
    private final URI api;

    CscRoutes(
            CscMethods methods,
            OAuthMethods oauth,
            SignHash signHash,
            LaterAnswers later,
            Authorizations authorizations,
            Function<String, Optional<String>> lastOtp,
            CscProfile profile,
            URI api) {
        this.methods = methods;
        this.oauth = oauth;
        this.signHash = signHash;
        this.later = later;
        this.authorizations = authorizations;
        this.lastOtp = lastOtp;
        this.profile = profile;
        this.api = api;
    }

    /** The {@code oauth2Issuer} of a profile whose authorisation server publishes RFC 8414 metadata. */
    static URI issuer(URI api) {
        return URI.create(api + "/" + ISSUER);
    }

    private static final String ISSUER = "issuer";

    /**
     * Under an issuer the OAuth methods keep their names but the browser's endpoint is {@code
     * /authorize} (SIGN8); {@code oauth2/authorize} under the API does not exist there.
     */
    private String oauthMethod(String method) {
        if (!profile.issuerMetadata()) {
            return method;
        }
        return switch (method) {
            case "oauth2/authorize", "oauth2/token", "oauth2/revoke", "oauth2/pushed_authorize" ->
                throw CscError.of(404, "invalid_request", "Unknown method: " + method + "; see oauth2Issuer");
            case ISSUER + "/authorize" -> "oauth2/authorize";
            case ISSUER + "/oauth2/token" -> "oauth2/token";
            case ISSUER + "/oauth2/revoke" -> "oauth2/revoke";
            case ISSUER + "/oauth2/pushed_authorize" -> "oauth2/pushed_authorize";
            default -> method;
        };
    }

    /** A JSON answer (200), no content (204, {@code body} null) or a redirect (302). */
    record Reply(Object body, URI location, int status) {
        Reply(Object body, URI location) {
            this(body, location, 200);
        }

        static Reply json(Object body) {
            return new Reply(body, null);
        }

        static Reply noContent() {
            return new Reply(null, null);
        }
    }

    /** RFC 8414 section 2: the endpoints this authorisation server serves. */
    private Map<String, Object> metadata() {
        URI issuer = issuer(api);
        return Map.of(
                "issuer",
                issuer.toString(),
                "authorization_endpoint",
                issuer + "/authorize",
                "token_endpoint",
                issuer + "/oauth2/token",
                "revocation_endpoint",
                issuer + "/oauth2/revoke",
                "pushed_authorization_request_endpoint",
                issuer + "/oauth2/pushed_authorize",
                "response_types_supported",
                List.of("code"),
                "code_challenge_methods_supported",
                List.of("S256", "plain"),
                "token_endpoint_auth_methods_supported",
                List.of("client_secret_post"));
    }

    Reply dispatch(HttpExchange exchange, String requested) throws IOException {
        String httpMethod = exchange.getRequestMethod();
        if (profile.issuerMetadata() && (ISSUER + "/.well-known/oauth-authorization-server").equals(requested)) {
            Requests.requireHttpMethod(exchange, "GET");
            return Reply.json(metadata());
        }
        String method = oauthMethod(requested);
        // Some clients read info with GET (CZERTAINLY's server serves it so); both are accepted.
        if ("info".equals(method) && ("GET".equals(httpMethod) || "POST".equals(httpMethod))) {
            return Reply.json(methods.info());
        }
        if ("oauth2/authorize".equals(method)) {
            // POST: a device credential's PIN page sends the request back with the PIN.
            OAuthMethods.Redirect redirect = "POST".equals(httpMethod)
                    ? oauth.authorize(Requests.form(Requests.readBody(exchange)))
                    : oauth.authorize(Requests.query(exchange));
            return redirect.page() != null ? Reply.json(redirect.page()) : new Reply(null, redirect.location());
        }
        if ("mock/otp".equals(method)) {
            Requests.requireHttpMethod(exchange, "GET");
            String credentialId = Requests.query(exchange).get("credentialID");
            String otp =
                    credentialId == null ? null : lastOtp.apply(credentialId).orElse(null);
            if (otp == null) {
                throw CscError.of(404, "invalid_request", "No OTP sent for credentialID " + credentialId);
            }
            return Reply.json(Map.of("credentialID", credentialId, "otp", otp));
        }
        if (NOT_IMPLEMENTED.contains(method)) {
            throw CscError.of(501, "invalid_request", "Method not implemented by the simulator: " + method);
        }
        if (!CscMethods.IMPLEMENTED.contains(method)) {
            throw CscError.of(404, "invalid_request", "Unknown method: " + method);
        }
        Requests.requireHttpMethod(exchange, "POST");
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        switch (method) {
            case "oauth2/token" -> {
                Requests.requireMediaType(exchange, "application/x-www-form-urlencoded");
                return Reply.json(
                        oauth.token(Requests.form(Requests.readBody(exchange)), Requests.clientBasic(authorization)));
            }
            case "oauth2/pushed_authorize" -> {
                Requests.requireMediaType(exchange, "application/x-www-form-urlencoded");
                return new Reply(
                        oauth.pushedAuthorize(
                                Requests.form(Requests.readBody(exchange)), Requests.clientBasic(authorization)),
                        null,
                        201);
            }
            case "oauth2/revoke" -> {
                Requests.requireMediaType(exchange, "application/x-www-form-urlencoded");
                oauth.revoke(Requests.form(Requests.readBody(exchange)), Requests.clientBasic(authorization));
                return Reply.noContent();
            }
            case "auth/login" -> {
                byte[] body = Requests.readBody(exchange);
                JsonNode request = body.length == 0 ? Requests.emptyObject() : Requests.json(exchange, body);
                return Reply.json(oauth.login(request, authorization));
            }
            default -> {}
        }
        AccessToken token = authorizations.requireToken(authorization);
        JsonNode request = Requests.json(exchange, Requests.readBody(exchange));
        return switch (method) {
            case "auth/revoke" -> {
                oauth.authRevoke(request);
                yield Reply.noContent();
            }
            case "credentials/list" -> Reply.json(methods.credentialsList(request, token));
            case "credentials/info" -> Reply.json(methods.credentialsInfo(request, token));
            case "credentials/authorize" -> {
                Map<String, Object> answer = methods.credentialsAuthorize(request, token);
                // Section 11.6: 202 with a handle while the authorisation is still going on.
                yield new Reply(answer, null, answer.containsKey("handle") ? 202 : 200);
            }
            case "credentials/authorizeCheck" -> {
                CscMethods.requireServiceScope(token, method);
                yield later.check(request);
            }
            case "credentials/sendOTP" -> {
                methods.sendOtp(request, token);
                yield Reply.noContent();
            }
            case "credentials/getChallenge" -> {
                methods.getChallenge(request, token);
                yield Reply.noContent();
            }
            case "signatures/signHash" -> Reply.json(signHash.sign(request, token));
            case "signatures/signPolling" -> Reply.json(later.poll(request));
            default -> throw new IllegalStateException("unrouted method " + method);
        };
    }
}
