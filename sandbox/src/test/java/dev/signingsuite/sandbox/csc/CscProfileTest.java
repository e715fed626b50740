package dev.signingsuite.sandbox.csc;

import static dev.signingsuite.sandbox.csc.CscHttp.assertError;
import static dev.signingsuite.sandbox.csc.CscHttp.digest;
import static dev.signingsuite.sandbox.csc.CscHttp.ok;
import static dev.signingsuite.sandbox.csc.CscHttp.redirectQuery;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Each service profile's strictness, driven with the request examples of the published material
 * (csc-api-v2.md and eparaksts.md in the shared specs, which cite their sources): the
 * specification's own samples where a profile refuses what the specification allows.
 */
class CscProfileTest {

    private static final String REDIRECT = "http://127.0.0.1:18080/csc/callback";
    private static final String VERIFIER = "a-verifier-of-at-least-43-characters-0123456789abcdef";
    private static final String CLIENT = "client_id=sandbox-client&client_secret=sandbox-secret";
    private static final String BASIC =
            "Basic " + Base64.getEncoder().encodeToString("sandbox-client:sandbox-secret".getBytes(UTF_8));
    private static final String SHA256 = "2.16.840.1.101.3.4.2.1";
    private static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";
    private static final String OAUTH = CscSettings.OAUTH_CREDENTIAL_ID;
    /** The oauth2/authorize credential sample's hash (SPEC-MD section 8.4.2): base64url, unpadded. */
    private static final String SPEC_URL_HASH = "MTIzNDU2Nzg5MHF3ZXJ0enVpb3Bhc2RmZhqa2zDtnl4";
    /** The signHash and authorize sample's first hash (SPEC-MD sections 11.6, 11.10): standard Base64. */
    private static final String SPEC_STD_HASH = "sTOgwOm+474gFj0q0x1iSNspKqbcse4IeiqlDg/HWuI=";

    /**
     * LVRTC refuses base64url {@code hashes} "before the person sees a login" and takes standard
     * Base64 (eparaksts.md section 12, GOCSC-LV lvrtc_test.go); the generic profile takes both.
     */
    @Test
    void lvrtcTakesAuthorizeHashesInStandardBase64Only() throws Exception {
        String url = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Base64.getDecoder().decode(SPEC_STD_HASH));
        try (CscHttp lvrtc = new CscHttp(CscSettings.defaults().withProfile(CscProfile.LVRTC));
                CscHttp generic = new CscHttp(CscSettings.defaults())) {
            for (String refused : new String[] {SPEC_URL_HASH, url}) {
                Map<String, String> answer = redirectQuery(authorize(lvrtc, refused, "lv"));
                assertThat(answer).containsEntry("error", "invalid_request").containsEntry("state", "lv");
                assertThat(answer.get("error_description")).contains("standard Base64");
            }
            assertThat(redirectQuery(authorize(lvrtc, SPEC_STD_HASH, "lv"))).containsKey("code");
            assertThat(redirectQuery(authorize(generic, SPEC_URL_HASH, "g"))).containsKey("code");
            assertThat(redirectQuery(authorize(generic, SPEC_STD_HASH, "g"))).containsKey("code");
        }
    }

    /**
     * LVRTC requires PAR (eparaksts.md section 12; GOCSC-LV): the answer has the shape of the
     * specification's sample (SPEC-MD section 8.4.3, {@code 201 {"request_uri", "expires_in"}}) with
     * LVRTC's 60 s; the request_uri is single-use, and authorize without one is refused.
     */
    @Test
    void lvrtcTakesOnlyPushedAuthorizationRequestsEachOnce() throws Exception {
        try (CscHttp lvrtc = new CscHttp(CscSettings.defaults().withProfile(CscProfile.LVRTC))) {
            Map<String, String> params = params("credential", SPEC_STD_HASH);
            params.put("state", "par");
            Map<String, String> direct = redirectQuery(lvrtc.get("oauth2/authorize?" + query(params)));
            assertThat(direct).containsEntry("error", "invalid_request").containsEntry("state", "par");
            assertThat(direct.get("error_description")).contains("Pushed authorization request required");

            JsonNode answer = pushed(lvrtc, params);
            assertThat(answer.get("request_uri").stringValue()).startsWith("urn:");
            assertThat(answer.get("expires_in").intValue()).isEqualTo(60);
            String browser = "oauth2/authorize?client_id=sandbox-client&request_uri="
                    + enc(answer.get("request_uri").stringValue());
            assertThat(redirectQuery(lvrtc.get(browser))).containsKey("code").containsEntry("state", "par");
            assertError(lvrtc.get(browser), 400, "invalid_request", "Invalid parameter request_uri");
        }
    }

    /**
     * A Rich Authorization Request of type {@code credential} (SPEC-MD section 8.4.2; csc-api-v2.md
     * 5.2: {@code documentDigests} in standard Base64, the sample's hash), pushed as LVRTC requires:
     * the token request must repeat it (section 8.4.4), and LVRTC's token answer says what the token
     * covers in its measured {@code digest_signing} shape (eparaksts.md section 12). A base64url
     * hash is refused with LVRTC's {@code invalid_authorization_details}.
     */
    @Test
    void lvrtcTakesAPushedRichAuthorizationRequestThatTheTokenRequestRepeats() throws Exception {
        String details = "[{\"type\":\"credential\",\"credentialID\":\"" + OAUTH
                + "\",\"documentDigests\":[{\"hash\":\"" + SPEC_STD_HASH + "\",\"label\":\"Example Contract\"}],"
                + "\"hashAlgorithmOID\":\"" + SHA256 + "\"}]";
        try (CscHttp lvrtc = new CscHttp(CscSettings.defaults().withProfile(CscProfile.LVRTC))) {
            Map<String, String> params = params("credential", null);
            params.remove("scope");
            params.put("authorization_details", details);
            params.put("state", "rar");
            String code = redirectQuery(lvrtc.get("oauth2/authorize?client_id=sandbox-client&request_uri="
                            + enc(pushed(lvrtc, params).get("request_uri").stringValue())))
                    .get("code");
            String form = "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(REDIRECT)
                    + "&code_verifier=" + enc(VERIFIER);
            String reordered = "[{\"hashAlgorithmOID\":\"" + SHA256 + "\",\"type\":\"credential\",\"credentialID\":\""
                    + OAUTH + "\",\"documentDigests\":[{\"label\":\"Example Contract\",\"hash\":\"" + SPEC_STD_HASH
                    + "\"}]}]";
            assertError(
                    lvrtc.post("oauth2/token", "application/x-www-form-urlencoded", form, BASIC),
                    400,
                    "invalid_grant",
                    "authorization_details do not match the authorization");

            params.put("authorization_details", details);
            String again = redirectQuery(lvrtc.get("oauth2/authorize?client_id=sandbox-client&request_uri="
                            + enc(pushed(lvrtc, params).get("request_uri").stringValue())))
                    .get("code");
            JsonNode token = ok(lvrtc.post(
                    "oauth2/token",
                    "application/x-www-form-urlencoded",
                    form.replace(enc(code), enc(again)) + "&authorization_details=" + enc(reordered),
                    BASIC));
            JsonNode bound = token.get("authorization_details").get(0);
            assertThat(bound.get("type").stringValue()).isEqualTo("digest_signing");
            assertThat(bound.get("sign_identity_id").stringValue()).isEqualTo(OAUTH);
            assertThat(bound.get("num_signatures").intValue()).isEqualTo(1);
            assertThat(bound.get("digests").get(0).get("value").stringValue()).isEqualTo(SPEC_STD_HASH);
            ok(signHash(lvrtc, token.get("access_token").stringValue(), ECDSA_SHA256));

            String url = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(Base64.getDecoder().decode(SPEC_STD_HASH));
            params.put("authorization_details", details.replace(SPEC_STD_HASH, url));
            Map<String, String> refused =
                    redirectQuery(lvrtc.get("oauth2/authorize?client_id=sandbox-client&request_uri="
                            + enc(pushed(lvrtc, params).get("request_uri").stringValue())));
            assertThat(refused).containsEntry("error", "invalid_authorization_details");
        }
    }

    /**
     * LVRTC's token is single-use, and a refused signHash spends it too (GOCSC-LV CHANGELOG v0.2.0:
     * "never retry on the same token"; error code {@code invalidSad}).
     */
    @Test
    void lvrtcSpendsACredentialTokenOnItsFirstSignHashEvenARefusedOne() throws Exception {
        try (CscHttp lvrtc = new CscHttp(CscSettings.defaults().withProfile(CscProfile.LVRTC))) {
            String token = credentialToken(lvrtc, SPEC_STD_HASH, true);
            assertThat(signHash(lvrtc, token, "1.2.840.113549.1.1.11").statusCode())
                    .as("RSA is not this ECDSA key's algorithm")
                    .isEqualTo(400);
            assertError(
                    signHash(lvrtc, token, ECDSA_SHA256), 400, "invalidSad", "The signing token has already been used");
            assertThat(lvrtc.simulator.signingLog().entries().size()).isZero();

            String fresh = credentialToken(lvrtc, SPEC_STD_HASH, true);
            ok(signHash(lvrtc, fresh, ECDSA_SHA256));
            assertError(
                    signHash(lvrtc, fresh, ECDSA_SHA256), 400, "invalidSad", "The signing token has already been used");
            assertThat(lvrtc.simulator.signingLog().entries().size()).isEqualTo(1);
        }
    }

    /**
     * LVRTC and the EU reference server (Spring Authorization Server) authenticate the client by
     * HTTP Basic, SIGN8 in the form (csc-api-v2.md sections 5.3, 13.2); RFC 6749 section 5.2
     * answers {@code invalid_client} with 401. The generic profile takes either.
     */
    @Test
    void eachProfileTakesTheClientAuthenticationItsServiceUses() throws Exception {
        String grant = "grant_type=client_credentials";
        for (CscProfile basicOnly : new CscProfile[] {CscProfile.LVRTC, CscProfile.EUDI_REFERENCE}) {
            try (CscHttp csc = new CscHttp(CscSettings.defaults().withProfile(basicOnly))) {
                assertError(
                        csc.form("oauth2/token", grant + "&" + CLIENT),
                        401,
                        "invalid_client",
                        "Client authentication by HTTP Basic required");
                ok(csc.post("oauth2/token", "application/x-www-form-urlencoded", grant, BASIC));
            }
        }
        try (CscHttp sign8 = new CscHttp(CscSettings.defaults().withProfile(CscProfile.SIGN8));
                CscHttp generic = new CscHttp(CscSettings.defaults())) {
            assertError(
                    sign8.post("issuer/oauth2/token", "application/x-www-form-urlencoded", grant, BASIC),
                    401,
                    "invalid_client",
                    "Client authentication in the request body required");
            ok(sign8.form("issuer/oauth2/token", grant + "&" + CLIENT));
            ok(generic.form("oauth2/token", grant + "&" + CLIENT));
            ok(generic.post("oauth2/token", "application/x-www-form-urlencoded", grant, BASIC));
        }
    }

    /**
     * The specification's signHash sample (SPEC-MD section 11.10) leaves {@code operationMode} out:
     * the generic profile signs it, the EU reference server answers 500 until {@code
     * operationMode} and {@code hashAlgorithmOID} are both present (issue 17; csc-api-v2.md 10.3).
     */
    @Test
    void theEuReferenceServerFailsTheSpecificationsSignHashSampleWithoutOperationMode() throws Exception {
        String sample = "{\"credentialID\":\"sandbox-seal\",\"SAD\":\"%s\",\"hashes\":[\"" + SPEC_STD_HASH
                + "\"],\"hashAlgorithmOID\":\"2.16.840.1.101.3.4.2.1\",\"signAlgo\":\"1.2.840.113549.1.1.1\","
                + "\"clientData\":\"12345678\"%s}";
        try (CscHttp eudi = new CscHttp(CscSettings.defaults().withProfile(CscProfile.EUDI_REFERENCE));
                CscHttp generic = new CscHttp(CscSettings.defaults())) {
            String eudiToken = ok(eudi.post(
                            "oauth2/token",
                            "application/x-www-form-urlencoded",
                            "grant_type=client_credentials",
                            BASIC))
                    .get("access_token")
                    .stringValue();
            String sad = sad(eudi, eudiToken);
            HttpResponse<byte[]> without = eudi.call("signatures/signHash", sample.formatted(sad, ""), eudiToken);
            assertThat(without.statusCode()).isEqualTo(500);
            ok(eudi.call("signatures/signHash", sample.formatted(sad, ",\"operationMode\":\"S\""), eudiToken));

            String token = generic.serviceToken();
            ok(generic.call("signatures/signHash", sample.formatted(sad(generic, token), ""), token));
        }
    }

    /**
     * SIGN8 names its authorisation server by {@code oauth2Issuer} with RFC 8414 metadata, and its
     * browser endpoint is {@code /authorize}, not {@code oauth2/authorize} (csc-api-v2.md sections
     * 5 and 13.2, SIGN8-DOCUMENSO).
     */
    @Test
    void sign8PublishesItsEndpointsAsIssuerMetadataWithAuthorizeAtSlashAuthorize() throws Exception {
        try (CscHttp sign8 = new CscHttp(CscSettings.defaults().withProfile(CscProfile.SIGN8))) {
            JsonNode info = ok(sign8.call("info", "{}", null));
            String issuer = sign8.base + "issuer";
            assertThat(info.has("oauth2")).isFalse();
            assertThat(info.get("oauth2Issuer").stringValue()).isEqualTo(issuer);
            JsonNode metadata = ok(sign8.get("issuer/.well-known/oauth-authorization-server"));
            assertThat(metadata.get("issuer").stringValue()).isEqualTo(issuer);
            assertThat(metadata.get("authorization_endpoint").stringValue()).isEqualTo(issuer + "/authorize");
            assertThat(metadata.get("token_endpoint").stringValue()).isEqualTo(issuer + "/oauth2/token");

            assertThat(sign8.get("oauth2/authorize?" + query(params("service", null)))
                            .statusCode())
                    .isEqualTo(404);
            String code = redirectQuery(sign8.get("issuer/authorize?" + query(params("service", null))))
                    .get("code");
            ok(sign8.form("issuer/oauth2/token", codeForm(code)));
        }
    }

    /** Under LVRTC the parameters are pushed first and the browser carries only the request_uri. */
    private static HttpResponse<byte[]> authorize(CscHttp csc, String hashes, String state) throws Exception {
        Map<String, String> params = params("credential", hashes);
        params.put("state", state);
        if (csc.simulator.settings().profile() != CscProfile.LVRTC) {
            return csc.get("oauth2/authorize?" + query(params));
        }
        String requestUri = pushed(csc, params).get("request_uri").stringValue();
        return csc.get("oauth2/authorize?client_id=sandbox-client&request_uri=" + enc(requestUri));
    }

    private static JsonNode pushed(CscHttp csc, Map<String, String> params) throws Exception {
        HttpResponse<byte[]> answer =
                csc.post("oauth2/pushed_authorize", "application/x-www-form-urlencoded", query(params), BASIC);
        assertThat(answer.statusCode()).as(new String(answer.body(), UTF_8)).isEqualTo(201);
        return CscHttp.JSON.readTree(answer.body());
    }

    private static String credentialToken(CscHttp csc, String hashes, boolean basic) throws Exception {
        String code = redirectQuery(authorize(csc, hashes, "s")).get("code");
        String form = "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(REDIRECT)
                + "&code_verifier=" + enc(VERIFIER);
        return ok(basic
                        ? csc.post("oauth2/token", "application/x-www-form-urlencoded", form, BASIC)
                        : csc.form("oauth2/token", form + "&" + CLIENT))
                .get("access_token")
                .stringValue();
    }

    private static HttpResponse<byte[]> signHash(CscHttp csc, String token, String signAlgo) throws Exception {
        return csc.call(
                "signatures/signHash",
                "{\"credentialID\":\"" + OAUTH + "\",\"hashes\":[\"" + SPEC_STD_HASH
                        + "\"],\"hashAlgorithmOID\":\"" + SHA256 + "\",\"signAlgo\":\"" + signAlgo
                        + "\",\"operationMode\":\"S\"}",
                token);
    }

    private static String sad(CscHttp csc, String token) throws Exception {
        return ok(csc.call(
                        "credentials/authorize",
                        "{\"credentialID\":\"sandbox-seal\",\"numSignatures\":1,\"authData\":[]}",
                        token))
                .get("SAD")
                .stringValue();
    }

    private static Map<String, String> params(String scope, String hashes) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", "sandbox-client");
        params.put("redirect_uri", REDIRECT);
        params.put(
                "code_challenge",
                Base64.getUrlEncoder().withoutPadding().encodeToString(digest("SHA-256", VERIFIER.getBytes(US_ASCII))));
        params.put("code_challenge_method", "S256");
        params.put("scope", scope);
        if (hashes != null) {
            params.put("credentialID", OAUTH);
            params.put("numSignatures", "1");
            params.put("hashes", hashes);
            params.put("hashAlgorithmOID", SHA256);
        }
        return params;
    }

    private static String codeForm(String code) {
        return "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(REDIRECT) + "&code_verifier="
                + enc(VERIFIER) + "&" + CLIENT;
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
