package dev.signingsuite.sandbox.csc;

import dev.signingsuite.sandbox.csc.Authorizations.Code;
import dev.signingsuite.sandbox.csc.Authorizations.Grant;
import dev.signingsuite.sandbox.csc.Authorizations.Scope;
import dev.signingsuite.sandbox.http.OAuthRedirects;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The OAuth 2.0 authorisation server of CSC API v2 section 8.4 ({@code oauth2/authorize}, {@code
 * oauth2/token}, {@code oauth2/revoke}) and the Basic {@code auth/login} / {@code auth/revoke} of
 * sections 11.2 and 11.3. The test user is taken as logged in and approving (there is no person at
 * a browser), unless a test says otherwise.
 */
final class OAuthMethods {

    /**
     * Where {@code oauth2/authorize} sends the browser, or the page it shows first (a device
     * credential's PIN page: {@code location} null).
     */
    record Redirect(URI location, PinPage page) {
        Redirect(URI location) {
            this(location, null);
        }
    }

    /** Client (or user) credentials from an HTTP Basic header or the form. */
    record Secret(String id, String secret) {

        @Override
        public String toString() {
            return "Secret[" + id + "]";
        }
    }

    private final CscSettings settings;
    private final Map<String, Credential> credentials;
    private final Authorizations authorizations;
    private final CscCounters counters;
    private final PushedRequests pushedRequests;
    private volatile boolean approving = true;
    private volatile boolean clientCredentials = true;

    OAuthMethods(
            CscSettings settings,
            Map<String, Credential> credentials,
            Authorizations authorizations,
            CscCounters counters) {
        this.settings = settings;
        this.credentials = credentials;
        this.authorizations = authorizations;
        this.counters = counters;
        this.pushedRequests = new PushedRequests(authorizations.clock());
    }

    void approving(boolean approve) {
        approving = approve;
    }

    /** Whether the client credentials grant is offered ({@code authType} {@code oauth2client}). */
    void clientCredentials(boolean offered) {
        clientCredentials = offered;
    }

    /**
     * GET authorize. A bad client or redirect URI is answered here (400), never redirected to;
     * every other fault goes back to the client on the redirect with {@code error}.
     */
    Redirect authorize(Map<String, String> asked) {
        Map<String, String> query = asked;
        if (asked.containsKey("request_uri")) {
            query = pushedRequests.pull(asked);
        } else if (settings.profile().pushedAuthorizationRequired()) {
            URI redirectUri = OAuthRules.registeredRedirectUri(settings.redirectUris(), query.get("redirect_uri"));
            return error(
                    redirectUri,
                    "invalid_request",
                    "Pushed authorization request required (request_uri)",
                    asked.get("state"));
        }
        String clientId = query.get("client_id");
        if (clientId == null) {
            throw CscError.invalidRequest("Missing parameter client_id");
        }
        if (!settings.clientId().equals(clientId)) {
            throw CscError.invalid("client_id");
        }
        URI redirectUri = OAuthRules.registeredRedirectUri(settings.redirectUris(), query.get("redirect_uri"));
        String state = query.get("state");
        if (!"code".equals(query.get("response_type"))) {
            return error(redirectUri, "unsupported_response_type", "response_type must be code", state);
        }
        String challenge = query.get("code_challenge");
        String method = query.getOrDefault("code_challenge_method", "plain");
        if (challenge == null && settings.requirePkce()) {
            return error(redirectUri, "invalid_request", "Missing parameter code_challenge", state);
        }
        if (!"S256".equals(method) && !"plain".equals(method)) {
            return error(redirectUri, "invalid_request", "Invalid parameter code_challenge_method", state);
        }
        String details = query.get("authorization_details");
        String scopeName = query.getOrDefault("scope", details == null ? "service" : "credential");
        Scope scope;
        Grant grant = null;
        if (details != null) {
            // RAR instead of the credential's query parameters (section 8.4.2), not beside them.
            if (!"credential".equals(scopeName) || query.containsKey("credentialID")) {
                return error(redirectUri, "invalid_request", "authorization_details replaces scope=credential", state);
            }
            scope = Scope.CREDENTIAL;
            try {
                grant = RichAuthorization.grant(
                        details, credentials, authorizations.now().plus(settings.sadLifetime()));
            } catch (CscError e) {
                return error(redirectUri, e.error(), e.description(), state);
            }
        } else if ("service".equals(scopeName)) {
            scope = Scope.SERVICE;
        } else if ("credential".equals(scopeName)) {
            scope = Scope.CREDENTIAL;
            try {
                grant = CredentialScope.grant(
                        query, credentials, authorizations.now().plus(settings.sadLifetime()), settings.profile());
            } catch (CscError e) {
                return error(redirectUri, e.error(), e.description(), state);
            }
        } else {
            return error(redirectUri, "invalid_scope", "Invalid parameter scope", state);
        }
        if (!approving) {
            return error(redirectUri, "access_denied", "The user denied the request", state);
        }
        Credential device = grant == null ? null : credentials.get(grant.credentialId);
        if (device != null && device.needsPin()) {
            // A registered device's key: its person types the PIN here, and the key's token checks it.
            String pin = query.get("pin");
            if (pin == null) {
                return new Redirect(null, new PinPage(query, device.id()));
            }
            if (!device.unlock(pin)) {
                return error(redirectUri, "access_denied", "The PIN is wrong: the signature was refused", state);
            }
        }
        String code = authorizations.issueCode(new Code(
                clientId,
                redirectUri,
                challenge,
                method,
                scope,
                grant,
                authorizations.now().plus(settings.codeLifetime()),
                details));
        return new Redirect(OAuthRedirects.withParameters(redirectUri, "code=" + OAuthRedirects.encode(code), state));
    }

    /** RFC 9126: the client, authenticated as at the token endpoint, pushes the authorize parameters. */
    Map<String, Object> pushedAuthorize(Map<String, String> form, Secret basic) {
        return pushedRequests.push(form, requireClient(form, basic));
    }

    Map<String, Object> token(Map<String, String> form, Secret basic) {
        String grantType = form.get("grant_type");
        if (grantType == null) {
            throw CscError.invalidRequest("Missing parameter grant_type");
        }
        String clientId = requireClient(form, basic);
        Map<String, Object> answer = new LinkedHashMap<>();
        switch (grantType) {
            case "client_credentials" -> {
                if (!clientCredentials) {
                    throw CscError.of(400, "unauthorized_client", "The client credentials grant is not offered");
                }
                String scope = form.get("scope");
                if (scope != null && !scope.isBlank() && !"service".equals(scope)) {
                    throw CscError.of(400, "invalid_scope", "client_credentials grants scope service only");
                }
                answer.put("access_token", authorizations.issueToken(settings.tokenLifetime()));
                answer.put("token_type", "Bearer");
                answer.put("expires_in", settings.tokenLifetime().toSeconds());
            }
            case "authorization_code" -> {
                String value = form.get("code");
                if (value == null) {
                    throw CscError.invalidRequest("Missing parameter code");
                }
                Code code = authorizations.redeem(value);
                if (!code.clientId().equals(clientId)) {
                    throw CscError.of(400, "invalid_grant", "Invalid parameter code");
                }
                if (!code.redirectUri().toString().equals(form.get("redirect_uri"))) {
                    throw CscError.of(400, "invalid_grant", "redirect_uri parameter does not match");
                }
                if (code.codeChallenge() != null
                        && !OAuthRules.pkceMatches(
                                code.codeChallenge(), code.codeChallengeMethod(), form.get("code_verifier"))) {
                    throw CscError.of(400, "invalid_grant", "Invalid parameter code_verifier");
                }
                if (code.authorizationDetails() != null
                        && !RichAuthorization.repeated(
                                code.authorizationDetails(), form.get("authorization_details"))) {
                    // Section 8.4.4: the token request repeats them; EUDI-QTSP refuses a difference so.
                    throw CscError.of(400, "invalid_grant", "authorization_details do not match the authorization");
                }
                String family = authorizations.newFamily();
                if (code.scope() == Scope.SERVICE) {
                    answer.put(
                            "access_token",
                            authorizations.issueToken(Scope.SERVICE, family, null, settings.tokenLifetime()));
                    answer.put(
                            "refresh_token", authorizations.issueRefreshToken(family, settings.refreshTokenLifetime()));
                    answer.put("token_type", "Bearer");
                    answer.put("expires_in", settings.tokenLifetime().toSeconds());
                } else {
                    answer.put(
                            "access_token",
                            authorizations.issueToken(Scope.CREDENTIAL, family, code.grant(), settings.sadLifetime()));
                    answer.put("token_type", "Bearer");
                    answer.put("expires_in", settings.sadLifetime().toSeconds());
                    if (settings.profile() == CscProfile.LVRTC && code.grant().hashes != null) {
                        answer.put("authorization_details", RichAuthorization.digestSigning(code.grant()));
                    }
                    counters.authorized(code.grant().credentialId);
                }
            }
            case "refresh_token" -> {
                String refresh = form.get("refresh_token");
                if (refresh == null) {
                    throw CscError.invalidRequest("Missing parameter refresh_token");
                }
                String family = authorizations.refresh(refresh);
                answer.put(
                        "access_token",
                        authorizations.issueToken(Scope.SERVICE, family, null, settings.tokenLifetime()));
                answer.put("token_type", "Bearer");
                answer.put("expires_in", settings.tokenLifetime().toSeconds());
            }
            default -> throw CscError.invalid("grant_type");
        }
        return answer;
    }

    /** RFC 7009: 204 whether or not the token was known. */
    void revoke(Map<String, String> form, Secret basic) {
        requireClient(form, basic);
        String token = form.get("token");
        if (token == null) {
            throw CscError.invalidRequest("Missing parameter token");
        }
        authorizations.revoke(token);
    }

    /** auth/login: HTTP Basic user:password, or a refresh token from an earlier rememberMe login. */
    Map<String, Object> login(JsonNode request, String authorizationHeader) {
        String family;
        boolean rememberMe = CscMethods.flag(request, "rememberMe");
        JsonNode refresh = request.get("refresh_token");
        if (refresh != null && !refresh.isNull()) {
            if (!refresh.isString()) {
                throw CscError.invalidRequest("Invalid string parameter: refresh_token");
            }
            try {
                family = authorizations.refresh(refresh.stringValue());
            } catch (CscError e) {
                throw CscError.invalidRequest("Invalid refresh_token");
            }
        } else {
            if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
                throw CscError.of(401, "invalid_request", "Malformed authentication parameter");
            }
            Secret user = basic(authorizationHeader);
            if (user == null) {
                throw CscError.invalidRequest("Malformed username-password");
            }
            if (!settings.username().equals(user.id()) || !settings.password().equals(user.secret())) {
                throw CscError.of(400, "authentication_error", "An error occurred during authentication process");
            }
            family = authorizations.newFamily();
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", authorizations.issueToken(Scope.SERVICE, family, null, settings.tokenLifetime()));
        if (rememberMe) {
            answer.put("refresh_token", authorizations.issueRefreshToken(family, settings.refreshTokenLifetime()));
        }
        answer.put("expires_in", settings.tokenLifetime().toSeconds());
        return answer;
    }

    /** auth/revoke: the caller holds a live token; the named token stops working at once. */
    void authRevoke(JsonNode request) {
        JsonNode token = request.get("token");
        if (token == null || !token.isString()) {
            throw CscError.missing("string", "token");
        }
        authorizations.revoke(token.stringValue());
    }

    /**
     * The client by HTTP Basic or in the form (RFC 6749 section 2.3.1); a profile may insist on
     * one of them, answering 401 {@code invalid_client} as RFC 6749 section 5.2 has it.
     */
    private String requireClient(Map<String, String> form, Secret basic) {
        if (basic == null && settings.profile().basicClientOnly() && form.containsKey("client_secret")) {
            throw CscError.of(401, "invalid_client", "Client authentication by HTTP Basic required");
        }
        if (basic != null && settings.profile().formClientOnly()) {
            throw CscError.of(401, "invalid_client", "Client authentication in the request body required");
        }
        String clientId = basic != null ? basic.id() : form.get("client_id");
        String clientSecret = basic != null ? basic.secret() : form.get("client_secret");
        if (clientId == null) {
            throw CscError.invalidRequest("Missing parameter client_id");
        }
        if (!settings.clientId().equals(clientId)) {
            throw CscError.invalid("client_id");
        }
        if (clientSecret == null) {
            throw CscError.invalidRequest("Client authorization required");
        }
        if (!settings.clientSecret().equals(clientSecret)) {
            throw CscError.invalid("client_secret");
        }
        return clientId;
    }

    /** HTTP Basic {@code id:secret}, each form-url-encoded (RFC 6749 section 2.3.1); null if not id:secret. */
    static Secret basic(String header) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw CscError.invalidRequest("Malformed authorization header");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        return new Secret(
                java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
    }

    private static Redirect error(URI redirectUri, String error, String description, String state) {
        return new Redirect(OAuthRedirects.error(redirectUri, error, description, state));
    }
}
