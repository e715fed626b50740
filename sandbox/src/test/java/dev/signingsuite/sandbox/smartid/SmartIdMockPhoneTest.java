package dev.signingsuite.sandbox.smartid;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.SandboxSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulated phone over HTTP (reference §15.5, §15.13): a relying party starts a device-link
 * certificate choice, builds the QR link as the RP API says, and the mock phone scans it.
 */
class SmartIdMockPhoneTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String RP_NAME = "demo"; // matched case-insensitively, its bytes used as sent

    @TempDir
    static Path dataDir;

    private static Sandbox sandbox;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(new SandboxSettings(dataDir, "127.0.0.1", 0));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void fastPeople() {
        sandbox.smartId()
                .configure(SmartIdSettings.defaults().withDelays(Duration.ofMillis(200), Duration.ofMillis(400)));
    }

    @Test
    void scanningTheChoiceWithAnAccountChoosesItsCertificateThenTheLinkedSignatureCompletes() throws Exception {
        JsonNode choice = json(post("signature/certificate-choice/device-link/anonymous", rp()));
        assertThat(choice.get("deviceLinkBase").stringValue())
                .isEqualTo(sandbox.baseUrl() + "/device-link")
                .doesNotEndWith("/");

        JsonNode scanned = json(scan(SmartIdAccounts.DEVICE_LINK, qrLink(choice, 0), "QR"));
        assertThat(scanned.get("outcome").stringValue()).isEqualTo("ACCEPTED");
        JsonNode status = status(choice);
        assertThat(status.get("state").stringValue()).isEqualTo("COMPLETE");
        assertThat(status.at("/result/endResult").stringValue()).isEqualTo("OK");
        assertThat(status.at("/result/documentNumber").stringValue()).isEqualTo(SmartIdAccounts.DEVICE_LINK);
        assertThat(status.at("/signature/flowType").stringValue()).isEqualTo("QR");
        assertThat(status.has("signatureProtocol")).isFalse();
        assertThat(status.at("/cert/value").stringValue()).isNotEmpty();

        // Meanwhile the app waits for the linked signature: another transaction fails at once.
        JsonNode other = json(post(
                "signature/notification/document/" + SmartIdAccounts.DEVICE_LINK, SmartIdSimulatorTest.signRequest()));
        assertThat(status(other).at("/result/endResult").stringValue()).isEqualTo("EXPECTED_LINKED_SESSION");

        Map<String, Object> linked = SmartIdSimulatorTest.signRequest();
        linked.put("linkedSessionID", choice.get("sessionID").stringValue());
        JsonNode signature = json(post("signature/notification/linked/" + SmartIdAccounts.DEVICE_LINK, linked));
        assertThat(signature.has("vc")).isFalse();
        JsonNode signed = status(signature);
        assertThat(signed.at("/result/endResult").stringValue()).isEqualTo("OK");
        assertThat(signed.get("signatureProtocol").stringValue()).isEqualTo("RAW_DIGEST_SIGNATURE");

        // The same request repeated within 15 s gets the same session back (reference §2) ...
        assertThat(json(post("signature/notification/linked/" + SmartIdAccounts.DEVICE_LINK, linked))
                        .get("sessionID"))
                .isEqualTo(signature.get("sessionID"));
        // ... but the choice cannot be linked again, and the document is free for other transactions.
        linked.put("nonce", "second-link");
        assertThat(post("signature/notification/linked/" + SmartIdAccounts.DEVICE_LINK, linked)
                        .statusCode())
                .isEqualTo(400);
        Map<String, Object> again = SmartIdSimulatorTest.signRequest();
        again.put("nonce", "again");
        JsonNode later = json(post("signature/notification/document/" + SmartIdAccounts.DEVICE_LINK, again));
        assertThat(status(later).at("/result/endResult").stringValue()).isEqualTo("OK");
    }

    @Test
    void aLinkedSignatureNeedsACompletedChoiceOfTheSameDocument() throws Exception {
        JsonNode choice = json(post("signature/certificate-choice/device-link/anonymous", rp()));
        Map<String, Object> linked = SmartIdSimulatorTest.signRequest();
        linked.put("linkedSessionID", choice.get("sessionID").stringValue());
        // Not scanned yet.
        assertThat(post("signature/notification/linked/" + SmartIdAccounts.OK_ADULT, linked)
                        .statusCode())
                .isEqualTo(400);
        json(scan(SmartIdAccounts.OK_ADULT, qrLink(choice, 0), "QR"));
        assertThat(status(choice).at("/result/endResult").stringValue()).isEqualTo("OK");
        // Another document than the one chosen.
        assertThat(post("signature/notification/linked/" + SmartIdAccounts.OK, linked)
                        .statusCode())
                .isEqualTo(400);
        JsonNode signature = json(post("signature/notification/linked/" + SmartIdAccounts.OK_ADULT, linked));
        assertThat(status(signature).at("/result/endResult").stringValue()).isEqualTo("OK");
    }

    @Test
    void aTamperedLinkEndsTheSessionWithProtocolFailure() throws Exception {
        JsonNode choice = json(post("signature/certificate-choice/device-link/anonymous", rp()));
        String link = qrLink(choice, 0);
        String tampered = link.substring(0, link.length() - 2) + (link.endsWith("AA") ? "BB" : "AA");

        JsonNode scanned = json(scan(SmartIdAccounts.DEVICE_LINK, tampered, "QR"));

        assertThat(scanned.get("outcome").stringValue()).isEqualTo("PROTOCOL_FAILURE");
        JsonNode status = status(choice);
        assertThat(status.get("state").stringValue()).isEqualTo("COMPLETE");
        assertThat(status.at("/result/endResult").stringValue()).isEqualTo("PROTOCOL_FAILURE");
        assertThat(status.has("cert")).isFalse();
    }

    @Test
    void aStaleQrLinkIsIgnoredAndTheSessionKeepsRunningUntilAFreshOneIsScanned() throws Exception {
        // The fresh link states the session's real age, as an RP's QR code does: on a loaded machine
        // a second or two pass between the start and the scan, and the simulator allows only 2 s.
        long started = System.nanoTime();
        JsonNode choice = json(post("signature/certificate-choice/device-link/anonymous", rp()));

        JsonNode scanned = json(scan(SmartIdAccounts.OK_ADULT, qrLink(choice, 10), "QR"));

        assertThat(scanned.get("outcome").stringValue()).isEqualTo("IGNORED");
        assertThat(json(get("session/" + choice.get("sessionID").stringValue() + "?timeoutMs=1000"))
                        .get("state")
                        .stringValue())
                .isEqualTo("RUNNING");
        long age = Math.round((System.nanoTime() - started) / 1e9);
        json(scan(SmartIdAccounts.OK_ADULT, qrLink(choice, age), "QR"));
        JsonNode status = status(choice);
        assertThat(status.at("/result/endResult").stringValue()).isEqualTo("OK");
        assertThat(status.at("/result/documentNumber").stringValue()).isEqualTo(SmartIdAccounts.OK_ADULT);
        // Finish the linked flow so that the account is free again.
        Map<String, Object> linked = SmartIdSimulatorTest.signRequest();
        linked.put("linkedSessionID", choice.get("sessionID").stringValue());
        json(post("signature/notification/linked/" + SmartIdAccounts.OK_ADULT, linked));
    }

    @Test
    void aWeb2AppLinkCountsTheCallbackAndTheAppOpensItAfterTheLinkedSignature() throws Exception {
        Map<String, Object> request = rp();
        String callback = "https://rp.example.com/callback?value=abc123";
        request.put("initialCallbackUrl", callback);
        JsonNode choice = json(post("signature/certificate-choice/device-link/anonymous", request));
        String unprotected = choice.get("deviceLinkBase").stringValue() + "?deviceLinkType=Web2App&sessionToken="
                + choice.get("sessionToken").stringValue() + "&sessionType=cert&version=1.0&lang=eng";
        // A link computed without the callback is wrong for Web2App.
        JsonNode other = json(post("signature/certificate-choice/device-link/anonymous", rp()));
        String wrong = other.get("deviceLinkBase").stringValue() + "?deviceLinkType=Web2App&sessionToken="
                + other.get("sessionToken").stringValue() + "&sessionType=cert&version=1.0&lang=eng";
        json(scan(SmartIdAccounts.OK_ADULT, wrong + "&authCode=" + authCode(other, "", wrong), "Web2App"));
        assertThat(status(other).at("/result/endResult").stringValue()).isEqualTo("PROTOCOL_FAILURE");

        json(scan(
                SmartIdAccounts.OK_ADULT,
                unprotected + "&authCode=" + authCode(choice, callback, unprotected),
                "Web2App"));
        assertThat(status(choice).at("/signature/flowType").stringValue()).isEqualTo("Web2App");
        Map<String, Object> linked = SmartIdSimulatorTest.signRequest();
        linked.put("linkedSessionID", choice.get("sessionID").stringValue());
        JsonNode signature = json(post("signature/notification/linked/" + SmartIdAccounts.OK_ADULT, linked));
        assertThat(status(signature).at("/result/endResult").stringValue()).isEqualTo("OK");
        assertThat(sandbox.smartId().openedCallbacks()).contains(callback);
    }

    @Test
    void aDeviceLinkSignatureIsSignedByItsOwnAccountOnly() throws Exception {
        Map<String, Object> request = SmartIdSimulatorTest.signRequest();
        request.put("relyingPartyName", RP_NAME);
        request.put("nonce", "device-link-signature");
        JsonNode session = json(post("signature/device-link/document/" + SmartIdAccounts.OK_ADULT, request));
        String unprotected = session.get("deviceLinkBase").stringValue() + "?deviceLinkType=QR&elapsedSeconds=0"
                + "&sessionToken=" + session.get("sessionToken").stringValue()
                + "&sessionType=sign&version=1.0&lang=eng";
        @SuppressWarnings("unchecked")
        Map<String, Object> parameters = (Map<String, Object>) request.get("signatureProtocolParameters");
        String payload = String.join(
                "|",
                "smart-id-demo",
                "RAW_DIGEST_SIGNATURE",
                (String) parameters.get("digest"),
                Base64.getEncoder().encodeToString(RP_NAME.getBytes(UTF_8)),
                "",
                (String) request.get("interactions"),
                "",
                unprotected);
        String link = unprotected + "&authCode="
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                DeviceLinkScan.hmac(session.get("sessionSecret").stringValue(), payload));

        assertThat(scan(SmartIdAccounts.DEVICE_LINK, link, "QR").statusCode()).isEqualTo(400);
        assertThat(json(scan(SmartIdAccounts.OK_ADULT, link, "QR"))
                        .get("outcome")
                        .stringValue())
                .isEqualTo("ACCEPTED");
        JsonNode status = status(session);
        assertThat(status.at("/result/endResult").stringValue()).isEqualTo("OK");
        assertThat(status.at("/signature/flowType").stringValue()).isEqualTo("QR");
        assertThat(status.get("signatureProtocol").stringValue()).isEqualTo("RAW_DIGEST_SIGNATURE");
    }

    @Test
    void scansOfUnknownSessionsOrWithoutTheRequiredFieldsAreBadRequests() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("documentNumber", SmartIdAccounts.DEVICE_LINK);
        body.put("flowType", "QR");
        assertThat(postJson(sandbox.smartIdMockPhoneUrl(), body).statusCode()).isEqualTo(400);
        assertThat(scan(SmartIdAccounts.DEVICE_LINK, "https://elsewhere.example/device-link?x=1&authCode=a", "QR")
                        .statusCode())
                .isEqualTo(400);
    }

    /** The QR link as an RP builds it (reference §8), {@code skew} seconds off the session's age. */
    private static String qrLink(JsonNode session, long skew) {
        String unprotected = session.get("deviceLinkBase").stringValue() + "?deviceLinkType=QR&elapsedSeconds=" + skew
                + "&sessionToken=" + session.get("sessionToken").stringValue()
                + "&sessionType=cert&version=1.0&lang=eng";
        return unprotected + "&authCode=" + authCode(session, "", unprotected);
    }

    private static String authCode(JsonNode session, String callback, String unprotected) {
        String payload = String.join(
                "|",
                "smart-id-demo",
                "",
                "",
                Base64.getEncoder().encodeToString(RP_NAME.getBytes(UTF_8)),
                "",
                "",
                callback,
                unprotected);
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(DeviceLinkScan.hmac(session.get("sessionSecret").stringValue(), payload));
    }

    private static Map<String, Object> rp() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("relyingPartyUUID", SmartIdSettings.DEMO_RP_UUID.toString());
        request.put("relyingPartyName", RP_NAME);
        // A fresh session each time: identical POSTs within 15 s would return the same one (reference §2).
        request.put("nonce", java.util.UUID.randomUUID().toString().substring(0, 30));
        return request;
    }

    private static JsonNode status(JsonNode session) throws Exception {
        return json(get("session/" + session.get("sessionID").stringValue() + "?timeoutMs=10000"));
    }

    private static HttpResponse<String> scan(String documentNumber, String link, String flowType) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("documentNumber", documentNumber);
        body.put("deviceLink", link);
        body.put("flowType", flowType);
        return postJson(sandbox.smartIdMockPhoneUrl(), body);
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> post(String path, Map<String, Object> body) throws Exception {
        return postJson(sandbox.smartIdBaseUrl().resolve(path), body);
    }

    private static HttpResponse<String> postJson(URI uri, Map<String, Object> body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(sandbox.smartIdBaseUrl().resolve(path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
