package dev.signingsuite.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * Digest signing through the running suite as an e-service does it (README's curl walkthrough):
 * post the SHA-256 of a file it keeps, poll, fetch the detached CMS, verify it with openssl.
 */
final class DigestSigningChecks {

    private static final Pattern SIGNATURE_ID = Pattern.compile("\"signatureId\"\\s*:\\s*\"([^\"]+)\"");

    private static final Pattern REDIRECT_URL = Pattern.compile("\"redirectUrl\"\\s*:\\s*\"([^\"]+)\"");

    private final URI gateway;
    private final Path trustAnchorPem;
    private final HttpClient http = HttpClient.newHttpClient();

    DigestSigningChecks(int gatewayPort, Path trustAnchorPem) {
        this.gateway = URI.create("http://127.0.0.1:" + gatewayPort);
        this.trustAnchorPem = trustAnchorPem;
    }

    static String sha256Base64(byte[] content) throws Exception {
        return Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(content));
    }

    static String body(String digest, String algorithm, String format, String callbackUrl) {
        return body(digest, algorithm, format, callbackUrl, "csc", "sandbox-seal");
    }

    static String body(
            String digest, String algorithm, String format, String callbackUrl, String provider, String signer) {
        return "{\"digest\":\"" + digest + "\",\"digestAlgorithm\":\"" + algorithm + "\",\"provider\":\""
                + provider + "\",\"signer\":\"" + signer + "\",\"level\":\"LT\",\"format\":\"" + format + "\""
                + (callbackUrl == null ? "" : ",\"callbackUrl\":\"" + callbackUrl + "\"") + "}";
    }

    /** @return the signature id of a 202 answer without a redirect (no person acts for a seal) */
    String post(String apiKey, String json) throws Exception {
        HttpResponse<String> accepted = send(apiKey, "POST", "/v1/signatures", json);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"status\":\"PENDING\"").doesNotContain("redirectUrl");
        Matcher id = SIGNATURE_ID.matcher(accepted.body());
        assertThat(id.find()).as(accepted.body()).isTrue();
        return id.group(1);
    }

    /** A 400 problem+json whose detail says {@code detailPart}. */
    void assertRefused(String apiKey, String json, String detailPart) throws Exception {
        HttpResponse<String> refused = send(apiKey, "POST", "/v1/signatures", json);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains(detailPart);
    }

    /**
     * A person's signature: the 202 answer carries the person page ({@code redirectUrl}).
     *
     * @return the signature id and the redirect URL
     */
    String[] postForPerson(String apiKey, String json) throws Exception {
        HttpResponse<String> accepted = send(apiKey, "POST", "/v1/signatures", json);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        Matcher id = SIGNATURE_ID.matcher(accepted.body());
        Matcher redirect = REDIRECT_URL.matcher(accepted.body());
        assertThat(id.find() && redirect.find()).as(accepted.body()).isTrue();
        return new String[] {id.group(1), redirect.group(1)};
    }

    /** Where the person page sends a browser that opens it now (no API key, no redirect followed). */
    HttpResponse<String> openPersonPage(String page) throws Exception {
        return http.send(
                HttpRequest.newBuilder(gateway.resolve(page))
                        .timeout(Duration.ofSeconds(30))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    void awaitSigned(String apiKey, String id) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    HttpResponse<String> status = send(apiKey, "GET", "/v1/signatures/" + id, null);
                    assertThat(status.body()).doesNotContain("\"FAILED\"").contains("\"status\":\"SIGNED\"");
                });
    }

    HttpResponse<byte[]> fetch(String apiKey, String path) throws Exception {
        return http.send(request(apiKey, path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> send(String apiKey, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = request(apiKey, path).header("Content-Type", "application/json");
        request = json == null ? request.GET() : request.method(method, HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String apiKey, String path) {
        return HttpRequest.newBuilder(gateway.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("X-API-Key", apiKey);
    }

    /** A CMS's {@code signingTime} attribute: when a short-lived certificate is checked. */
    static java.time.Instant signingTime(byte[] cms) throws Exception {
        org.bouncycastle.cms.SignerInformation signed = new org.bouncycastle.cms.CMSSignedData(cms)
                .getSignerInfos()
                .iterator()
                .next();
        return org.bouncycastle.asn1.cms.Time.getInstance(signed.getSignedAttributes()
                        .get(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.pkcs_9_at_signingTime)
                        .getAttrValues()
                        .getObjectAt(0))
                .getDate()
                .toInstant();
    }

    /** The digest value of a detached XAdES's reference to {@code name}. */
    static byte[] referenceDigest(byte[] xades, String name) throws Exception {
        javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        org.w3c.dom.NodeList references = factory.newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xades))
                .getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Reference");
        for (int i = 0; i < references.getLength(); i++) {
            org.w3c.dom.Element reference = (org.w3c.dom.Element) references.item(i);
            if (name.equals(reference.getAttribute("URI"))) {
                return Base64.getMimeDecoder()
                        .decode(reference
                                .getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "DigestValue")
                                .item(0)
                                .getTextContent()
                                .strip());
            }
        }
        throw new AssertionError("no reference to " + name);
    }

    /** {@code openssl cms -verify -binary -content FILE -inform DER -CAfile <sandbox root>}: exit code 0? */
    boolean opensslVerifies(Path signature, Path content) throws Exception {
        return opensslVerifies(signature, content, null);
    }

    /**
     * As {@link #opensslVerifies(Path, Path)}, the certificates checked at {@code at} ({@code
     * -attime}): a one-time certificate lasts 60 seconds, so it is checked when it signed.
     */
    boolean opensslVerifies(Path signature, Path content, java.time.Instant at) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "openssl",
                "cms",
                "-verify",
                "-binary",
                "-content",
                content.toString(),
                "-inform",
                "DER",
                "-in",
                signature.toString(),
                "-CAfile",
                trustAnchorPem.toString(),
                // The sandbox seal certifies for signatures, not for S/MIME e-mail, openssl's default purpose.
                "-purpose",
                "any",
                "-out",
                Files.createTempFile(signature.getParent(), "verified", ".bin").toString()));
        if (at != null) {
            command.addAll(List.of("-attime", Long.toString(at.getEpochSecond())));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(output).isTrue();
        return process.exitValue() == 0;
    }
}
