package dev.signingsuite.sandbox.eparaksts;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.sandbox.SharedPki;
import dev.signingsuite.sandbox.http.SandboxHttpServer;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.testclock.MutableClock;
import dev.signingsuite.testclock.TestClock;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The simulator over HTTP, as an eParaksts client sees it; the clock is the test's, to reach expiry. */
class EparakstsSimulatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PROFILE = "urn:safelayer:eidas:sign:identity:profile";
    private static final String USE_SERVER = "urn:safelayer:eidas:sign:identity:use:server";
    private static final String REDIRECT = "http://127.0.0.1:9999/eparaksts/callback";

    private static final MutableClock CLOCK = TestClock.startingAt(SharedPki.FIXED_NOW);
    private static SandboxHttpServer server;
    private static EparakstsSimulator simulator;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        server = SandboxHttpServer.bind("127.0.0.1", 0);
        simulator = new EparakstsSimulator(
                server.baseUrl(),
                SharedPki.fixed(),
                EparakstsSettings.defaults().withMaxBatch(10),
                CLOCK);
        server.register(EparakstsSimulator.AUTHSERVER, simulator);
        server.register(EparakstsSimulator.RESOURCES, simulator);
        server.start();
        base = server.baseUrl().toString();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        simulator.resetCounters();
        simulator.corruptEveryNthSignature(0);
        simulator.approving(true);
    }

    @Test
    void theAuthorizationCodeFlowApprovesTheTestPersonAndListsSealsWithTheSeedsLabels() throws Exception {
        HttpResponse<String> redirect = authorize(PROFILE + " urn:lvrtc:fpeil:aa", REDIRECT, "st-1");
        assertThat(redirect.statusCode()).isEqualTo(302);
        Map<String, String> callback =
                query(redirect.headers().firstValue("Location").orElseThrow());
        assertThat(callback).containsEntry("state", "st-1").containsKey("code");
        assertThat(redirect.headers().firstValue("Location").orElseThrow()).startsWith(REDIRECT + "?");

        JsonNode token = json(tokenRequest(
                "grant_type=authorization_code&code=" + enc(callback.get("code")) + "&redirect_uri=" + enc(REDIRECT)));
        assertThat(token.get("token_type").stringValue()).isEqualTo("Bearer");
        assertThat(token.get("expires_in").intValue()).isEqualTo(600);
        assertThat(token.get("scope").stringValue()).contains("identity:profile");
        assertThat(token.has("refresh_token")).isFalse();

        JsonNode me = json(get(
                "/trustedx-resources/openid/v1/users/me",
                token.get("access_token").stringValue()));
        assertThat(me.get("serial_number").stringValue()).isEqualTo("PNOLV-030303-10004");
        List<JsonNode> seals = new ArrayList<>();
        for (JsonNode identity : me.get("sign_identities").values()) {
            List<String> labels = identity.get("labels")
                    .valueStream()
                    .map(JsonNode::stringValue)
                    .toList();
            if (labels.contains("qsealc")) {
                assertThat(labels).contains("eparaksts", "x509:keyUsage:contentCommitment");
                assertThat(identity.get("description").stringValue()).isEqualTo("eparaksts:qsealc:sign");
                assertThat(identity.get("status").get("value").stringValue()).isEqualTo("enabled");
                assertThat(identity.has("details"))
                        .as(
                                "spec section 4's users/me entry carries no certificate: it comes from sign_identities/{id}")
                        .isFalse();
                seals.add(identity);
            }
        }
        assertThat(seals)
                .extracting(s -> s.get("labels")
                        .valueStream()
                        .map(JsonNode::stringValue)
                        .filter(l -> l.startsWith("CN:"))
                        .findFirst()
                        .orElseThrow())
                .containsExactly("CN:Sandbox Invoicing SIA : eZīmogs", "CN:Sandbox Logistics SIA : eZīmogs");
        assertThat(me.get("sign_identities").size()).isEqualTo(4);

        String logisticsId = seals.get(1).get("id").stringValue();
        // Spec section 5.1: identities can appear a little after the first login (SIGNBYTE retries).
        simulator.materialiseIdentitiesAfter(1);
        HttpResponse<String> notYet = get(
                "/trustedx-resources/esigp/v1/sign_identities/" + logisticsId,
                token.get("access_token").stringValue());
        assertThat(notYet.statusCode()).isEqualTo(404);
        assertThat(notYet.body()).contains("NotFoundException");
        JsonNode identity = json(get(
                        "/trustedx-resources/esigp/v1/sign_identities/" + logisticsId,
                        token.get("access_token").stringValue()))
                .get("identity");
        assertThat(Base64.getDecoder()
                        .decode(identity.get("details").get("certificate").stringValue()))
                .isEqualTo(SharedPki.fixed()
                        .entity(SandboxEntities.SEAL_LOGISTICS)
                        .certificate()
                        .getEncoded());
        simulator.materialiseIdentitiesAfter(0);
        assertThat(simulator.calls("authorize")).isEqualTo(1);
        assertThat(simulator.calls("token")).isEqualTo(1);
    }

    @Test
    void batchAndRawSignWithTheSealKeysAndTheSimulatorCountsBatchSizes() throws Exception {
        List<byte[]> data = List.of("a".getBytes(UTF_8), "b".getBytes(UTF_8), "c".getBytes(UTF_8));
        String token = signingToken(sealId(1), data);
        HttpResponse<String> batch =
                post("/trustedx-resources/esigp/v1/signatures/server/raw/batch", token, batchBody(sealId(1), data));
        assertThat(batch.statusCode()).isEqualTo(200);
        List<String> values = json(batch)
                .get("signatures")
                .valueStream()
                .map(JsonNode::stringValue)
                .toList();
        assertThat(values).hasSize(3);
        PublicKey logistics = SharedPki.fixed()
                .entity(SandboxEntities.SEAL_LOGISTICS)
                .certificate()
                .getPublicKey();
        for (int i = 0; i < 3; i++) {
            assertThat(verifies(logistics, data.get(i), Base64.getDecoder().decode(values.get(i))))
                    .isTrue();
        }

        String single =
                "{\"digest_value\":\"" + Base64.getEncoder().withoutPadding().encodeToString(sha256(data.get(0)))
                        + "\",\"signature_algorithm\":\"rsa-sha256\",\"sign_identity_id\":\"" + sealId(0) + "\"}";
        HttpResponse<byte[]> raw = HTTP.send(
                jsonPost(
                        "/trustedx-resources/esigp/v1/signatures/server/raw",
                        signingToken(sealId(0), data.subList(0, 1)),
                        single),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        PublicKey invoicing =
                SharedPki.fixed().entity(SandboxEntities.SEAL).certificate().getPublicKey();
        assertThat(verifies(invoicing, data.get(0), raw.body())).isTrue();

        assertThat(simulator.batchSizes()).containsExactly(3);
        assertThat(simulator.signatures()).isEqualTo(4);
        assertThat(simulator.calls("server/raw/batch")).isEqualTo(1);
        assertThat(simulator.calls("server/raw")).isEqualTo(1);
        assertThat(simulator.approvals())
                .extracting(EparakstsSimulator.SigningApproval::signIdentityId)
                .containsExactly(sealId(1), sealId(0));
    }

    @Test
    void errorsFollowTheOAuthAndResourceConventions() throws Exception {
        assertThat(authorize(PROFILE, "http://evil.example/cb", "s").statusCode())
                .isEqualTo(400);
        assertThat(authorize("urn:unknown:scope", REDIRECT, "s")
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .contains("error=invalid_scope")
                .contains("state=s");
        simulator.approving(false);
        assertThat(authorize(PROFILE, REDIRECT, "s")
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .contains("error=access_denied");
        simulator.approving(true);

        String code = query(authorize(PROFILE, REDIRECT, "s")
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .get("code");
        String exchange = "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(REDIRECT);
        assertThat(tokenRequest(exchange).statusCode()).isEqualTo(200);
        HttpResponse<String> reused = tokenRequest(exchange);
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(json(reused).get("error").stringValue()).isEqualTo("invalid_grant");
        assertThat(json(tokenRequest("grant_type=refresh_token&refresh_token=x"))
                        .get("error")
                        .stringValue())
                .isEqualTo("unsupported_grant_type");
        HttpResponse<String> wrongClient = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/trustedx-authserver/oauth/lvrtc-eipsign-as/token"))
                        .header("Authorization", basic("sandbox-eparaksts", "wrong"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrongClient.statusCode()).isEqualTo(401);
        assertThat(get("/trustedx-authserver/oauth/unknown-as?client_id=x", null)
                        .statusCode())
                .isEqualTo(404);

        String profileOnly = userToken("urn:safelayer:eidas:sign:identity:profile");
        HttpResponse<String> noScope = post(
                "/trustedx-resources/esigp/v1/signatures/server/raw/batch",
                profileOnly,
                batchBody(sealId(0), List.of(new byte[] {1})));
        assertThat(noScope.statusCode()).isEqualTo(403);

        String authIdentity = "v05nvkmq3lgjh4f6n2naoe7aee";
        assertThat(post(
                                "/trustedx-resources/esigp/v1/signatures/server/raw/batch",
                                signingToken(sealId(0), List.of(new byte[] {1})),
                                batchBody(authIdentity, List.of(new byte[] {1})))
                        .statusCode())
                .isEqualTo(404);
        String shortDigest = "{\"sign_identity_id\":\"" + sealId(0)
                + "\",\"signature_algorithm\":\"rsa-sha256\",\"requests\":[{\"digest_value\":\"AAEC\"}]}";
        assertThat(post(
                                "/trustedx-resources/esigp/v1/signatures/server/raw/batch",
                                signingToken(sealId(0), List.of(new byte[] {1})),
                                shortDigest)
                        .statusCode())
                .isEqualTo(400);
        List<byte[]> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(new byte[] {(byte) i});
        }
        assertThat(post(
                                "/trustedx-resources/esigp/v1/signatures/server/raw/batch",
                                signingToken(sealId(0), eleven),
                                batchBody(sealId(0), eleven))
                        .statusCode())
                .isEqualTo(400);

        String token = userToken(PROFILE);
        CLOCK.advance(Duration.ofMinutes(10));
        HttpResponse<String> expired = get("/trustedx-resources/openid/v1/users/me", token);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
    }

    @Test
    void clientCredentialsGiveAnIntrospectTokenAndIntrospectionReportsTokens() throws Exception {
        JsonNode service = json(tokenRequest(
                "grant_type=client_credentials&scope=" + enc("urn:safelayer:eidas:oauth:token:introspect")));
        assertThat(service.get("scope").stringValue()).isEqualTo("urn:safelayer:eidas:oauth:token:introspect");
        assertThat(json(tokenRequest("grant_type=client_credentials&scope=" + enc(PROFILE)))
                        .get("error")
                        .stringValue())
                .isEqualTo("invalid_scope");

        String user = userToken(PROFILE);
        JsonNode active = json(introspect(user));
        assertThat(active.get("active").booleanValue()).isTrue();
        assertThat(active.get("sub").stringValue())
                .isEqualTo(EparakstsSettings.defaults().person().sub());
        assertThat(active.get("exp").longValue())
                .isEqualTo(CLOCK.instant().plusSeconds(600).getEpochSecond());

        assertThat(simulator.expireUserTokens()).isPositive();
        assertThat(json(introspect(user)).get("active").booleanValue()).isFalse();
        assertThat(get("/trustedx-resources/openid/v1/users/me", user).statusCode())
                .isEqualTo(401);
    }

    /**
     * Spec section 3.3 (EP-DEV oauth20-authorization-api; SIGNBYTE SignAuthorizeURL) and section 15
     * item 3: the signing leg carries sign_identity_id, digests_summary and
     * digests_summary_algorithm; without them the platform answers with an OAuth error redirect
     * (RFC 6749 section 4.1.2.1, spec section 3.3 "Error").
     */
    @Test
    void aUseServerAuthorizationWithoutIdentityAndDigestsSummaryIsRefused() throws Exception {
        String summary = ServerSigning.digestsSummary(List.of(sha256("x".getBytes(UTF_8))));
        List<String> incomplete = List.of(
                "",
                "&sign_identity_id=" + sealId(0),
                "&digests_summary=" + enc(summary) + "&digests_summary_algorithm=sha256",
                "&sign_identity_id=" + sealId(0) + "&digests_summary=" + enc(summary));
        for (String extra : incomplete) {
            Map<String, String> callback = query(authorize(USE_SERVER, REDIRECT, "s", extra)
                    .headers()
                    .firstValue("Location")
                    .orElseThrow());
            assertThat(callback)
                    .as(extra)
                    .containsEntry("error", "invalid_request")
                    .containsEntry("state", "s");
            assertThat(callback).as(extra).doesNotContainKey("code");
        }
        assertThat(simulator.approvals()).isEmpty();
    }

    /**
     * The server/raw example of spec section 6 (EP-WIKI 1999306): digest_value
     * "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg" (unpadded), rsa-sha256, answered with the binary
     * PKCS#1 value. Its token must be approved for that digest's summary (section 9.1: one digest,
     * base64(SHA-256(digest bytes)), UNKNOVS) and that identity (section 6, sign_identity_id), and
     * is spent by its first use (section 15 item 11): a token reused for another group is refused.
     */
    @Test
    void aSigningTokenSignsOnlyItsIdentitysDigestsItsSummaryCoversAndOnlyOnce() throws Exception {
        byte[] example = Base64.getDecoder().decode("n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=");
        String wikiRequest = "{\"digest_value\": \"n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg\","
                + " \"signature_algorithm\": \"rsa-sha256\", \"sign_identity_id\": \"" + sealId(0) + "\"}";
        String exampleSummary = Base64.getEncoder().encodeToString(sha256(example));
        String token = signingToken(sealId(0), exampleSummary);
        HttpResponse<byte[]> signed = HTTP.send(
                jsonPost("/trustedx-resources/esigp/v1/signatures/server/raw", token, wikiRequest),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(signed.body()).hasSize(256); // RSA-2048 PKCS#1 value, not JSON
        HttpResponse<byte[]> again = HTTP.send(
                jsonPost("/trustedx-resources/esigp/v1/signatures/server/raw", token, wikiRequest),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(again.statusCode()).as("spent by its use").isEqualTo(401);

        List<byte[]> groupA = List.of("x".getBytes(UTF_8), "y".getBytes(UTF_8));
        List<byte[]> groupB = List.of("z".getBytes(UTF_8));
        String tokenA = signingToken(sealId(0), groupA);
        assertThat(post(
                                "/trustedx-resources/esigp/v1/signatures/server/raw/batch",
                                tokenA,
                                batchBody(sealId(0), groupA))
                        .statusCode())
                .isEqualTo(200);
        assertThat(post(
                                "/trustedx-resources/esigp/v1/signatures/server/raw/batch",
                                tokenA,
                                batchBody(sealId(0), groupB))
                        .statusCode())
                .as("group A's token reused for group B")
                .isEqualTo(401);

        HttpResponse<String> otherDigests = post(
                "/trustedx-resources/esigp/v1/signatures/server/raw/batch",
                signingToken(sealId(0), groupA),
                batchBody(sealId(0), groupB));
        assertThat(otherDigests.statusCode()).isEqualTo(403);
        assertThat(json(otherDigests).get("error").stringValue()).isEqualTo("insufficient_scope");
        HttpResponse<String> subset = post(
                "/trustedx-resources/esigp/v1/signatures/server/raw/batch",
                signingToken(sealId(0), groupA),
                batchBody(sealId(0), groupA.subList(0, 1)));
        assertThat(subset.statusCode()).as("a part of the approved digests").isEqualTo(403);

        String forInvoicing = signingToken(sealId(0), groupA);
        assertThat(post(
                                "/trustedx-resources/esigp/v1/signatures/server/raw/batch",
                                forInvoicing,
                                batchBody(sealId(1), groupA))
                        .statusCode())
                .as("another identity than the approved one")
                .isEqualTo(403);
        assertThat(post(
                                "/trustedx-resources/esigp/v1/signatures/server/raw/batch",
                                forInvoicing,
                                batchBody(sealId(0), groupA))
                        .statusCode())
                .as("a refused call spends the token too")
                .isEqualTo(401);
        assertThat(simulator.approvals())
                .extracting(EparakstsSimulator.SigningApproval::signIdentityId)
                .containsOnly(sealId(0))
                .hasSize(5);
    }

    @Test
    void theCorruptionHookSpoilsEveryNthValueOfABatch() throws Exception {
        simulator.corruptEveryNthSignature(2);
        List<byte[]> data = List.of("1".getBytes(UTF_8), "2".getBytes(UTF_8), "3".getBytes(UTF_8), "4".getBytes(UTF_8));
        String token = signingToken(sealId(0), data);
        List<String> values = json(post(
                        "/trustedx-resources/esigp/v1/signatures/server/raw/batch", token, batchBody(sealId(0), data)))
                .get("signatures")
                .valueStream()
                .map(JsonNode::stringValue)
                .toList();
        PublicKey invoicing =
                SharedPki.fixed().entity(SandboxEntities.SEAL).certificate().getPublicKey();
        List<Boolean> verdicts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            verdicts.add(verifies(invoicing, data.get(i), Base64.getDecoder().decode(values.get(i))));
        }
        assertThat(verdicts).containsExactly(true, false, true, false);
    }

    // --- helpers

    private static String sealId(int index) {
        return EparakstsSettings.defaults().seals().get(index).id();
    }

    /** A use:server token approved for these data's SHA-256 digests and identity (spec section 11.4 step 4). */
    private static String signingToken(String identity, List<byte[]> data) throws Exception {
        return signingToken(
                identity,
                ServerSigning.digestsSummary(
                        data.stream().map(EparakstsSimulatorTest::sha256).toList()));
    }

    private static String signingToken(String identity, String summary) throws Exception {
        String location = authorize(
                        USE_SERVER,
                        REDIRECT,
                        "s",
                        "&sign_identity_id=" + identity + "&digests_summary=" + enc(summary)
                                + "&digests_summary_algorithm=sha256")
                .headers()
                .firstValue("Location")
                .orElseThrow();
        return json(tokenRequest("grant_type=authorization_code&code="
                        + enc(query(location).get("code")) + "&redirect_uri=" + enc(REDIRECT)))
                .get("access_token")
                .stringValue();
    }

    private static String userToken(String scope) throws Exception {
        String code = query(authorize(scope, REDIRECT, "s")
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .get("code");
        return json(tokenRequest("grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(REDIRECT)))
                .get("access_token")
                .stringValue();
    }

    private static HttpResponse<String> authorize(String scope, String redirect, String state) throws Exception {
        return authorize(scope, redirect, state, "");
    }

    private static HttpResponse<String> authorize(String scope, String redirect, String state, String extra)
            throws Exception {
        return get(
                "/trustedx-authserver/oauth/lvrtc-eipsign-as?response_type=code&client_id=sandbox-eparaksts&scope="
                        + enc(scope) + "&redirect_uri=" + enc(redirect) + "&state=" + enc(state) + extra,
                null);
    }

    private static HttpResponse<String> tokenRequest(String form) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/trustedx-authserver/oauth/lvrtc-eipsign-as/token"))
                        .header("Authorization", basic("sandbox-eparaksts", "sandbox-eparaksts-secret"))
                        .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> introspect(String token) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/trustedx-authserver/oauth/lvrtc-eipsign-as/introspect"))
                        .header("Authorization", basic("sandbox-eparaksts", "sandbox-eparaksts-secret"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("token=" + enc(token)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String token, String body) throws Exception {
        return HTTP.send(jsonPost(path, token, body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest jsonPost(String path, String token, String body) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static String batchBody(String identity, List<byte[]> data) {
        StringBuilder requests = new StringBuilder();
        for (byte[] item : data) {
            if (!requests.isEmpty()) {
                requests.append(',');
            }
            requests.append("{\"digest_value\":\"")
                    .append(Base64.getEncoder().encodeToString(sha256(item)))
                    .append("\",\"signature_algorithm\":\"rsa-sha256\"}");
        }
        return "{\"sign_identity_id\":\"" + identity + "\",\"signature_algorithm\":\"rsa-sha256\",\"requests\":["
                + requests + "]}";
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((enc(id) + ":" + enc(secret)).getBytes(UTF_8));
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static Map<String, String> query(String location) {
        Map<String, String> query = new HashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], java.net.URLDecoder.decode(parts[1], UTF_8));
        }
        return query;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, UTF_8);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean verifies(PublicKey key, byte[] data, byte[] value) throws Exception {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(key);
        signature.update(data);
        return signature.verify(value);
    }
}
