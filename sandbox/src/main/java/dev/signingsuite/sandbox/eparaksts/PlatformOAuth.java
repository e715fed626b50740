package dev.signingsuite.sandbox.eparaksts;

import dev.signingsuite.sandbox.http.OAuthRedirects;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** The authorisation server's endpoints (authorize, token, introspect); checks in the order of spec §15. */
final class PlatformOAuth {

    static final String AS_SIGN = "lvrtc-eipsign-as";
    static final String AS_AGE = "lvrtc-eips-as";
    static final String INTROSPECT = "urn:safelayer:eidas:oauth:token:introspect";
    private static final Set<String> USER_SCOPES =
            Set.of(IdentityLookup.AA, IdentityLookup.PROFILE, IdentityLookup.USE_SERVER, IdentityLookup.USE_DEVICE);

    record Client(String clientId, String clientSecret) {
        @Override
        public String toString() {
            return "Client[" + clientId + "]";
        }
    }

    record Redirect(URI location) {}

    private final EparakstsSettings settings;
    private final Grants grants;
    private final Clock clock;
    private final IdentityLookup identities;
    private volatile boolean approving = true;
    private final List<EparakstsSimulator.SigningApproval> approvals = new CopyOnWriteArrayList<>();

    PlatformOAuth(EparakstsSettings settings, Grants grants, Clock clock, IdentityLookup identities) {
        this.settings = settings;
        this.grants = grants;
        this.clock = clock;
        this.identities = identities;
    }

    List<EparakstsSimulator.SigningApproval> approvals() {
        return List.copyOf(approvals);
    }

    void clearApprovals() {
        approvals.clear();
    }

    void approving(boolean approve) {
        approving = approve;
    }

    /** GET authorize: the person is taken as logged in and approving; answers the redirect. */
    Redirect authorize(String as, Map<String, String> query) {
        requireAs(as);
        String clientId = query.get("client_id");
        if (clientId == null || !settings.clientId().equals(clientId)) {
            throw PlatformError.invalidRequest("Unknown client_id");
        }
        URI redirectUri = redirectUri(query.get("redirect_uri"));
        String state = query.get("state");
        if (!"code".equals(query.get("response_type"))) {
            return error(redirectUri, "unsupported_response_type", "response_type must be code", state);
        }
        String scope = query.get("scope");
        if (scope == null || scope.isBlank()) {
            return error(redirectUri, "invalid_scope", "scope is required", state);
        }
        Set<String> scopes = new LinkedHashSet<>(EparakstsSimulator.split(scope));
        for (String requested : scopes) {
            boolean age = requested.startsWith(IdentityLookup.AA + ":age");
            if (AS_AGE.equals(as) ? !age : !USER_SCOPES.contains(requested)) {
                return error(redirectUri, "invalid_scope", "Scope not available here: " + requested, state);
            }
        }
        String identityId = query.get("sign_identity_id");
        String summary = query.get("digests_summary");
        String summaryAlgorithm = query.get("digests_summary_algorithm");
        if (scopes.contains(IdentityLookup.USE_SERVER)) {
            // Spec section 3.3, 11.2 step 5 and 11.4 step 4: the signing leg names the identity and the
            // digests the person confirms in the app; section 15 item 3 makes all three required.
            if (identityId == null || summary == null || summaryAlgorithm == null) {
                return error(
                        redirectUri,
                        "invalid_request",
                        "use:server needs sign_identity_id, digests_summary and digests_summary_algorithm",
                        state);
            }
            if (!identities.serverIdentity(identityId)) {
                return error(redirectUri, "invalid_request", "sign_identity_id is not the user's", state);
            }
            if (DigestsSummary.hash(summaryAlgorithm) == null) {
                return error(
                        redirectUri,
                        "invalid_request",
                        "Unsupported digests_summary_algorithm " + summaryAlgorithm,
                        state);
            }
        }
        if (!approving) {
            return error(redirectUri, "access_denied", "The user did not approve", state);
        }
        if (scopes.contains(IdentityLookup.USE_SERVER)) {
            approvals.add(new EparakstsSimulator.SigningApproval(identityId, summary));
        }
        String code = grants.issueCode(
                new Grants.Approval(
                        scopes, settings.person().sub(), identityId, summary, summaryAlgorithm, redirectUri),
                settings.codeLifetime());
        return new Redirect(OAuthRedirects.withParameters(redirectUri, "code=" + OAuthRedirects.encode(code), state));
    }

    Map<String, Object> token(String as, Map<String, String> form, Client basic) {
        requireAs(as);
        requireClient(basic);
        String grantType = form.get("grant_type");
        if (grantType == null) {
            throw PlatformError.invalidRequest("Missing parameter grant_type");
        }
        Grants.Token token;
        Duration lifetime;
        switch (grantType) {
            case "authorization_code" -> {
                Grants.Approval approval = grants.redeem(form.get("code"));
                String redirect = form.get("redirect_uri");
                if (redirect == null || !approval.redirectUri().toString().equals(redirect)) {
                    throw new PlatformError(400, "invalid_grant", "redirect_uri does not match the authorization");
                }
                lifetime = settings.userTokenLifetime();
                token = new Grants.Token(
                        approval.scopes(),
                        approval.userId(),
                        approval.signIdentityId(),
                        approval.digestsSummary(),
                        approval.digestsSummaryAlgorithm(),
                        clock.instant().plus(lifetime));
            }
            case "client_credentials" -> {
                String scope = form.getOrDefault("scope", "");
                if (!INTROSPECT.equals(scope.trim())) {
                    throw new PlatformError(400, "invalid_scope", "client_credentials grants only " + INTROSPECT);
                }
                lifetime = settings.serviceTokenLifetime();
                token = new Grants.Token(
                        Set.of(INTROSPECT),
                        null,
                        null,
                        null,
                        null,
                        clock.instant().plus(lifetime));
            }
            case "refresh_token" ->
                throw new PlatformError(400, "unsupported_grant_type", "Refresh token functionality is not supported");
            default -> throw new PlatformError(400, "unsupported_grant_type", "Unsupported grant_type " + grantType);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", grants.issueToken(token));
        answer.put("token_type", "Bearer");
        answer.put("expires_in", lifetime.toSeconds());
        answer.put("scope", String.join(" ", token.scopes()));
        return answer;
    }

    /** RFC 7662 token introspection for the client that holds the token [INFERRED: LVRTC documents none]. */
    Map<String, Object> introspect(Map<String, String> form, Client basic) {
        requireClient(basic);
        String value = form.get("token");
        if (value == null) {
            throw PlatformError.invalidRequest("Missing parameter token");
        }
        Grants.Token token;
        try {
            token = grants.token(value);
        } catch (PlatformError e) {
            return Map.of("active", false);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("active", true);
        answer.put("scope", String.join(" ", token.scopes()));
        answer.put("client_id", settings.clientId());
        answer.put("token_type", "Bearer");
        answer.put("exp", token.expiresAt().getEpochSecond());
        if (token.userId() != null) {
            answer.put("sub", token.userId());
        }
        return answer;
    }

    private void requireAs(String as) {
        if (!AS_SIGN.equals(as) && !AS_AGE.equals(as)) {
            throw PlatformError.notFound("NotFoundException: authorization server " + as);
        }
    }

    private void requireClient(Client basic) {
        if (basic == null) {
            throw new PlatformError(401, "invalid_client", "Client authentication (HTTP Basic) is required");
        }
        if (!settings.clientId().equals(basic.clientId())
                || !settings.clientSecret().equals(basic.clientSecret())) {
            throw new PlatformError(401, "invalid_client", "Client authentication failed");
        }
    }

    /** The registered redirect URI the request names ({@link OAuthRedirects#matches}). */
    private URI redirectUri(String value) {
        if (value == null) {
            throw PlatformError.invalidRequest("Missing parameter redirect_uri");
        }
        URI requested;
        try {
            requested = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw PlatformError.invalidRequest("Malformed redirect_uri");
        }
        if (!OAuthRedirects.matches(settings.redirectUri(), value, requested)) {
            throw PlatformError.invalidRequest("redirect_uri is not registered for the client");
        }
        return requested;
    }

    private static Redirect error(URI redirectUri, String error, String description, String state) {
        return new Redirect(OAuthRedirects.error(redirectUri, error, description, state));
    }
}
