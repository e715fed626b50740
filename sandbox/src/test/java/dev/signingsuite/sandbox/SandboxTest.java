package dev.signingsuite.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.sandbox.faults.Fault;
import dev.signingsuite.sandbox.faults.FaultProfile;
import dev.signingsuite.sandbox.faults.Simulator;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP face of the sandbox: routes, media types, methods and size limits. */
class SandboxTest {

    private static final String TSQ = "application/timestamp-query";
    private static final String OCSP_REQUEST = "application/ocsp-request";

    @TempDir
    static Path dataDir;

    static Sandbox sandbox;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(new SandboxSettings(dataDir, "127.0.0.1", 0));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        sandbox.close(); // idempotent
    }

    @Test
    void theIdentityProviderStartsOnFirstUseOnALoopbackPortOfItsOwn() throws Exception {
        URI issuer = sandbox.identityProviderIssuer();

        assertThat(issuer.toString()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(issuer.getPort()).isNotEqualTo(sandbox.baseUrl().getPort());
        assertThat(sandbox.identityProviderIssuer())
                .as("one identity provider per sandbox")
                .isEqualTo(issuer);
        HttpResponse<String> discovery = http.send(
                HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.body()).contains("\"issuer\":\"" + issuer + "\"");
    }

    @Test
    void urlsFilesAndTheAiaOfANewPki() throws Exception {
        URI base = sandbox.baseUrl();
        assertThat(base.toString()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(sandbox.tsaUrl()).isEqualTo(URI.create(base + "/tsa"));
        assertThat(sandbox.ocspUrl()).isEqualTo(URI.create(base + "/ocsp"));
        assertThat(sandbox.trustAnchorPem()).isEqualTo(dataDir.resolve("trust-anchor.pem"));
        assertThat(sandbox.trustAnchorPem()).content().startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(dataDir.resolve("pki/seal.p12")).isRegularFile();

        AccessDescription[] aia = AuthorityInformationAccess.fromExtensions(new JcaX509CertificateHolder(
                                sandbox.pki().entity(SandboxEntities.SEAL).certificate())
                        .getExtensions())
                .getAccessDescriptions();
        assertThat(aia[0].getAccessLocation())
                .isEqualTo(new GeneralName(
                        GeneralName.uniformResourceIdentifier, sandbox.ocspUrl().toString()));
    }

    @Test
    void faultsReachEverySimulatorButNotTheCaCertificates() throws Exception {
        Map<Simulator, String> paths = Map.of(
                Simulator.TSA, "/tsa",
                Simulator.OCSP, "/ocsp",
                Simulator.CSC, "/csc/v2/info",
                Simulator.EPARAKSTS, "/trustedx-resources/openid/v1/users/me",
                Simulator.SMARTID, "/smart-id-rp/v3/session/none");
        try {
            for (Simulator simulator : Simulator.values()) {
                sandbox.faults().set(simulator, FaultProfile.of(1, Fault.HTTP_429));
            }
            for (var path : paths.entrySet()) {
                HttpResponse<byte[]> response = http.send(
                        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path.getValue()))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(response.statusCode()).as(path.getKey().name()).isEqualTo(429);
            }
            HttpResponse<byte[]> ca = http.send(
                    HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/certs/root-ca.cer"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(ca.statusCode()).isEqualTo(200);
        } finally {
            sandbox.faults().clear();
        }
        HttpResponse<byte[]> cleared = http.send(
                HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/csc/v2/info"))
                        .POST(BodyPublishers.ofString("{}"))
                        .header("Content-Type", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(cleared.statusCode()).isEqualTo(200);
    }

    @Test
    void defaultSettingsListenOnLoopbackPort8190() {
        assertThat(SandboxSettings.defaults(dataDir)).isEqualTo(new SandboxSettings(dataDir, "127.0.0.1", 8190));
    }

    @Test
    void timeStampOverHttp() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(new byte[] {1});
        byte[] query = new TimeStampRequestGenerator()
                .generate(TSPAlgorithms.SHA256, digest)
                .getEncoded();

        HttpResponse<byte[]> response =
                post(sandbox.tsaUrl(), TSQ + "; charset=binary", BodyPublishers.ofByteArray(query));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/timestamp-reply");
        assertThat(new TimeStampResponse(response.body()).getTimeStampToken()).isNotNull();
    }

    @Test
    void refusesWrongMethodMediaTypeAndBody() throws Exception {
        HttpResponse<byte[]> get = http.send(
                HttpRequest.newBuilder(sandbox.tsaUrl()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");

        assertThat(post(sandbox.tsaUrl(), "application/octet-stream", BodyPublishers.ofString("x"))
                        .statusCode())
                .isEqualTo(415);
        assertThat(post(sandbox.tsaUrl(), TSQ, BodyPublishers.ofString("not DER"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(post(sandbox.tsaUrl(), TSQ, BodyPublishers.noBody()).statusCode())
                .isEqualTo(400);
        assertThat(post(URI.create(sandbox.tsaUrl() + "/more"), TSQ, BodyPublishers.ofString("x"))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void refusesBodiesOverTheLimitWithOrWithoutContentLength() throws Exception {
        byte[] big = new byte[70 * 1024];
        assertThat(post(sandbox.tsaUrl(), TSQ, BodyPublishers.ofByteArray(big)).statusCode())
                .isEqualTo(413);
        BodyPublisher chunked = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big));
        assertThat(post(sandbox.ocspUrl(), OCSP_REQUEST, chunked).statusCode()).isEqualTo(413);
    }

    @Test
    void ocspOverPostAndGet() throws Exception {
        var seal = sandbox.pki().entity(SandboxEntities.SEAL);
        CertificateID id = new CertificateID(
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(seal.issuerCertificate()),
                seal.certificate().getSerialNumber());
        byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
        long before = sandbox.ocspResponder().requestCount();

        HttpResponse<byte[]> posted = post(sandbox.ocspUrl(), OCSP_REQUEST, BodyPublishers.ofByteArray(request));
        String encoded = URLEncoder.encode(Base64.getEncoder().encodeToString(request), StandardCharsets.US_ASCII);
        HttpResponse<byte[]> got = http.send(
                HttpRequest.newBuilder(URI.create(sandbox.ocspUrl() + "/" + encoded))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> garbage = post(sandbox.ocspUrl(), OCSP_REQUEST, BodyPublishers.ofString("garbage"));

        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(posted.headers().firstValue("Content-Type")).hasValue("application/ocsp-response");
        assertThat(new OCSPResp(posted.body()).getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(new OCSPResp(got.body()).getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        assertThat(garbage.statusCode()).isEqualTo(200);
        assertThat(new OCSPResp(garbage.body()).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertThat(sandbox.ocspResponder().requestCount()).isEqualTo(before + 3);
    }

    @Test
    void servesCaCertificatesForCaIssuers() throws Exception {
        HttpResponse<byte[]> issuing = http.send(
                HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/certs/issuing-ca.cer"))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(issuing.statusCode()).isEqualTo(200);
        assertThat(issuing.body())
                .isEqualTo(sandbox.pki().issuingCa().certificate().getEncoded());
        HttpResponse<byte[]> missing = http.send(
                HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/certs/seal.cer"))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void aRestartOnTheSameDirectoryKeepsThePki() throws Exception {
        try (Sandbox second = Sandbox.start(new SandboxSettings(dataDir, "127.0.0.1", 0))) {
            assertThat(second.baseUrl()).isNotEqualTo(sandbox.baseUrl());
            assertThat(second.pki().entity(SandboxEntities.SEAL).certificate())
                    .isEqualTo(sandbox.pki().entity(SandboxEntities.SEAL).certificate());
            assertThat(Files.readString(second.trustAnchorPem())).isEqualTo(Files.readString(sandbox.trustAnchorPem()));
        }
    }

    private HttpResponse<byte[]> post(URI uri, String contentType, BodyPublisher body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", contentType)
                        .POST(body)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
