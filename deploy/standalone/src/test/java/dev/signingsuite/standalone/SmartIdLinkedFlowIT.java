package dev.signingsuite.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.smartid.SmartIdAccounts;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The interactive Smart-ID flow through the whole suite: a document uploaded over the gateway's REST
 * API for the signer {@code device-link} waits for a scan; the gateway serves the device link that
 * provider-smartid builds; the sandbox's mock phone scans it as a demo account; the linked
 * signature ends in a valid container signed with that account's certificate. Stale and tampered
 * links give the service's outcomes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmartIdLinkedFlowIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path work;

    private ConfigurableApplicationContext suite;
    private Sandbox sandbox;
    private URI gateway;

    @BeforeAll
    void startSuite() {
        suite = StandaloneApplication.start(SuiteArguments.onFreePorts(
                work.resolve("data"), "--standalone.services.log-level=WARN", "--standalone.ready-banner=false"));
        sandbox = suite.getBean(Sandbox.class);
        sandbox.smartId()
                .configure(sandbox.smartId().settings().withDelays(Duration.ofMillis(300), Duration.ofSeconds(1)));
        gateway = URI.create("http://127.0.0.1:" + port("gateway") + "/");
    }

    @AfterAll
    void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void theScanningAccountSignsAndTheDocumentIsAssembled() throws Exception {
        Path original = Files.writeString(work.resolve("invoice-linked.xml"), "<Invoice><ID>linked</ID></Invoice>");
        String id = upload(original);
        JsonNode waiting = awaitStatus(id, "AWAITING_SCAN");
        assertThat(waiting.get("deviceLinkUrl").stringValue()).isEqualTo("/v1/documents/" + id + "/smartid/link");

        // A fresh authCode each time: QR links age by the second.
        JsonNode link = link(id);
        String qr = link.get("qr").stringValue();
        assertThat(qr)
                .startsWith(sandbox.baseUrl() + "/device-link?deviceLinkType=QR&elapsedSeconds=")
                .contains("&sessionType=cert&version=1.0&lang=eng&authCode=");
        assertThat(link.get("refreshAfterMs").intValue()).isEqualTo(1000);
        HttpResponse<String> page = get("v1/documents/" + id + "/smartid/page");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<meta http-equiv=\"refresh\" content=\"1\">")
                .contains("<svg")
                .contains("/device-link?deviceLinkType=QR");
        // The page the person is sent: no API key, its own capability; an altered one is refused.
        String personPage = waiting.get("personPageUrl").stringValue();
        HttpResponse<String> opened = HTTP.send(
                HttpRequest.newBuilder(gateway.resolve(personPage.substring(1)))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.body()).contains("<svg").contains("/device-link?deviceLinkType=QR");
        String altered = personPage.replace(id, UUID.randomUUID().toString());
        assertThat(HTTP.send(
                                HttpRequest.newBuilder(gateway.resolve(altered.substring(1)))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(403);

        assertThat(scan(qr, SmartIdAccounts.DEVICE_LINK)).isEqualTo("ACCEPTED");

        JsonNode assembled = awaitStatus(id, "ASSEMBLED");
        assertThat(assembled.at("/container/validation").stringValue()).isEqualTo("TOTAL_PASSED");
        Path container = work.resolve("invoice-linked.asice");
        HttpResponse<Path> download = HTTP.send(
                request("v1/documents/" + id + "/container").build(), HttpResponse.BodyHandlers.ofFile(container));
        assertThat(download.statusCode()).isEqualTo(200);
        new ContainerChecks(sandbox.trustAnchorPem()).assertValidWithDss(container, original, SignatureLevel.LT);
        X509Certificate account = sandbox.smartId()
                .accounts()
                .byDocumentNumber(SmartIdAccounts.DEVICE_LINK)
                .orElseThrow()
                .key()
                .certificate();
        assertThat(signingCertificate(container)).isEqualTo(account);
        assertThat(assembled.get("history").findValuesAsString("status"))
                .containsSubsequence("RECEIVED", "AWAITING_SCAN", "SIGNATURE_REQUESTED", "ASSEMBLED");

        // Done: the document no longer waits for a scan.
        HttpResponse<String> late = get("v1/documents/" + id + "/smartid/link");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(get("v1/documents/no-such-document/smartid/link").statusCode())
                .isEqualTo(404);
    }

    @Test
    void aStaleLinkIsIgnoredUntilAFreshOneIsScanned() throws Exception {
        Path original = Files.writeString(work.resolve("invoice-stale.xml"), "<Invoice><ID>stale</ID></Invoice>");
        String id = upload(original);
        awaitStatus(id, "AWAITING_SCAN");
        JsonNode first = link(id);
        long shownAt = first.get("elapsedSeconds").longValue();
        // Later than the phone's tolerance (2 s) allows for a QR code shown at shownAt.
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> link(id).get("elapsedSeconds").longValue() >= shownAt + 4);

        assertThat(scan(first.get("qr").stringValue(), SmartIdAccounts.DEVICE_LINK))
                .isEqualTo("IGNORED");
        assertThat(status(id).get("status").stringValue()).isEqualTo("AWAITING_SCAN");

        assertThat(scan(link(id).get("qr").stringValue(), SmartIdAccounts.DEVICE_LINK))
                .isEqualTo("ACCEPTED");
        awaitStatus(id, "ASSEMBLED");
    }

    @Test
    void aTamperedLinkFailsTheDocumentWithTheProtocolFailure() throws Exception {
        Path original = Files.writeString(work.resolve("invoice-tampered.xml"), "<Invoice><ID>tampered</ID></Invoice>");
        String id = upload(original);
        awaitStatus(id, "AWAITING_SCAN");
        String tampered = link(id).get("qr").stringValue().replace("&lang=eng&", "&lang=est&");

        assertThat(scan(tampered, SmartIdAccounts.DEVICE_LINK)).isEqualTo("PROTOCOL_FAILURE");

        JsonNode failed = awaitStatus(id, "FAILED");
        assertThat(failed.at("/failure/stage").stringValue()).isEqualTo("PROVIDER");
        assertThat(failed.at("/failure/message").stringValue())
                .contains("PROTOCOL_FAILURE")
                .contains("rejected the scanned device link");
        assertThat(get("v1/documents/" + id + "/smartid/link").statusCode()).isEqualTo(409);
    }

    private String upload(Path file) throws Exception {
        return new GatewayRequests(gateway)
                .upload(
                        file.getFileName().toString(),
                        Files.readString(file),
                        "provider=smartid&signer=device-link&level=LT");
    }

    private JsonNode awaitStatus(String id, String expected) {
        return new GatewayRequests(gateway).awaitStatus(id, expected, Duration.ofSeconds(60));
    }

    private JsonNode status(String id) throws Exception {
        return new GatewayRequests(gateway).status(id);
    }

    private JsonNode link(String id) throws Exception {
        HttpResponse<String> response = get("v1/documents/" + id + "/smartid/link");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The sandbox's mock phone scans the QR link with the app of {@code documentNumber}. */
    private String scan(String link, String documentNumber) throws Exception {
        String body =
                JSON.writeValueAsString(Map.of("documentNumber", documentNumber, "deviceLink", link, "flowType", "QR"));
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(sandbox.smartIdMockPhoneUrl())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("outcome").stringValue();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return new GatewayRequests(gateway).get(path);
    }

    private HttpRequest.Builder request(String path) {
        return new GatewayRequests(gateway).request(path);
    }

    private static X509Certificate signingCertificate(Path container) throws Exception {
        byte[] signature = null;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(container))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals("META-INF/signature001.p7s")) {
                    signature = zip.readAllBytes();
                }
            }
        }
        assertThat(signature).as("signature in %s", container).isNotNull();
        CMSSignedData cms = new CMSSignedData(signature);
        SignerInformation signer = cms.getSignerInfos().iterator().next();
        @SuppressWarnings("unchecked")
        X509CertificateHolder holder = (X509CertificateHolder)
                cms.getCertificates().getMatches(signer.getSID()).iterator().next();
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
    }

    private int port(String service) {
        return suite.getBean(SuiteServices.class).running().stream()
                .filter(r -> r.name().equals(service))
                .findFirst()
                .orElseThrow()
                .port();
    }
}
