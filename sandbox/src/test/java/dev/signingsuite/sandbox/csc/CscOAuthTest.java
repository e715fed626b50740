package dev.signingsuite.sandbox.csc;

import static dev.signingsuite.sandbox.csc.CscHttp.assertError;
import static dev.signingsuite.sandbox.csc.CscHttp.b64;
import static dev.signingsuite.sandbox.csc.CscHttp.digest;
import static dev.signingsuite.sandbox.csc.CscHttp.json;
import static dev.signingsuite.sandbox.csc.CscHttp.ok;
import static dev.signingsuite.sandbox.csc.CscHttp.redirectQuery;
import static dev.signingsuite.sandbox.csc.CscHttp.texts;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OAuth 2.0 authorisation server and auth/login over HTTP: redirects, codes, PKCE, refresh, revoke, expiry. */
class CscOAuthTest {

    private static final String REDIRECT = "http://127.0.0.1:18080/csc/callback";
    private static final String VERIFIER = "a-verifier-of-at-least-43-characters-0123456789abcdef";
    private static final String OAUTH = CscSettings.OAUTH_CREDENTIAL_ID;
    private static final String CLIENT = "client_id=sandbox-client&client_secret=sandbox-secret";
    private static final String SHA256 = "2.16.840.1.101.3.4.2.1";
    private static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";

    private CscHttp csc;

    @BeforeEach
    void start() throws Exception {
        csc = new CscHttp(CscSettings.defaults());
    }

    @AfterEach
    void stop() {
        csc.close();
    }

    @Test
    void authorizationCodeFlowRedirectsWithCodeAndStateAndTheCodeIsRedeemedOnceWithPkce() throws Exception {
        Map<String, String> redirect = redirectQuery(authorize(Map.of("scope", "service", "state", "st-1")));
        assertThat(redirect.get("#base")).isEqualTo(REDIRECT);
        assertThat(redirect.get("state")).isEqualTo("st-1");
        String code = redirect.get("code");
        assertThat(code).isNotBlank();

        assertError(
                csc.form("oauth2/token", codeForm(code, "http://127.0.0.1:18080/other", VERIFIER)),
                400,
                "invalid_grant",
                "redirect_uri parameter does not match");
        assertError(
                csc.form("oauth2/token", codeForm(code, REDIRECT, VERIFIER)),
                400,
                "invalid_grant",
                "Invalid parameter code");

        String second = redirectQuery(authorize(Map.of("scope", "service"))).get("code");
        assertError(
                csc.form("oauth2/token", codeForm(second, REDIRECT, "not-the-verifier")),
                400,
                "invalid_grant",
                "Invalid parameter code_verifier");

        String third = redirectQuery(authorize(Map.of())).get("code");
        JsonNode tokens = ok(csc.form("oauth2/token", codeForm(third, REDIRECT, VERIFIER)));
        assertThat(tokens.get("token_type").stringValue()).isEqualTo("Bearer");
        assertThat(tokens.get("expires_in").intValue()).isEqualTo(3600);
        assertThat(tokens.get("refresh_token").stringValue()).isNotBlank();
        ok(csc.call("credentials/list", "{}", tokens.get("access_token").stringValue()));
    }

    @Test
    void badClientsAndRedirectUrisAreAnsweredDirectlyOtherFaultsOnTheRedirect() throws Exception {
        Map<String, String> wrongHost = new LinkedHashMap<>(params(Map.of()));
        wrongHost.put("redirect_uri", "http://evil.example/csc/callback");
        assertError(
                csc.get("oauth2/authorize?" + query(wrongHost)),
                400,
                "invalid_request",
                "Invalid parameter redirect_uri");
        Map<String, String> wrongPath = new LinkedHashMap<>(params(Map.of()));
        wrongPath.put("redirect_uri", "http://127.0.0.1:18080/elsewhere");
        assertError(
                csc.get("oauth2/authorize?" + query(wrongPath)),
                400,
                "invalid_request",
                "Invalid parameter redirect_uri");
        Map<String, String> wrongClient = new LinkedHashMap<>(params(Map.of()));
        wrongClient.put("client_id", "someone");
        assertError(
                csc.get("oauth2/authorize?" + query(wrongClient)),
                400,
                "invalid_request",
                "Invalid parameter client_id");

        Map<String, String> noPkce = new LinkedHashMap<>(params(Map.of("state", "s")));
        noPkce.remove("code_challenge");
        Map<String, String> refused = redirectQuery(csc.get("oauth2/authorize?" + query(noPkce)));
        assertThat(refused).containsEntry("error", "invalid_request").containsEntry("state", "s");
        assertThat(refused).doesNotContainKey("code");

        csc.simulator.approving(false);
        Map<String, String> denied = redirectQuery(authorize(Map.of("state", "s2")));
        assertThat(denied).containsEntry("error", "access_denied").containsEntry("state", "s2");
    }

    @Test
    void anAuthorizationCodeExpires() throws Exception {
        String code = redirectQuery(authorize(Map.of())).get("code");
        csc.clock.advance(Duration.ofMinutes(1));
        assertError(
                csc.form("oauth2/token", codeForm(code, REDIRECT, VERIFIER)),
                400,
                "invalid_grant",
                "Authorization code is invalid or expired");
    }

    @Test
    void aCredentialScopeTokenSignsExactlyTheHashesAuthorisedAtTheRedirect() throws Exception {
        byte[] one = digest("SHA-256", "one".getBytes(UTF_8));
        byte[] two = digest("SHA-256", "two".getBytes(UTF_8));
        String hashes = Base64.getUrlEncoder().withoutPadding().encodeToString(one) + ","
                + Base64.getUrlEncoder().withoutPadding().encodeToString(two);
        Map<String, String> noHashes = redirectQuery(
                authorize(Map.of("scope", "credential", "credentialID", OAUTH, "numSignatures", "2", "state", "c0")));
        assertThat(noHashes).containsEntry("error", "invalid_request").containsEntry("state", "c0");

        String code = redirectQuery(authorize(Map.of(
                        "scope", "credential",
                        "credentialID", OAUTH,
                        "numSignatures", "2",
                        "hashes", hashes,
                        "hashAlgorithmOID", SHA256)))
                .get("code");
        JsonNode tokens = ok(csc.form("oauth2/token", codeForm(code, REDIRECT, VERIFIER)));
        assertThat(tokens.get("expires_in").intValue()).isEqualTo(300);
        assertThat(tokens.has("refresh_token"))
                .as("credential scope has no refresh token")
                .isFalse();
        String credentialToken = tokens.get("access_token").stringValue();
        assertThat(csc.simulator.authorizations(OAUTH)).isEqualTo(1);

        ok(csc.call("credentials/info", json(Map.of("credentialID", OAUTH)), credentialToken));
        assertError(
                csc.call(
                        "credentials/info",
                        json(Map.of("credentialID", CscSettings.DEFAULT_CREDENTIAL_ID)),
                        credentialToken),
                400,
                "invalid_request",
                "Invalid parameter credentialID");
        assertThat(csc.call("credentials/list", "{}", credentialToken).statusCode())
                .isEqualTo(401);

        assertError(
                signHash(credentialToken, List.of(b64(digest("SHA-256", "three".getBytes(UTF_8))))),
                400,
                "invalid_request",
                "Hash is not authorized by the SAD");
        JsonNode signed = ok(signHash(credentialToken, List.of(b64(two), b64(one))));
        List<String> values = texts(signed.get("signatures"));
        assertThat(verifies("two", values.get(0))).isTrue();
        assertThat(verifies("one", values.get(1))).isTrue();
        assertThat(signHash(credentialToken, List.of(b64(one))).statusCode()).isEqualTo(400);
        assertThat(csc.simulator.signHashSizes(OAUTH)).containsExactly(2);
    }

    @Test
    void credentialScopeHashesMayComeAsStandardBase64() throws Exception {
        byte[] hash = null;
        for (int i = 0; hash == null; i++) {
            byte[] candidate = digest("SHA-256", ("doc " + i).getBytes(UTF_8));
            if (b64(candidate).contains("+") || b64(candidate).contains("/")) {
                hash = candidate;
            }
        }
        String code = redirectQuery(authorize(Map.of(
                        "scope",
                        "credential",
                        "credentialID",
                        OAUTH,
                        "numSignatures",
                        "1",
                        "hashes",
                        b64(hash),
                        "hashAlgorithmOID",
                        SHA256)))
                .get("code");
        String credentialToken = ok(csc.form("oauth2/token", codeForm(code, REDIRECT, VERIFIER)))
                .get("access_token")
                .stringValue();
        ok(signHash(credentialToken, List.of(b64(hash))));
        assertThat(csc.simulator.signHashCalls(OAUTH)).isEqualTo(1);
    }

    @Test
    void tokenEndpointErrorsFollowTheSpecification() throws Exception {
        assertError(csc.form("oauth2/token", CLIENT), 400, "invalid_request", "Missing parameter grant_type");
        assertError(
                csc.form("oauth2/token", "grant_type=password&" + CLIENT),
                400,
                "invalid_request",
                "Invalid parameter grant_type");
        assertError(
                csc.form("oauth2/token", "grant_type=authorization_code&" + CLIENT),
                400,
                "invalid_request",
                "Missing parameter code");
        assertError(
                csc.form("oauth2/token", "grant_type=client_credentials&client_id=sandbox-client"),
                400,
                "invalid_request",
                "Client authorization required");
        assertError(
                csc.form("oauth2/token", "grant_type=client_credentials&scope=credential&" + CLIENT),
                400,
                "invalid_scope",
                "client_credentials grants scope service only");
        assertThat(ok(csc.form("oauth2/token", "grant_type=client_credentials&" + CLIENT))
                        .has("refresh_token"))
                .isFalse();
    }

    @Test
    void refreshIssuesNewAccessTokensAndRevokingTheRefreshTokenEndsTheFamily() throws Exception {
        String code = redirectQuery(authorize(Map.of())).get("code");
        JsonNode tokens = ok(csc.form("oauth2/token", codeForm(code, REDIRECT, VERIFIER)));
        String access = tokens.get("access_token").stringValue();
        String refresh = tokens.get("refresh_token").stringValue();

        csc.clock.advance(Duration.ofHours(1));
        assertError(csc.call("credentials/list", "{}", access), 401, "expired_token", "The access token has expired");

        JsonNode refreshed =
                ok(csc.form("oauth2/token", "grant_type=refresh_token&refresh_token=" + refresh + "&" + CLIENT));
        String renewed = refreshed.get("access_token").stringValue();
        assertThat(renewed).isNotEqualTo(access);
        ok(csc.call("credentials/list", "{}", renewed));

        HttpResponse<byte[]> unknown = csc.post(
                "oauth2/revoke",
                "application/x-www-form-urlencoded",
                "token=never-issued",
                "Basic " + Base64.getEncoder().encodeToString("sandbox-client:sandbox-secret".getBytes(UTF_8)));
        assertThat(unknown.statusCode()).isEqualTo(204);
        HttpResponse<byte[]> revoked = csc.post(
                "oauth2/revoke",
                "application/x-www-form-urlencoded",
                "token=" + refresh + "&token_type_hint=refresh_token",
                "Basic " + Base64.getEncoder().encodeToString("sandbox-client:sandbox-secret".getBytes(UTF_8)));
        assertThat(revoked.statusCode()).isEqualTo(204);
        assertError(csc.call("credentials/list", "{}", renewed), 401, "invalid_token", "Invalid access token");
        assertError(
                csc.form("oauth2/token", "grant_type=refresh_token&refresh_token=" + refresh + "&" + CLIENT),
                400,
                "invalid_grant",
                "Invalid parameter refresh_token");
        assertError(
                csc.form("oauth2/revoke", "token=x&client_id=sandbox-client&client_secret=wrong"),
                400,
                "invalid_request",
                "Invalid parameter client_secret");
    }

    @Test
    void revokingAnAccessTokenLeavesItsRefreshToken() throws Exception {
        String code = redirectQuery(authorize(Map.of())).get("code");
        JsonNode tokens = ok(csc.form("oauth2/token", codeForm(code, REDIRECT, VERIFIER)));
        String access = tokens.get("access_token").stringValue();
        assertThat(csc.form("oauth2/revoke", "token=" + access + "&" + CLIENT).statusCode())
                .isEqualTo(204);
        assertError(csc.call("credentials/list", "{}", access), 401, "invalid_token", "Invalid access token");
        ok(csc.form(
                "oauth2/token",
                "grant_type=refresh_token&refresh_token="
                        + tokens.get("refresh_token").stringValue() + "&" + CLIENT));
    }

    @Test
    void authLoginWithBasicAndRememberMeAndAuthRevoke() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString("sandbox-user:sandbox-password".getBytes(UTF_8));
        JsonNode plain = ok(csc.post("auth/login", "application/json", "{}", basic));
        assertThat(plain.has("refresh_token")).isFalse();
        JsonNode remembered = ok(csc.post("auth/login", "application/json", "{\"rememberMe\":true}", basic));
        String access = remembered.get("access_token").stringValue();
        ok(csc.call("credentials/list", "{}", access));

        assertError(
                csc.post(
                        "auth/login",
                        "application/json",
                        "{}",
                        "Basic " + Base64.getEncoder().encodeToString("sandbox-user:wrong".getBytes(UTF_8))),
                400,
                "authentication_error",
                "An error occurred during authentication process");
        assertError(
                csc.post("auth/login", "application/json", "{}", null),
                401,
                "invalid_request",
                "Malformed authentication parameter");

        JsonNode again = ok(csc.post(
                "auth/login",
                "application/json",
                json(Map.of("refresh_token", remembered.get("refresh_token").stringValue())),
                null));
        String second = again.get("access_token").stringValue();

        assertThat(csc.call("auth/revoke", json(Map.of("token", access)), second)
                        .statusCode())
                .isEqualTo(204);
        assertError(csc.call("credentials/list", "{}", access), 401, "invalid_token", "Invalid access token");
        ok(csc.call("credentials/list", "{}", second));
    }

    @Test
    void aServiceOfferingOnlyBasicListsItAloneAndRefusesClientCredentials() throws Exception {
        csc.simulator.offerAuthTypes("basic");

        assertThat(texts(ok(csc.call("info", "{}", null)).get("authType"))).containsExactly("basic");
        assertError(
                csc.form("oauth2/token", "grant_type=client_credentials&" + CLIENT),
                400,
                "unauthorized_client",
                "The client credentials grant is not offered");

        csc.simulator.offerAuthTypes("basic", "oauth2client");
        assertThat(ok(csc.form("oauth2/token", "grant_type=client_credentials&" + CLIENT))
                        .has("access_token"))
                .isTrue();
    }

    @Test
    void infoAdvertisesTheAuthTypesMethodsAndOauthBase() throws Exception {
        JsonNode info = ok(csc.call("info", "{}", null));
        assertThat(texts(info.get("authType"))).containsExactlyInAnyOrder("basic", "oauth2client", "oauth2code");
        assertThat(texts(info.get("methods")))
                .contains(
                        "auth/login",
                        "oauth2/authorize",
                        "oauth2/token",
                        "oauth2/revoke",
                        "credentials/sendOTP",
                        "signatures/signHash")
                .doesNotContain("signatures/signDoc");
        assertThat(texts(info.get("signAlgorithms").get("algos")))
                .contains("1.2.840.113549.1.1.10", ECDSA_SHA256, "1.2.840.113549.1.1.11");
        assertThat(info.get("oauth2").stringValue()).isEqualTo(csc.server.baseUrl() + "/csc/v2");
        assertThat(csc.call("signatures/signDoc", "{}", null).statusCode()).isEqualTo(501);
    }

    private HttpResponse<byte[]> signHash(String bearer, List<String> hashes) throws Exception {
        return csc.call(
                "signatures/signHash",
                json(Map.of("credentialID", OAUTH, "hashes", hashes, "signAlgo", ECDSA_SHA256)),
                bearer);
    }

    private boolean verifies(String document, String value) throws Exception {
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initVerify(csc.simulator.certificate(OAUTH).getPublicKey());
        signature.update(document.getBytes(UTF_8));
        return signature.verify(Base64.getDecoder().decode(value));
    }

    private HttpResponse<byte[]> authorize(Map<String, String> extra) throws Exception {
        return csc.get("oauth2/authorize?" + query(params(extra)));
    }

    private static Map<String, String> params(Map<String, String> extra) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", "sandbox-client");
        params.put("redirect_uri", REDIRECT);
        params.put(
                "code_challenge",
                Base64.getUrlEncoder().withoutPadding().encodeToString(digest("SHA-256", VERIFIER.getBytes(US_ASCII))));
        params.put("code_challenge_method", "S256");
        params.putAll(extra);
        return params;
    }

    private static String codeForm(String code, String redirectUri, String verifier) {
        return "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(redirectUri)
                + "&code_verifier=" + enc(verifier) + "&" + CLIENT;
    }

    private static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, UTF_8);
    }
}
