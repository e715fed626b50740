package dev.signingsuite.sandbox.csc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.sandbox.SharedPki;
import dev.signingsuite.sandbox.http.SandboxHttpServer;
import dev.signingsuite.sandbox.pki.PkiEntity;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.testclock.MutableClock;
import dev.signingsuite.testclock.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The simulator over HTTP, as a CSC client sees it; the clock is the test's, to reach expiry. */
class CscSimulatorTest {

    private static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
    private static final String RSA = "1.2.840.113549.1.1.1";
    private static final String SHA384 = "2.16.840.1.101.3.4.2.2";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final MutableClock CLOCK = TestClock.startingAt(SharedPki.FIXED_NOW);
    private static PkiEntity seal;
    private static SandboxHttpServer server;
    private static CscSimulator simulator;
    private static URI base;

    private String token;

    @BeforeAll
    static void start() throws Exception {
        seal = SharedPki.fixed().entity(SandboxEntities.SEAL);
        server = SandboxHttpServer.bind("127.0.0.1", 0);
        simulator =
                new CscSimulator(server.baseUrl(), seal, CscSettings.defaults().withMultisign(50), CLOCK);
        server.register(CscSimulator.CONTEXT, simulator);
        server.start();
        base = URI.create(server.baseUrl() + CscSimulator.CONTEXT + "/");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void authenticate() throws Exception {
        token = token("client_id=sandbox-client&client_secret=sandbox-secret&grant_type=client_credentials")
                .get("access_token")
                .stringValue();
    }

    @Test
    void infoNeedsNoTokenAndNamesTheImplementedMethods() throws Exception {
        for (HttpRequest request : List.of(
                HttpRequest.newBuilder(base.resolve("info"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .header("Content-Type", "application/json")
                        .build(),
                HttpRequest.newBuilder(base.resolve("info")).GET().build())) {
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode info = JSON.readTree(response.body());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(info.get("specs").stringValue()).startsWith("2.0");
            assertThat(texts(info.get("authType"))).containsExactlyInAnyOrder("basic", "oauth2client", "oauth2code");
            assertThat(texts(info.get("methods")))
                    .contains("credentials/authorize", "signatures/signHash", "oauth2/token");
            assertThat(info.get("oauth2").stringValue()).isEqualTo(server.baseUrl() + "/csc/v2");
        }
    }

    @Test
    void tokenEndpointChecksTheClientAndAcceptsHttpBasic() throws Exception {
        HttpResponse<byte[]> wrong = post(
                "oauth2/token",
                "application/x-www-form-urlencoded",
                "grant_type=client_credentials&client_id=sandbox-client&client_secret=nope",
                null);
        assertError(wrong, 400, "invalid_request", "Invalid parameter client_secret");

        String basic = Base64.getEncoder().encodeToString("sandbox-client:sandbox-secret".getBytes(UTF_8));
        HttpResponse<byte[]> ok = HTTP.send(
                HttpRequest.newBuilder(base.resolve("oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", "Basic " + basic)
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        JsonNode answer = JSON.readTree(ok.body());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(answer.get("token_type").stringValue()).isEqualTo("Bearer");
        assertThat(answer.get("expires_in").intValue()).isEqualTo(3600);
    }

    @Test
    void protectedMethodsNeedALiveBearerToken() throws Exception {
        assertError(call("credentials/list", "{}", null), 401, "invalid_token", "Missing access token");
        assertError(call("credentials/list", "{}", "not-a-token"), 401, "invalid_token", "Invalid access token");

        String shortLived = token;
        CLOCK.advance(Duration.ofHours(1));
        assertError(call("credentials/list", "{}", shortLived), 401, "expired_token", "The access token has expired");
    }

    @Test
    void listsTheSealAndDescribesItWithTheChainLeafFirst() throws Exception {
        JsonNode list = ok(call("credentials/list", "{}", token));
        assertThat(texts(list.get("credentialIDs"))).containsExactly("sandbox-seal");

        JsonNode info = ok(call(
                "credentials/info",
                "{\"credentialID\":\"sandbox-seal\",\"certificates\":\"chain\",\"certInfo\":true,\"authInfo\":true}",
                token));
        List<String> chain = texts(info.get("cert").get("certificates"));
        assertThat(chain).hasSize(seal.chain().size());
        for (int i = 0; i < chain.size(); i++) {
            assertThat(Base64.getDecoder().decode(chain.get(i)))
                    .isEqualTo(seal.chain().get(i).getEncoded());
        }
        assertThat(info.get("cert").get("subjectDN").stringValue()).contains("CN=Sandbox Invoicing SIA");
        assertThat(info.get("cert").get("serialNumber").stringValue())
                .isEqualToIgnoringCase(seal.certificate().getSerialNumber().toString(16));
        assertThat(info.get("cert").get("validTo").stringValue()).matches("\\d{14}Z");
        assertThat(texts(info.get("key").get("algo"))).contains(SHA256_WITH_RSA, RSA);
        assertThat(info.get("key").get("len").intValue()).isEqualTo(2048);
        assertThat(info.get("auth").get("mode").stringValue()).isEqualTo("explicit");
        assertThat(info.get("SCAL").stringValue()).isEqualTo("1");
        assertThat(info.get("multisign").intValue()).isEqualTo(50);

        JsonNode single = ok(call("credentials/info", "{\"credentialID\":\"sandbox-seal\"}", token));
        assertThat(single.get("cert").get("certificates")).hasSize(1);
        assertError(
                call("credentials/info", "{\"credentialID\":\"other\"}", token),
                400,
                "invalid_request",
                "Invalid parameter credentialID");
    }

    @Test
    void signsEachDigestInRequestOrderWithTheSealKey() throws Exception {
        simulator.resetCounters();
        List<byte[]> documents = List.of("one".getBytes(UTF_8), "two".getBytes(UTF_8), "three".getBytes(UTF_8));
        String sad = authorize(3);

        JsonNode signed = ok(call(
                "signatures/signHash", signHash(sad, SHA256_WITH_RSA, null, digests(documents, "SHA-256")), token));

        List<String> signatures = texts(signed.get("signatures"));
        assertThat(signatures).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(verifies(
                            "SHA256withRSA",
                            documents.get(i),
                            Base64.getDecoder().decode(signatures.get(i))))
                    .as("signature %d over document %d", i, i)
                    .isTrue();
        }
        assertThat(simulator.calls("signatures/signHash")).isEqualTo(1);
        assertThat(simulator.calls("credentials/authorize")).isEqualTo(1);
        assertThat(simulator.signHashSizes()).containsExactly(3);
    }

    @Test
    void rsaEncryptionTakesTheDigestAlgorithmFromHashAlgorithmOid() throws Exception {
        byte[] document = "sha384 document".getBytes(UTF_8);
        String hashes = digests(List.of(document), "SHA-384");

        assertError(
                call("signatures/signHash", signHash(authorize(1), RSA, null, hashes), token),
                400,
                "invalid_request",
                "Missing (or invalid type) string parameter hashAlgorithmOID");

        JsonNode signed = ok(call("signatures/signHash", signHash(authorize(1), RSA, SHA384, hashes), token));
        byte[] value =
                Base64.getDecoder().decode(texts(signed.get("signatures")).get(0));
        assertThat(verifies("SHA384withRSA", document, value)).isTrue();

        assertError(
                call("signatures/signHash", signHash(authorize(1), SHA256_WITH_RSA, null, hashes), token),
                400,
                "invalid_request",
                "Invalid digest value length");
    }

    @Test
    void aSadSignsNoMoreThanItsNumberOfSignaturesAndThenIsGone() throws Exception {
        String sad = authorize(2);
        String three = digests(List.of(new byte[] {1}, new byte[] {2}, new byte[] {3}), "SHA-256");
        String two = digests(List.of(new byte[] {1}, new byte[] {2}), "SHA-256");

        assertThat(call("signatures/signHash", signHash(sad, SHA256_WITH_RSA, null, three), token)
                        .statusCode())
                .as("three hashes under a SAD for two")
                .isEqualTo(400);
        ok(call("signatures/signHash", signHash(sad, SHA256_WITH_RSA, null, two), token));
        assertError(
                call(
                        "signatures/signHash",
                        signHash(sad, SHA256_WITH_RSA, null, digests(List.of(new byte[] {4}), "SHA-256")),
                        token),
                400,
                "invalid_request",
                "Invalid parameter SAD");
    }

    @Test
    void aSadExpires() throws Exception {
        String sad = authorize(1);
        CLOCK.advance(Duration.ofMinutes(5));
        assertError(
                call(
                        "signatures/signHash",
                        signHash(sad, SHA256_WITH_RSA, null, digests(List.of(new byte[] {1}), "SHA-256")),
                        token),
                400,
                "invalid_request",
                "SAD expired");
    }

    @Test
    void authorizeChecksNumSignaturesAgainstMultisign() throws Exception {
        assertError(
                call("credentials/authorize", "{\"credentialID\":\"sandbox-seal\",\"numSignatures\":51}", token),
                400,
                "invalid_request",
                "Numbers of signatures is too high");
        assertError(
                call("credentials/authorize", "{\"credentialID\":\"sandbox-seal\",\"numSignatures\":0}", token),
                400,
                "invalid_request",
                "Invalid value for parameter numSignatures");
        assertError(
                call("credentials/authorize", "{\"credentialID\":\"sandbox-seal\"}", token),
                400,
                "invalid_request",
                "Missing (or invalid type) integer parameter numSignatures");
    }

    @Test
    void concurrentCallsNeverSpendASadTwice() throws Exception {
        String sad = authorize(10);
        String one = digests(List.of(new byte[] {7}), "SHA-256");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                calls.add(() -> call("signatures/signHash", signHash(sad, SHA256_WITH_RSA, null, one), token)
                        .statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(10);
            assertThat(statuses).filteredOn(s -> s == 400).hasSize(15);
        } finally {
            pool.shutdownNow();
        }
    }

    private String authorize(int numSignatures) throws Exception {
        JsonNode answer = ok(call(
                "credentials/authorize",
                "{\"credentialID\":\"sandbox-seal\",\"numSignatures\":" + numSignatures + ",\"authData\":[]}",
                token));
        assertThat(answer.get("expiresIn").intValue()).isEqualTo(300);
        return answer.get("SAD").stringValue();
    }

    private static String signHash(String sad, String signAlgo, String hashAlgorithmOid, String hashes) {
        return JSON.writeValueAsString(new java.util.LinkedHashMap<>(
                        Map.of("credentialID", "sandbox-seal", "SAD", sad, "signAlgo", signAlgo)))
                .replaceFirst(
                        "}$",
                        ",\"hashes\":" + hashes
                                + (hashAlgorithmOid == null ? "" : ",\"hashAlgorithmOID\":\"" + hashAlgorithmOid + "\"")
                                + "}");
    }

    private static String digests(List<byte[]> documents, String algorithm) throws Exception {
        List<String> hashes = new ArrayList<>();
        for (byte[] document : documents) {
            hashes.add(Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance(algorithm).digest(document)));
        }
        return JSON.writeValueAsString(hashes);
    }

    private static boolean verifies(String algorithm, byte[] data, byte[] value) throws Exception {
        Signature signature = Signature.getInstance(algorithm);
        signature.initVerify(seal.certificate().getPublicKey());
        signature.update(data);
        return signature.verify(value);
    }

    private static JsonNode token(String form) throws Exception {
        return ok(post("oauth2/token", "application/x-www-form-urlencoded", form, null));
    }

    private static HttpResponse<byte[]> call(String method, String json, String bearer) throws Exception {
        return post(method, "application/json", json, bearer);
    }

    private static HttpResponse<byte[]> post(String method, String contentType, String body, String bearer)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(method))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode ok(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(new String(response.body(), UTF_8)).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void assertError(HttpResponse<byte[]> response, int status, String error, String description) {
        JsonNode body = JSON.readTree(response.body());
        assertThat(response.statusCode()).as(body.toString()).isEqualTo(status);
        assertThat(body.get("error").stringValue()).isEqualTo(error);
        assertThat(body.get("error_description").stringValue()).isEqualTo(description);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.values().forEach(node -> texts.add(node.stringValue()));
        return texts;
    }
}
