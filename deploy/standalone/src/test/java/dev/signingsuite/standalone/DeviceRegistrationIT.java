package dev.signingsuite.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.idp.IdentityProvider;
import dev.signingsuite.sandbox.idp.IdpPersons;
import dev.signingsuite.sandbox.idp.PersonBrowser;
import dev.signingsuite.sandbox.scd.ScdPersons;
import dev.signingsuite.sandbox.scd.SoftHsmDirectory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signing-device registration end to end (issue 22, §9.2.1; ADR 32): a person logs in at the
 * sandbox's identity provider; the tenant registers the person's device with the ID token, the
 * gateway enrols the device's request over EST and the sandbox's remote SCD service offers the key
 * as a CSC credential; a digest then signs through provider-csc once the person types the PIN on
 * the SCD's page, and the CMS verifies with openssl under the registered certificate. A wrong PIN
 * fails its document USER_REFUSED without any signHash; a request whose proof of possession fails
 * is refused with problem+json before it reaches the CA.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceRegistrationIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern APPROVAL_LINK = Pattern.compile("<a id=\"login\" href=\"([^\"]+)\">");

    private static final Pattern PIN_FORM =
            Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final String VERIFIER = "a-verifier-of-at-least-43-characters-0123456789abcdef";

    @TempDir
    static Path work;

    private ConfigurableApplicationContext suite;
    private Sandbox sandbox;
    private URI gateway;
    private DigestSigningChecks rest;

    @BeforeAll
    void startSuite() {
        SoftHsmDirectory.prepare();
        suite = StandaloneApplication.start(SuiteArguments.onFreePorts(
                work.resolve("data"), "--standalone.services.log-level=WARN", "--standalone.ready-banner=false"));
        sandbox = suite.getBean(Sandbox.class);
        gateway = URI.create("http://127.0.0.1:" + port("gateway") + "/");
        rest = new DigestSigningChecks(port("gateway"), sandbox.trustAnchorPem());
    }

    @AfterAll
    void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void aRegisteredDeviceSignsWithItsPersonsPinAndRefusesAWrongOne() throws Exception {
        String idToken = idToken(IdpPersons.ONE_TIME);

        // A device whose request's signature does not verify with its key: refused before the CA.
        sandbox.scd().tamperNextRequest();
        HttpResponse<String> forged = register(idToken);
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(422);
        assertThat(forged.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(forged.body()).contains("proof of possession");
        HttpResponse<String> anonymous = register(idToken.substring(0, idToken.length() - 4) + "AAAA");
        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
        assertThat(anonymous.body()).contains("does not verify");

        HttpResponse<String> created = register(idToken);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode device = JSON.readTree(created.body());
        String signer = device.get("signer").stringValue();
        assertThat(device.get("personId").stringValue()).isEqualTo(IdpPersons.ONE_TIME.identifier());
        assertThat(device.get("provider").stringValue()).isEqualTo("csc");
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(
                        device.get("certificate").stringValue().getBytes(UTF_8)));
        assertThat(certificate.getSubjectX500Principal().toString())
                .contains("SERIALNUMBER=" + IdpPersons.ONE_TIME.identifier());
        HttpResponse<String> read = rest.send(
                "demo-key", "GET", "/v1/devices/" + device.get("deviceId").stringValue(), null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).get("signer").stringValue()).isEqualTo(signer);

        // Another tenant, though allowed every CSC signer, neither sees the device nor signs with it.
        String otherKey = tenantAllowedEveryCscSigner("device-outsider");
        assertThat(rest.send(
                                otherKey,
                                "GET",
                                "/v1/devices/" + device.get("deviceId").stringValue(),
                                null)
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<String> foreign = rest.send(
                otherKey,
                "POST",
                "/v1/signatures",
                DigestSigningChecks.body(
                        DigestSigningChecks.sha256Base64(new byte[] {1}),
                        "SHA-256",
                        "cades-detached",
                        null,
                        "csc",
                        signer));
        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(403);

        // Signed with the PIN: the CMS verifies under the sandbox root with the device's certificate.
        byte[] content = "a contract the e-service keeps\n".getBytes(UTF_8);
        Path original = Files.write(work.resolve("contract.txt"), content);
        String[] signing = sign(content, signer);
        String signed = signing[0];
        assertThat(signing[1]).startsWith("/person/csc/");
        URI callback = approve(signing[1], signer, ScdPersons.ONE_TIME_PIN);
        assertThat(get(callback).statusCode()).isEqualTo(303);
        rest.awaitSigned("demo-key", signed);
        HttpResponse<byte[]> cms = rest.fetch("demo-key", "/v1/signatures/" + signed + "/signature");
        assertThat(cms.statusCode()).isEqualTo(200);
        Path signature = Files.write(work.resolve("contract.p7s"), cms.body());
        assertThat(rest.opensslVerifies(signature, original)).isTrue();
        assertThat(new CMSSignedData(cms.body())
                        .getSignerInfos()
                        .iterator()
                        .next()
                        .getSID()
                        .match(new X509CertificateHolder(certificate.getEncoded())))
                .as("signed by the registered device's key")
                .isTrue();
        int signHashes = sandbox.csc().signHashCalls(signer);
        assertThat(signHashes).isEqualTo(1);

        // A wrong PIN: the SCD's token refuses it, nothing is signed, the signature fails once.
        String[] refusing = sign("another contract\n".getBytes(UTF_8), signer);
        String refused = refusing[0];
        URI refusedCallback = approve(refusing[1], signer, "000000");
        assertThat(refusedCallback.getRawQuery()).contains("error=access_denied");
        assertThat(get(refusedCallback).statusCode()).isEqualTo(403);
        JsonNode failed = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> JSON.readTree(rest.send("demo-key", "GET", "/v1/signatures/" + refused, null)
                                .body()),
                        status -> !"PENDING".equals(status.get("status").stringValue()));
        assertThat(failed.get("status").stringValue()).as(failed.toString()).isEqualTo("FAILED");
        assertThat(failed.toString()).contains("USER_REFUSED").contains("PIN is wrong");
        assertThat(sandbox.csc().signHashCalls(signer)).isEqualTo(signHashes);
    }

    /** A tenant made through the admin API, allowed {@code csc} / {@code *}; returns its API key. */
    private String tenantAllowedEveryCscSigner(String tenantId) throws Exception {
        admin("POST", "admin/v1/tenants", "{\"id\":\"" + tenantId + "\"}", 201);
        admin("PUT", "admin/v1/tenants/" + tenantId + "/signers", "[{\"provider\":\"csc\",\"identity\":\"*\"}]", 200);
        return JSON.readTree(admin("POST", "admin/v1/tenants/" + tenantId + "/api-keys", "", 201))
                .get("apiKey")
                .stringValue();
    }

    private String admin(String method, String path, String json, int expected) throws Exception {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(gateway.resolve(path))
                        .header("Authorization", "Bearer demo-admin-token-for-the-standalone-run-only")
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode())
                .as(method + " " + path + ": " + answer.body())
                .isEqualTo(expected);
        return answer.body();
    }

    private HttpResponse<String> register(String idToken) throws Exception {
        return rest.send("demo-key", "POST", "/v1/devices", JSON.writeValueAsString(Map.of("idToken", idToken)));
    }

    /** @return the signature id and the person's page ({@code redirectUrl}): a person acts */
    private String[] sign(byte[] content, String signer) throws Exception {
        String digest = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(content));
        return rest.postForPerson(
                "demo-key", DigestSigningChecks.body(digest, "SHA-256", "cades-detached", null, "csc", signer));
    }

    /**
     * The person approves the device's waiting group as an e-service sends them: the person page of
     * the answer's {@code redirectUrl}, its approval link (the gateway's relay), the SCD's PIN page,
     * the PIN typed; returns where the SCD sends the browser back (the gateway's callback).
     */
    private URI approve(String personPage, String signer, String pin) throws Exception {
        String link = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> {
                            Matcher approval = APPROVAL_LINK.matcher(
                                    get(gateway.resolve(personPage)).body());
                            return approval.find() ? unescape(approval.group(1)) : null;
                        },
                        found -> found != null);
        assertThat(link).startsWith("/operator/csc/approvals/");
        HttpResponse<String> start = get(gateway.resolve(link));
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> page = get(authorize);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Map<String, String> form = new LinkedHashMap<>();
        Matcher hidden = PIN_FORM.matcher(page.body());
        while (hidden.find()) {
            form.put(unescape(hidden.group(1)), unescape(hidden.group(2)));
        }
        assertThat(form).containsEntry("credentialID", signer);
        form.put("pin", pin);
        HttpResponse<String> typed = HTTP.send(
                HttpRequest.newBuilder(authorize)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(form)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(typed.statusCode()).as(typed.body()).isEqualTo(302);
        URI back = URI.create(typed.headers().firstValue("Location").orElseThrow());
        assertThat(back.getPort()).isEqualTo(gateway.getPort());
        return back;
    }

    /** The person's ID token: logged in at the sandbox identity provider, the code exchanged. */
    private String idToken(IdpPersons.Person person) throws Exception {
        URI issuer = sandbox.identityProviderIssuer();
        String challenge = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(VERIFIER.getBytes(UTF_8)));
        URI authorization = URI.create(issuer + "/oauth2/authorize?"
                + form(Map.of(
                        "response_type", "code",
                        "client_id", IdentityProvider.CLIENT_ID,
                        "redirect_uri", IdentityProvider.REDIRECT_URI.toString(),
                        "scope", "openid profile",
                        "state", "device",
                        "nonce", "device-nonce",
                        "code_challenge", challenge,
                        "code_challenge_method", "S256")));
        URI back = new PersonBrowser().logIn(authorization, person.identifier(), person.password());
        String code = null;
        for (String pair : back.getRawQuery().split("&")) {
            if (pair.startsWith("code=")) {
                code = URLDecoder.decode(pair.substring(5), UTF_8);
            }
        }
        assertThat(code).as(back.toString()).isNotNull();
        HttpResponse<String> tokens = HTTP.send(
                HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString((IdentityProvider.CLIENT_ID + ":"
                                                                + IdentityProvider.CLIENT_SECRET)
                                                        .getBytes(UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                code,
                                "redirect_uri",
                                IdentityProvider.REDIRECT_URI.toString(),
                                "code_verifier",
                                VERIFIER))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return JSON.readTree(tokens.body()).get("id_token").stringValue();
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), UTF_8) + "=" + URLEncoder.encode(e.getValue(), UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private int port(String service) {
        return suite.getBean(SuiteServices.class).running().stream()
                .filter(r -> r.name().equals(service))
                .findFirst()
                .orElseThrow()
                .port();
    }
}
