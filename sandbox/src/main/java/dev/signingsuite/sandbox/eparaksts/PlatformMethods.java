package dev.signingsuite.sandbox.eparaksts;

import dev.signingsuite.sandbox.pki.TestPki;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/** The platform's endpoints on parsed input; checks in the order the spec's §15 lists them. */
final class PlatformMethods {

    static final String AS_SIGN = "lvrtc-eipsign-as";
    static final String AS_AGE = "lvrtc-eips-as";
    static final String AA = "urn:lvrtc:fpeil:aa";
    static final String PROFILE = "urn:safelayer:eidas:sign:identity:profile";
    static final String USE_SERVER = SignIdentity.USE_SERVER;
    static final String USE_DEVICE = "urn:safelayer:eidas:sign:identity:use:device";
    static final String INTROSPECT = "urn:safelayer:eidas:oauth:token:introspect";
    private static final Set<String> USER_SCOPES = Set.of(AA, PROFILE, USE_SERVER, USE_DEVICE);

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
    private final URI resources;
    private final Map<String, SignIdentity> identities = new LinkedHashMap<>();
    private final AtomicInteger singleSignatures = new AtomicInteger();
    private volatile int corruptEveryNth;
    private volatile boolean approving = true;

    PlatformMethods(EparakstsSettings settings, TestPki pki, Grants grants, Clock clock, URI resources) {
        this.settings = settings;
        this.grants = grants;
        this.clock = clock;
        this.resources = resources;
        for (EparakstsSettings.Seal seal : settings.seals()) {
            add(new SignIdentity(
                    seal.id(),
                    "eparaksts:qsealc:sign",
                    List.of(
                            "qsealc",
                            "qsealcVersion1",
                            seal.cnLabel(),
                            "x509:keyUsage:contentCommitment",
                            "eparaksts",
                            "tknid:" + seal.id().substring(0, 8)),
                    true,
                    pki.entity(seal.entity())));
        }
        // The person's own identities: a client must not take them for seals.
        String person = settings.person().entity();
        add(new SignIdentity(
                "7mmprhva8url12kk1vauj2ikuj",
                "eparaksts:serverid:sign",
                List.of(
                        "serveridVersion1",
                        "x509:keyUsage:contentCommitment",
                        "CN:" + settings.person().givenName() + " "
                                + settings.person().familyName(),
                        "eparaksts",
                        "serverid"),
                true,
                pki.entity(person)));
        add(new SignIdentity(
                "v05nvkmq3lgjh4f6n2naoe7aee",
                "eparaksts:mobileid:auth",
                List.of("mobileidVersion2", "mobileid", "x509:keyUsage:digitalSignature", "eparaksts"),
                false,
                pki.entity(person)));
    }

    private void add(SignIdentity identity) {
        identities.put(identity.id(), identity);
    }

    int singleSignatures() {
        return singleSignatures.get();
    }

    void resetSingleSignatures() {
        singleSignatures.set(0);
    }

    void corruptEveryNth(int n) {
        corruptEveryNth = Math.max(0, n);
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
            boolean age = requested.startsWith(AA + ":age");
            if (AS_AGE.equals(as) ? !age : !USER_SCOPES.contains(requested)) {
                return error(redirectUri, "invalid_scope", "Scope not available here: " + requested, state);
            }
        }
        String identityId = query.get("sign_identity_id");
        String summary = query.get("digests_summary");
        if (scopes.contains(USE_SERVER)) {
            if (identityId != null && !serverIdentity(identityId)) {
                return error(redirectUri, "invalid_request", "sign_identity_id is not the user's", state);
            }
            if ((summary == null) != (query.get("digests_summary_algorithm") == null)) {
                return error(
                        redirectUri,
                        "invalid_request",
                        "digests_summary and digests_summary_algorithm go together",
                        state);
            }
            if (summary != null && identityId == null) {
                return error(redirectUri, "invalid_request", "digests_summary needs sign_identity_id", state);
            }
        }
        if (!approving) {
            return error(redirectUri, "access_denied", "The user did not approve", state);
        }
        String code = grants.issueCode(
                new Grants.Approval(scopes, settings.person().sub(), identityId, summary, redirectUri),
                settings.codeLifetime());
        return new Redirect(with(redirectUri, "code=" + EparakstsSimulator.encode(code), state));
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
                        clock.instant().plus(lifetime));
            }
            case "client_credentials" -> {
                String scope = form.getOrDefault("scope", "");
                if (!INTROSPECT.equals(scope.trim())) {
                    throw new PlatformError(400, "invalid_scope", "client_credentials grants only " + INTROSPECT);
                }
                lifetime = settings.serviceTokenLifetime();
                token = new Grants.Token(
                        Set.of(INTROSPECT), null, null, null, clock.instant().plus(lifetime));
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

    Map<String, Object> usersMe(String bearer) {
        Grants.Token token = userToken(bearer);
        if (!token.has(AA) && !token.has(PROFILE)) {
            throw PlatformError.insufficientScope("users/me needs " + AA + " or " + PROFILE);
        }
        Map<String, Object> me = new LinkedHashMap<>();
        if (token.has(AA)) {
            EparakstsSettings.TestPerson person = settings.person();
            me.put("sub", person.sub());
            me.put("domain", "citizen");
            me.put("acr", "urn:safelayer:tws:policies:authentication:level:high");
            me.put("amr", List.of("urn:eparaksts:tws:policies:authentication:adaptive:methods:mobileid"));
            me.put("given_name", person.givenName());
            me.put("family_name", person.familyName());
            me.put("name", person.givenName() + " " + person.familyName());
            me.put("serial_number", person.serialNumber());
        }
        if (token.has(PROFILE)) {
            me.put(
                    "sign_identities",
                    identities.values().stream()
                            .map(identity -> identity.toJson(resources, token.userId()))
                            .toList());
        }
        return me;
    }

    Map<String, Object> signIdentity(String bearer, String id) {
        Grants.Token token = userToken(bearer);
        if (!token.has(PROFILE)) {
            throw PlatformError.insufficientScope("sign_identities needs " + PROFILE);
        }
        SignIdentity identity = identities.get(id);
        if (identity == null) {
            throw PlatformError.notFound("NotFoundException: sign identity " + id);
        }
        return Map.of("identity", identity.toJson(resources, token.userId()));
    }

    byte[] raw(String bearer, JsonNode request) {
        Grants.Token token = signingToken(bearer);
        SignIdentity identity = signingIdentity(token, text(request, "sign_identity_id"));
        SignatureAlgorithms.Algorithm algorithm = algorithm(identity, text(request, "signature_algorithm"));
        byte[] digest = digest(request.get("digest_value"), algorithm);
        checkSummary(bearer, token, List.of(digest));
        singleSignatures.incrementAndGet();
        return identity.sign(algorithm, digest);
    }

    List<String> batch(String bearer, JsonNode request) {
        Grants.Token token = signingToken(bearer);
        SignIdentity identity = signingIdentity(token, text(request, "sign_identity_id"));
        JsonNode requests = request.get("requests");
        if (requests == null || !requests.isArray() || requests.isEmpty()) {
            throw PlatformError.invalidRequest("requests must be a non-empty array");
        }
        if (requests.size() > settings.maxBatch()) {
            throw PlatformError.invalidRequest(
                    "Too many requests in one batch: " + requests.size() + " > " + settings.maxBatch());
        }
        JsonNode defaultAlgorithm = request.get("signature_algorithm");
        List<SignatureAlgorithms.Algorithm> algorithms = new ArrayList<>();
        List<byte[]> digests = new ArrayList<>();
        for (JsonNode item : requests.values()) {
            JsonNode named =
                    item.hasNonNull("signature_algorithm") ? item.get("signature_algorithm") : defaultAlgorithm;
            SignatureAlgorithms.Algorithm algorithm =
                    algorithm(identity, named != null && named.isString() ? named.stringValue() : null);
            algorithms.add(algorithm);
            digests.add(digest(item.get("digest_value"), algorithm));
        }
        checkSummary(bearer, token, digests);
        int corrupt = corruptEveryNth;
        List<String> signatures = new ArrayList<>(digests.size());
        for (int i = 0; i < digests.size(); i++) {
            byte[] digest = digests.get(i);
            if (corrupt > 0 && (i + 1) % corrupt == 0) {
                digest = sha(
                        digest,
                        algorithms.get(i).ecdsa()
                                ? digest.length
                                : algorithms.get(i).digestLength());
            }
            signatures.add(Base64.getEncoder().encodeToString(identity.sign(algorithms.get(i), digest)));
        }
        return signatures;
    }

    private Grants.Token userToken(String bearer) {
        Grants.Token token = grants.token(bearer);
        if (token.userId() == null) {
            throw PlatformError.insufficientScope("A user token is needed");
        }
        return token;
    }

    private Grants.Token signingToken(String bearer) {
        Grants.Token token = userToken(bearer);
        if (!token.has(USE_SERVER)) {
            throw PlatformError.insufficientScope("server signatures need " + USE_SERVER);
        }
        return token;
    }

    private SignIdentity signingIdentity(Grants.Token token, String id) {
        if (id == null) {
            throw PlatformError.invalidRequest("Missing parameter sign_identity_id");
        }
        if (!serverIdentity(id)) {
            throw PlatformError.notFound("NotFoundException: server sign identity " + id);
        }
        if (token.signIdentityId() != null && !token.signIdentityId().equals(id)) {
            throw PlatformError.insufficientScope("The token was not approved for sign identity " + id);
        }
        return identities.get(id);
    }

    private boolean serverIdentity(String id) {
        SignIdentity identity = identities.get(id);
        return identity != null && identity.server();
    }

    private static SignatureAlgorithms.Algorithm algorithm(SignIdentity identity, String name) {
        SignatureAlgorithms.Algorithm algorithm = SignatureAlgorithms.of(name);
        if (algorithm.ecdsa() != identity.ecdsa()) {
            throw PlatformError.invalidRequest("signature_algorithm " + name + " does not fit the key");
        }
        return algorithm;
    }

    private static byte[] digest(JsonNode node, SignatureAlgorithms.Algorithm algorithm) {
        if (node == null || !node.isString()) {
            throw PlatformError.invalidRequest("Missing parameter digest_value");
        }
        String text = node.stringValue();
        // The wiki's example has no padding; clients usually send it padded: both are accepted.
        while (text.length() % 4 != 0) {
            text += "=";
        }
        byte[] digest;
        try {
            digest = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw PlatformError.invalidRequest("digest_value is not base64");
        }
        boolean fits = algorithm.ecdsa()
                ? digest.length == 32 || digest.length == 48 || digest.length == 64
                : digest.length == algorithm.digestLength();
        if (!fits) {
            throw PlatformError.invalidRequest(
                    "Invalid digest_value length " + digest.length + " for " + algorithm.name());
        }
        return digest;
    }

    /** A token approved for a digests summary signs exactly those digests, once. */
    private void checkSummary(String bearer, Grants.Token token, List<byte[]> digests) {
        if (token.digestsSummary() == null) {
            return;
        }
        grants.spend(bearer);
        if (!digestsSummary(digests).equals(token.digestsSummary())) {
            throw PlatformError.insufficientScope("The digests are not covered by the approved digests_summary");
        }
    }

    /** The summary formula: base64(SHA-256(digests concatenated)) [INFERRED for more than one]. */
    static String digestsSummary(List<byte[]> digests) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        digests.forEach(all::writeBytes);
        return Base64.getEncoder().encodeToString(sha(all.toByteArray(), 32));
    }

    private static byte[] sha(byte[] data, int length) {
        String name = switch (length) {
            case 20 -> "SHA-1";
            case 48 -> "SHA-384";
            case 64 -> "SHA-512";
            default -> "SHA-256";
        };
        try {
            return MessageDigest.getInstance(name).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

    /** Exact match, except that a loopback redirect URI may name any port (RFC 8252 section 7.3). */
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
        URI registered = settings.redirectUri();
        boolean loopback = "127.0.0.1".equals(registered.getHost()) || "localhost".equals(registered.getHost());
        boolean matches = value.equals(registered.toString())
                || (loopback
                        && registered.getScheme().equals(requested.getScheme())
                        && registered.getHost().equals(requested.getHost())
                        && registered.getPath().equals(requested.getPath())
                        && requested.getRawQuery() == null);
        if (!matches) {
            throw PlatformError.invalidRequest("redirect_uri is not registered for the client");
        }
        return requested;
    }

    private static Redirect error(URI redirectUri, String error, String description, String state) {
        return new Redirect(with(
                redirectUri, "error=" + error + "&error_description=" + EparakstsSimulator.encode(description), state));
    }

    private static URI with(URI redirectUri, String parameters, String state) {
        String query = parameters + (state == null ? "" : "&state=" + EparakstsSimulator.encode(state));
        return URI.create(redirectUri + (redirectUri.getRawQuery() == null ? "?" : "&") + query);
    }

    private static String text(JsonNode request, String field) {
        JsonNode node = request.get(field);
        return node != null && node.isString() ? node.stringValue() : null;
    }
}
