package dev.signingsuite.sandbox.scd;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.sandbox.SharedPki;
import dev.signingsuite.sandbox.csc.CscSettings;
import dev.signingsuite.sandbox.csc.CscSimulator;
import dev.signingsuite.sandbox.http.SandboxHttpServer;
import dev.signingsuite.sandbox.idp.IdpPersons;
import dev.signingsuite.sandbox.pki.OneTimeCa;
import dev.signingsuite.sandbox.pki.PkiSettings;
import dev.signingsuite.testclock.TestClock;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The remote SCD service over HTTP with real SoftHSM2 tokens: a device's request proves possession
 * of a key in the person's token; once certified, the key is a CSC credential whose authorisation
 * page asks for the PIN, which the token checks: the right PIN gets a credential token that signs
 * the approved hash, a wrong one is refused and signs nothing.
 */
class RemoteScdTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String REDIRECT = "http://127.0.0.1:18080/csc/callback";
    private static final String VERIFIER = "a-verifier-of-at-least-43-characters-0123456789abcdef";
    private static final Clock CLOCK = TestClock.startingAt(SharedPki.FIXED_NOW);

    @TempDir
    static Path work;

    private static SandboxHttpServer server;
    private static CscSimulator csc;
    private static RemoteScd scd;

    @BeforeAll
    static void start() throws Exception {
        SoftHsmDirectory.prepare();
        server = SandboxHttpServer.bind("127.0.0.1", 0);
        csc = new CscSimulator(server.baseUrl(), SharedPki.fixed(), CscSettings.defaults(), CLOCK);
        scd = new RemoteScd(csc, work, CLOCK);
        server.register(CscSimulator.CONTEXT, csc);
        server.register(RemoteScd.CONTEXT, scd);
        server.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aCertifiedDeviceSignsOnlyWithItsPersonsPin() throws Exception {
        HttpResponse<String> created =
                post("devices", Map.of("personId", IdpPersons.ONE_TIME.identifier(), "name", "ONE TIME"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode device = JSON.readTree(created.body());
        String deviceId = device.get("deviceId").stringValue();
        JcaPKCS10CertificationRequest request = new JcaPKCS10CertificationRequest(
                Base64.getDecoder().decode(device.get("certificationRequest").stringValue()));
        assertThat(request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(request.getPublicKey())))
                .as("proof of possession")
                .isTrue();
        assertThat(request.getSubject()).isEqualTo(RemoteScd.subject(IdpPersons.ONE_TIME.identifier(), "ONE TIME"));

        X509Certificate certificate = new OneTimeCa(
                        SharedPki.fixed(), new PkiSettings(server.baseUrl()), Duration.ofDays(30), CLOCK)
                .enrol(request.getEncoded(), request.getSubject());
        String credentialId = RemoteScd.CREDENTIAL_PREFIX + deviceId;
        assertThat(csc.credentialIds()).doesNotContain(credentialId);
        HttpResponse<String> certified = put(
                "devices/" + deviceId + "/certificate",
                Map.of("certificates", List.of(Base64.getEncoder().encodeToString(certificate.getEncoded()))));
        assertThat(certified.statusCode()).as(certified.body()).isEqualTo(200);
        assertThat(JSON.readTree(certified.body()).get("credentialId").stringValue())
                .isEqualTo(credentialId);
        assertThat(csc.certificate(credentialId)).isEqualTo(certificate);

        byte[] hash = MessageDigest.getInstance("SHA-256").digest("a document".getBytes(UTF_8));
        Map<String, String> authorize = new LinkedHashMap<>();
        authorize.put("response_type", "code");
        authorize.put("client_id", "sandbox-client");
        authorize.put("redirect_uri", REDIRECT);
        authorize.put(
                "code_challenge",
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(MessageDigest.getInstance("SHA-256").digest(VERIFIER.getBytes(US_ASCII))));
        authorize.put("code_challenge_method", "S256");
        authorize.put("scope", "credential");
        authorize.put("credentialID", credentialId);
        authorize.put("numSignatures", "1");
        authorize.put("hashes", Base64.getUrlEncoder().withoutPadding().encodeToString(hash));
        authorize.put("hashAlgorithmOID", "2.16.840.1.101.3.4.2.1");
        authorize.put("state", "s1");
        HttpResponse<String> page = HTTP.send(
                HttpRequest.newBuilder(URI.create(csc(("oauth2/authorize?" + form(authorize)))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"pin\"").doesNotContain("code=");

        Map<String, String> wrong = redirect(pin(authorize, "000000"));
        assertThat(wrong).containsEntry("error", "access_denied").doesNotContainKey("code");
        assertThat(wrong.get("error_description")).contains("PIN is wrong");

        Map<String, String> right = redirect(pin(authorize, ScdPersons.ONE_TIME_PIN));
        assertThat(right).containsEntry("state", "s1").containsKey("code");
        JsonNode token = JSON.readTree(HTTP.send(
                        HttpRequest.newBuilder(URI.create(csc("oauth2/token")))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                                        "grant_type",
                                        "authorization_code",
                                        "code",
                                        right.get("code"),
                                        "redirect_uri",
                                        REDIRECT,
                                        "code_verifier",
                                        VERIFIER,
                                        "client_id",
                                        "sandbox-client",
                                        "client_secret",
                                        "sandbox-secret"))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        HttpResponse<String> signed = HTTP.send(
                HttpRequest.newBuilder(URI.create(csc("signatures/signHash")))
                        .header("Content-Type", "application/json")
                        .header(
                                "Authorization",
                                "Bearer " + token.get("access_token").stringValue())
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                                "credentialID",
                                credentialId,
                                "hashes",
                                List.of(Base64.getEncoder().encodeToString(hash)),
                                "hashAlgorithmOID",
                                "2.16.840.1.101.3.4.2.1",
                                "signAlgo",
                                "1.2.840.10045.4.3.2"))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        byte[] value = Base64.getDecoder()
                .decode(JSON.readTree(signed.body()).get("signatures").get(0).stringValue());
        Signature verify = Signature.getInstance("NONEwithECDSA");
        verify.initVerify(certificate.getPublicKey());
        verify.update(hash);
        assertThat(verify.verify(value)).as("signed by the device's key").isTrue();
    }

    @Test
    void aTamperedRequestFailsItsProofOfPossessionAndAnUnknownPersonHasNoDevice() throws Exception {
        scd.tamperNextRequest();
        JsonNode device =
                JSON.readTree(post("devices", Map.of("personId", IdpPersons.OTHER.identifier(), "name", "OTHER PERSON"))
                        .body());
        JcaPKCS10CertificationRequest request = new JcaPKCS10CertificationRequest(
                Base64.getDecoder().decode(device.get("certificationRequest").stringValue()));
        assertThat(request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(request.getPublicKey())))
                .isFalse();

        HttpResponse<String> unknown = post("devices", Map.of("personId", "PNOLV-999999-99999", "name", "NOBODY"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(post("devices", Map.of("personId", "someone", "name", "X")).statusCode())
                .isEqualTo(400);
    }

    private static Map<String, String> pin(Map<String, String> authorize, String pin) {
        Map<String, String> form = new LinkedHashMap<>(authorize);
        form.put("pin", pin);
        return form;
    }

    private static Map<String, String> redirect(Map<String, String> form) throws Exception {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create(csc("oauth2/authorize")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(form)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        URI location = URI.create(answer.headers().firstValue("Location").orElseThrow());
        Map<String, String> query = new HashMap<>();
        for (String pair : location.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], URLDecoder.decode(parts[1], UTF_8));
        }
        return query;
    }

    private static HttpResponse<String> post(String path, Object body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + RemoteScd.CONTEXT + "/" + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> put(String path, Object body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + RemoteScd.CONTEXT + "/" + path))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String csc(String method) {
        return server.baseUrl() + CscSimulator.CONTEXT + "/" + method;
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), UTF_8) + "=" + URLEncoder.encode(e.getValue(), UTF_8))
                .collect(Collectors.joining("&"));
    }
}
