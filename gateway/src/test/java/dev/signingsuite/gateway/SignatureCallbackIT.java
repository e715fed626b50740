package dev.signingsuite.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.Lane;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Digest signing's callback URL (ADR 29): kept at POST, shown in the status, and where the person
 * page sends the browser once the signature is finished, with the signature id and status.
 */
class SignatureCallbackIT extends RunningGateway {

    private static final String CALLBACK = "https://e-service.example/signed?order=7";
    private static final String PERSON = "PNOEE-30303039914";

    private final HttpClient browser = HttpClient.newHttpClient(); // follows no redirect

    @Test
    void thePersonPageRedirectsToTheKeptCallbackOnceSignedOrFailed() throws Exception {
        JsonNode signed = postSignature("smartid", PERSON, CALLBACK, 202);
        String id = signed.get("signatureId").asString();
        String page = signed.get("redirectUrl").asString();
        assertThat(page).startsWith("/person/smartid/");
        assertThat(get("/v1/signatures/" + id, DEMO_KEY, 200).get("callbackUrl").asString())
                .isEqualTo(CALLBACK);
        DocumentReceived received = received(id);

        HttpResponse<String> pending = open(page);
        assertThat(pending.statusCode())
                .as("the page while the person is to act")
                .isEqualTo(200);
        assertThat(pending.body()).contains("Sign with Smart-ID");

        BlobRef cms = blobs.put(
                "demo", new ByteArrayInputStream("a CMS".getBytes(UTF_8)), "application/pkcs7-signature", 1 << 20);
        publish(TOPICS.containerAssembled().name(), id, Lifecycle.assembled(received, cms, "document.p7s"));
        awaitStatus(id, "ASSEMBLED");
        HttpResponse<String> back = open(page);
        assertThat(back.statusCode()).isEqualTo(303);
        assertThat(back.headers().firstValue("Location")).hasValue(CALLBACK + "&signatureId=" + id + "&status=SIGNED");

        JsonNode refused = postSignature("smartid", PERSON, CALLBACK, 202);
        String refusedId = refused.get("signatureId").asString();
        publish(TOPICS.documentFailed().name(), refusedId, Lifecycle.failed(received(refusedId), "the person refused"));
        awaitStatus(refusedId, "FAILED");
        assertThat(open(refused.get("redirectUrl").asString()).headers().firstValue("Location"))
                .hasValue(CALLBACK + "&signatureId=" + refusedId + "&status=FAILED");
    }

    @Test
    void withoutACallbackTheFinishedPageStaysAndASealKeepsItsCallbackWithoutAPage() throws Exception {
        JsonNode plain = postSignature("smartid", PERSON, null, 202);
        String id = plain.get("signatureId").asString();
        publish(TOPICS.documentFailed().name(), id, Lifecycle.failed(received(id), "the person refused"));
        awaitStatus(id, "FAILED");
        HttpResponse<String> finished = open(plain.get("redirectUrl").asString());
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(finished.body()).contains("Not signed");
        assertThat(get("/v1/signatures/" + id, DEMO_KEY, 200).has("callbackUrl"))
                .isFalse();

        JsonNode seal = postSignature("csc", "sandbox-seal", CALLBACK, 202);
        assertThat(seal.has("redirectUrl")).as("no person acts for a seal").isFalse();
        assertThat(get("/v1/signatures/" + seal.get("signatureId").asString(), DEMO_KEY, 200)
                        .get("callbackUrl")
                        .asString())
                .isEqualTo(CALLBACK);
    }

    @Test
    void aOneTimeSignatureGetsAPersonPageAndAnUnregisteredCallbackIsRefused() throws Exception {
        JsonNode onetime = postSignature("onetime", "PNOLV-010101-10006/ONE TIME", CALLBACK, 202);
        String page = onetime.get("redirectUrl").asString();
        assertThat(page).startsWith("/person/onetime/");
        HttpResponse<String> opened = open(page);
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.body()).contains("Sign with a one-time certificate");

        JsonNode problem = postSignature("smartid", PERSON, "https://attacker.example/x", 400);
        assertProblem(problem, 400);
        assertThat(problem.get("detail").asString()).contains("not registered");
    }

    private JsonNode postSignature(String provider, String signer, String callbackUrl, int expectedStatus) {
        String digest = Base64.getEncoder().encodeToString(new byte[32]);
        String json = "{\"digest\":\"" + digest + "\",\"digestAlgorithm\":\"SHA-256\",\"provider\":\"" + provider
                + "\",\"signer\":\"" + signer + "\""
                + (callbackUrl == null ? "" : ",\"callbackUrl\":\"" + callbackUrl + "\"") + "}";
        return read(
                http.post()
                        .uri("/v1/signatures")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("X-API-Key", DEMO_KEY)
                        .body(json)
                        .exchange(),
                expectedStatus);
    }

    private DocumentReceived received(String id) {
        return EventJson.read(
                recorder.await(TOPICS.documentReceived(Lane.INTERACTIVE).name(), r -> id.equals(r.key()), WAIT)
                        .value(),
                DocumentReceived.class);
    }

    /** As a person's browser opens the page: without the API key, following no redirect. */
    private HttpResponse<String> open(String page) throws Exception {
        return browser.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + page))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
