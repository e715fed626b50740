package dev.signingsuite.sandbox.smartid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.SandboxSettings;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The simulator over HTTP through the sandbox, as a Smart-ID v3 client sees it. */
class SmartIdSimulatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final byte[] DATA = "data to be signed".getBytes(StandardCharsets.UTF_8);
    private static final String INTERACTIONS = Base64.getEncoder()
            .encodeToString("[{\"type\":\"displayTextAndPIN\",\"displayText60\":\"Sign invoice 42\"}]"
                    .getBytes(StandardCharsets.UTF_8));

    @TempDir
    static Path dataDir;

    private static Sandbox sandbox;
    private static URI base;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(new SandboxSettings(dataDir, "127.0.0.1", 0));
        base = sandbox.smartIdBaseUrl();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void fastPeople() {
        sandbox.smartId()
                .configure(SmartIdSettings.defaults().withDelays(Duration.ofMillis(300), Duration.ofMillis(600)));
        sandbox.smartId().tamperSignatures(false);
    }

    @Test
    void certificateByDocumentNumberIsThePersonsQualifiedCertificate() throws Exception {
        HttpResponse<String> response = post("signature/certificate/" + SmartIdAccounts.OK, rp(new LinkedHashMap<>()));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("state").stringValue()).isEqualTo("OK");
        assertThat(body.at("/cert/certificateLevel").stringValue()).isEqualTo("QUALIFIED");
        X509Certificate certificate = certificate(body.at("/cert/value").stringValue());
        assertThat(certificate.getSubjectX500Principal().getName("RFC2253", Map.of("2.5.4.5", "SERIALNUMBER")))
                .contains("SERIALNUMBER=PNOEE-40504040001");
        // The sandbox's OCSP responder knows the account, as augmentation at level LT needs.
        assertThat(sandbox.pki().revocationStatus(certificate.getSerialNumber()))
                .isEqualTo(dev.signingsuite.sandbox.pki.RevocationStatus.GOOD);
        // Issued by Smart-ID's own EID-Q 2024E-like ECDSA CA, not the sandbox's issuing CA.
        assertThat(certificate.getIssuerX500Principal())
                .isEqualTo(sandbox.pki()
                        .entity(SmartIdAccounts.ISSUING_CA)
                        .certificate()
                        .getSubjectX500Principal());
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA384withECDSA");
    }

    @Test
    void unknownDocumentAndTooLowAccountAre404ProblemDetails() throws Exception {
        for (String document : List.of("PNOEE-12345678901-NONE-Q", SmartIdAccounts.OK_NQ)) {
            HttpResponse<String> response = post("signature/certificate/" + document, rp(new LinkedHashMap<>()));
            assertThat(response.statusCode()).isEqualTo(404);
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("type").stringValue()).isEqualTo("about:blank");
            assertThat(problem.get("status").intValue()).isEqualTo(404);
            assertThat(problem.has("title")).isTrue();
            assertThat(problem.has("detail")).isTrue();
        }
    }

    @Test
    void sessionsHeldOpenByALongDelayAreCountedAndAnsweredWhenReleased() throws Exception {
        sandbox.smartId()
                .configure(SmartIdSettings.defaults().withDelays(Duration.ofMinutes(10), Duration.ofMinutes(10)));
        int openBefore = sandbox.smartId().signatureSessionsOpen();
        List<String> sessions = new ArrayList<>();
        for (String account : List.of(SmartIdAccounts.OK, SmartIdAccounts.TIMEOUT)) {
            Map<String, Object> request = signRequest();
            request.put("nonce", "release-" + UUID.randomUUID().toString().substring(0, 8));
            sessions.add(json(post("signature/notification/document/" + account, request))
                    .get("sessionID")
                    .stringValue());
        }
        assertThat(sandbox.smartId().signatureSessionsOpen()).isEqualTo(openBefore + 2);
        assertThat(json(get("session/" + sessions.get(0) + "?timeoutMs=1000"))
                        .get("state")
                        .stringValue())
                .isEqualTo("RUNNING");

        // Other tests may leave device-link sessions open; those wait for a scan, not for a delay.
        int answered = sandbox.smartId().answerWaitingNow(Integer.MAX_VALUE);
        assertThat(answered).isGreaterThanOrEqualTo(2);

        assertThat(sandbox.smartId().signatureSessionsOpen()).isEqualTo(openBefore + 2 - answered);
        JsonNode confirmed = json(get("session/" + sessions.get(0) + "?timeoutMs=1000"));
        assertThat(confirmed.get("state").stringValue()).isEqualTo("COMPLETE");
        assertThat(confirmed.at("/result/endResult").stringValue()).isEqualTo("OK");
        // Each person answers as their account says: this one lets the session time out.
        assertThat(json(get("session/" + sessions.get(1) + "?timeoutMs=1000"))
                        .at("/result/endResult")
                        .stringValue())
                .isEqualTo("TIMEOUT");
    }

    @Test
    void notificationSignatureCompletesWithAPssSignatureOverTheData() throws Exception {
        long started = System.nanoTime();
        JsonNode created = json(post("signature/notification/document/" + SmartIdAccounts.OK, signRequest()));
        UUID.fromString(created.get("sessionID").stringValue());
        assertThat(created.at("/vc/type").stringValue()).isEqualTo("numeric4");
        assertThat(created.at("/vc/value").stringValue()).matches("^[0-9]{4}$");

        JsonNode status = json(get("session/" + created.get("sessionID").stringValue() + "?timeoutMs=10000"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(status.get("state").stringValue()).isEqualTo("COMPLETE");
        assertThat(status.at("/result/endResult").stringValue()).isEqualTo("OK");
        assertThat(status.at("/result/documentNumber").stringValue()).isEqualTo(SmartIdAccounts.OK);
        assertThat(status.get("signatureProtocol").stringValue()).isEqualTo("RAW_DIGEST_SIGNATURE");
        assertThat(status.at("/signature/flowType").stringValue()).isEqualTo("Notification");
        assertThat(status.at("/signature/signatureAlgorithmParameters/saltLength")
                        .intValue())
                .isEqualTo(32);
        assertThat(status.at("/signature/signatureAlgorithmParameters/maskGenAlgorithm/parameters/hashAlgorithm")
                        .stringValue())
                .isEqualTo("SHA-256");
        assertThat(status.at("/signature/signatureAlgorithmParameters/trailerField")
                        .stringValue())
                .isEqualTo("0xbc");
        assertThat(status.get("interactionTypeUsed").stringValue()).isEqualTo("displayTextAndPIN");

        Signature pss = Signature.getInstance("RSASSA-PSS");
        pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        pss.initVerify(certificate(status.at("/cert/value").stringValue()).getPublicKey());
        pss.update(DATA);
        assertThat(pss.verify(
                        Base64.getDecoder().decode(status.at("/signature/value").stringValue())))
                .isTrue();

        // Polling again gives the same completed answer.
        assertThat(json(get("session/" + created.get("sessionID").stringValue() + "?timeoutMs=1000")))
                .isEqualTo(status);
    }

    @Test
    void pkcs1SignatureHasNoParametersAndVerifies() throws Exception {
        Map<String, Object> request = signRequest();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put(
                "digest",
                Base64.getEncoder()
                        .encodeToString(MessageDigest.getInstance("SHA-512").digest(DATA)));
        parameters.put("signatureAlgorithm", "sha512WithRSAEncryption");
        request.put("signatureProtocolParameters", parameters);
        JsonNode created = json(post("signature/notification/etsi/PNOEE-40504040001", request));
        JsonNode status = json(get("session/" + created.get("sessionID").stringValue() + "?timeoutMs=10000"));
        assertThat(status.at("/signature").has("signatureAlgorithmParameters")).isFalse();
        Signature rsa = Signature.getInstance("SHA512withRSA");
        rsa.initVerify(certificate(status.at("/cert/value").stringValue()).getPublicKey());
        rsa.update(DATA);
        assertThat(rsa.verify(
                        Base64.getDecoder().decode(status.at("/signature/value").stringValue())))
                .isTrue();
    }

    @Test
    void demoAccountsGiveTheirEndResultsAndNothingElse() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(SmartIdAccounts.USER_REFUSED, "USER_REFUSED/");
        expected.put(SmartIdAccounts.REFUSED_DISPLAY_TEXT, "USER_REFUSED_INTERACTION/displayTextAndPIN");
        expected.put(SmartIdAccounts.REFUSED_VC_CHOICE, "USER_REFUSED_INTERACTION/verificationCodeChoice");
        expected.put(SmartIdAccounts.WRONG_VC, "WRONG_VC/");
        expected.put(SmartIdAccounts.TIMEOUT, "TIMEOUT/");
        for (Map.Entry<String, String> account : expected.entrySet()) {
            JsonNode created = json(post("signature/notification/document/" + account.getKey(), signRequest()));
            JsonNode status = json(get("session/" + created.get("sessionID").stringValue() + "?timeoutMs=10000"));
            assertThat(status.get("state").stringValue()).isEqualTo("COMPLETE");
            assertThat(status.at("/result/endResult").stringValue() + "/"
                            + status.at("/result/details/interaction").asString(""))
                    .as(account.getKey())
                    .isEqualTo(account.getValue());
            assertThat(status.propertyNames()).containsExactlyInAnyOrder("state", "result");
        }
    }

    @Test
    void longPollAnswersRunningAfterTimeoutMsWithoutHoldingServerThreads() throws Exception {
        sandbox.smartId()
                .configure(SmartIdSettings.defaults().withDelays(Duration.ofSeconds(30), Duration.ofSeconds(30)));
        List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            Map<String, Object> request = signRequest();
            request.put("nonce", "n" + i);
            String id = json(post("signature/notification/document/" + SmartIdAccounts.OK, request))
                    .get("sessionID")
                    .stringValue();
            polls.add(HTTP.sendAsync(
                    HttpRequest.newBuilder(base.resolve("session/" + id + "?timeoutMs=10000"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        // 20 open long polls and the sandbox's 4 threads still answer: the call returns while every
        // poll is still open. A server that held a thread per poll would answer only after they end.
        // (No wall-time bound: on a loaded machine a quick answer can take over a second.)
        assertThat(post("signature/certificate/" + SmartIdAccounts.OK, rp(new LinkedHashMap<>()))
                        .statusCode())
                .isEqualTo(200);
        assertThat(polls).noneMatch(CompletableFuture::isDone);
        for (CompletableFuture<HttpResponse<String>> poll : polls) {
            JsonNode status = JSON.readTree(poll.get().body());
            assertThat(status.get("state").stringValue()).isEqualTo("RUNNING");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(10000));
    }

    @Test
    void repeatedRequestWithinTheWindowReturnsTheSameSessionUnlessANonceIsGiven() throws Exception {
        int before = sandbox.smartId().sessionsCreated();
        JsonNode first = json(post("signature/notification/document/" + SmartIdAccounts.OK, signRequest()));
        JsonNode second = json(post("signature/notification/document/" + SmartIdAccounts.OK, signRequest()));
        assertThat(second).isEqualTo(first);
        assertThat(sandbox.smartId().sessionsCreated()).isEqualTo(before + 1);
        Map<String, Object> withNonce = signRequest();
        withNonce.put("nonce", "d8XkbEnA0WsE0PvBZZoxGnPI4ml9qk");
        JsonNode third = json(post("signature/notification/document/" + SmartIdAccounts.OK, withNonce));
        assertThat(third.get("sessionID")).isNotEqualTo(first.get("sessionID"));
    }

    @Test
    void invalidRequestsAreRejectedWithTheFaultyFieldsPointer() throws Exception {
        Map<String, Object> noDigest = signRequest();
        ((Map<String, Object>) noDigest.get("signatureProtocolParameters")).remove("digest");
        assertProblem(
                post("signature/notification/document/" + SmartIdAccounts.OK, noDigest),
                400,
                "/signatureProtocolParameters/digest");

        Map<String, Object> shortDigest = signRequest();
        ((Map<String, Object>) shortDigest.get("signatureProtocolParameters"))
                .put("digest", Base64.getEncoder().encodeToString(new byte[48]));
        assertProblem(
                post("signature/notification/document/" + SmartIdAccounts.OK, shortDigest),
                400,
                "/signatureProtocolParameters/digest");

        Map<String, Object> badAlgorithm = signRequest();
        ((Map<String, Object>) badAlgorithm.get("signatureProtocolParameters"))
                .put("signatureAlgorithm", "rsassa-pkcs1-v1_5");
        assertProblem(
                post("signature/notification/document/" + SmartIdAccounts.OK, badAlgorithm),
                400,
                "/signatureProtocolParameters/signatureAlgorithm");

        Map<String, Object> vcChoiceOnDeviceLink = signRequest();
        vcChoiceOnDeviceLink.put(
                "interactions",
                Base64.getEncoder()
                        .encodeToString(
                                "[{\"type\":\"confirmationMessageAndVerificationCodeChoice\",\"displayText200\":\"x\"}]"
                                        .getBytes()));
        assertProblem(
                post("signature/device-link/document/" + SmartIdAccounts.OK, vcChoiceOnDeviceLink),
                400,
                "/interactions");

        Map<String, Object> bothTexts = signRequest();
        bothTexts.put(
                "interactions",
                Base64.getEncoder()
                        .encodeToString(
                                "[{\"type\":\"displayTextAndPIN\",\"displayText60\":\"x\",\"displayText200\":\"y\"}]"
                                        .getBytes()));
        assertProblem(post("signature/notification/document/" + SmartIdAccounts.OK, bothTexts), 400, "/interactions");

        Map<String, Object> wrongRp = signRequest();
        wrongRp.put("relyingPartyUUID", UUID.randomUUID().toString());
        assertThat(post("signature/notification/document/" + SmartIdAccounts.OK, wrongRp)
                        .statusCode())
                .isEqualTo(401);

        assertThat(get("session/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(get("session/not-a-uuid").statusCode()).isEqualTo(400);
    }

    @Test
    void injectedStatusesAnswerTheNextRequests() throws Exception {
        sandbox.smartId().injectStatus(580, 1);
        assertThat(post("signature/certificate/" + SmartIdAccounts.OK, rp(new LinkedHashMap<>()))
                        .statusCode())
                .isEqualTo(580);
        assertThat(post("signature/certificate/" + SmartIdAccounts.OK, rp(new LinkedHashMap<>()))
                        .statusCode())
                .isEqualTo(200);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String pointer) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").stringValue()).isEqualTo("about:blank");
        assertThat(problem.get("detail").stringValue()).isEqualTo("Invalid request parameters found");
        assertThat(problem.at("/errors/0/pointer").stringValue()).isEqualTo(pointer);
    }

    static Map<String, Object> signRequest() throws Exception {
        Map<String, Object> request = rp(new LinkedHashMap<>());
        request.put("certificateLevel", "QUALIFIED");
        request.put("signatureProtocol", "RAW_DIGEST_SIGNATURE");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put(
                "digest",
                Base64.getEncoder()
                        .encodeToString(MessageDigest.getInstance("SHA-256").digest(DATA)));
        parameters.put("signatureAlgorithm", "rsassa-pss");
        parameters.put("signatureAlgorithmParameters", Map.of("hashAlgorithm", "SHA-256"));
        request.put("signatureProtocolParameters", parameters);
        request.put("interactions", INTERACTIONS);
        return request;
    }

    private static Map<String, Object> rp(Map<String, Object> request) {
        request.put("relyingPartyUUID", SmartIdSettings.DEMO_RP_UUID.toString());
        request.put("relyingPartyName", "demo"); // matched case-insensitively
        return request;
    }

    private static X509Certificate certificate(String base64) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(
                        new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> post(String path, Map<String, Object> body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
