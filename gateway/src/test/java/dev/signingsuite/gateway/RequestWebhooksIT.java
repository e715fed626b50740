package dev.signingsuite.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.gateway.WebhookReceiver.Received;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks a batch or a digest signature request names itself (ADR 27, "Per-batch and per-request
 * endpoints; signature messages"), through the REST API, a real receiver, broker and PostgreSQL:
 * each endpoint gets each message once, signed with the tenant's secret; a signature's message is
 * {@code signature.ready}; another tenant's URL never gets a tenant's outcomes.
 */
class RequestWebhooksIT extends WebhookGateway {

    @Test
    void aBatchsOwnUrlGetsExactlyItsOutcomesAndCompletionAndTheTenantsEndpointEachOnce() throws Exception {
        String path = "/batch-" + UUID.randomUUID();
        JsonNode accepted = post("/v1/batches", DEMO_KEY, batch("sandbox-seal", RECEIVER.url(path)), 202);
        String batchId = accepted.get("batchId").asString();
        List<String> ids = new ArrayList<>();
        accepted.get("documents").forEach(d -> ids.add(d.get("documentId").asString()));
        assertThat(ids).hasSize(3);

        BlobRef container =
                new BlobRef("s3://containers/r.asice", 10, "application/vnd.etsi.asic-e+zip", "d".repeat(64));
        publish(TOPICS.documentFailed().name(), ids.get(0), Lifecycle.failed(uploaded(ids.get(0)), "refused"));
        for (String id : ids.subList(1, 3)) {
            publish(TOPICS.containerAssembled().name(), id, Lifecycle.assembled(uploaded(id), container, "r.asice"));
        }

        List<Received> own = awaitMessages(path, batchId, 4);
        List<Received> tenants = awaitMessages("/demo", batchId, 4);
        for (Received message : concat(own, tenants)) {
            assertThat(WebhookReceiver.verifies(
                            DEMO_SECRET, message.id(), message.timestamp(), message.body(), message.signature()))
                    .as("signature of %s", message.id())
                    .isTrue();
        }
        assertThat(typesByDocument(own))
                .isEqualTo(typesByDocument(tenants))
                .isEqualTo(Map.of(
                        ids.get(0),
                        "document.failed",
                        ids.get(1),
                        "document.assembled",
                        ids.get(2),
                        "document.assembled",
                        "",
                        "batch.completed"));
        assertThat(concat(own, tenants).stream().map(Received::id).distinct())
                .as("each endpoint's messages have ids of their own")
                .hasSize(8);

        JsonNode status = get("/v1/documents/" + ids.get(1), DEMO_KEY, 200);
        JsonNode webhooks = Awaitility.await()
                .atMost(WAIT)
                .until(
                        () -> get("/v1/documents/" + ids.get(1), DEMO_KEY, 200).get("webhooks"),
                        w -> w != null
                                && w.size() == 2
                                && w.get(0).get("state").asString().equals("DELIVERED")
                                && w.get(1).get("state").asString().equals("DELIVERED"));
        assertThat(webhooks.get(0).get("endpoint").asString()).isEqualTo("tenant");
        assertThat(webhooks.get(1).get("endpoint").asString()).isEqualTo("request");
        assertThat(webhooks.get(1).get("url").asString()).isEqualTo(RECEIVER.url(path));
        assertThat(status.get("webhook").get("endpoint").asString()).isEqualTo("tenant");
        // Nothing more arrives at either: counted again after both endpoints' deliveries are recorded.
        assertThat(ofBatch(RECEIVER.at(path), batchId)).hasSize(4);
        assertThat(ofBatch(RECEIVER.at("/demo"), batchId)).hasSize(4);
    }

    @Test
    void aSignatureRequestsReceiverGetsOneSignatureReadyOrSignatureFailed() throws Exception {
        String path = "/signature-" + UUID.randomUUID();
        String signed = postSignature(DEMO_KEY, "sandbox-seal", RECEIVER.url(path), 202)
                .get("signatureId")
                .asString();
        String refused = postSignature(DEMO_KEY, "sandbox-seal", RECEIVER.url(path), 202)
                .get("signatureId")
                .asString();
        BlobRef cms = blobs.put(
                "demo", new ByteArrayInputStream("a CMS".getBytes(UTF_8)), "application/pkcs7-signature", 1 << 20);
        publish(TOPICS.containerAssembled().name(), signed, Lifecycle.assembled(uploaded(signed), cms, "document.p7s"));
        publish(TOPICS.documentFailed().name(), refused, Lifecycle.failed(uploaded(refused), "refused"));

        List<Received> messages = Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> RECEIVER.at(path), m -> m.size() >= 2);
        Received ready = about(messages, signed);
        JsonNode body = JSON.readTree(ready.body());
        assertThat(body.get("type").asString()).isEqualTo("signature.ready");
        assertThat(body.get("data").get("signatureId").asString()).isEqualTo(signed);
        assertThat(body.get("data").get("status").asString()).isEqualTo("SIGNED");
        assertThat(body.get("data").get("signatureUrl").asString())
                .isEqualTo("/v1/signatures/" + signed + "/signature");
        assertThat(body.get("data").has("container")).isFalse();
        assertThat(WebhookReceiver.verifies(
                        DEMO_SECRET, ready.id(), ready.timestamp(), ready.body(), ready.signature()))
                .isTrue();
        JsonNode failed = JSON.readTree(about(messages, refused).body());
        assertThat(failed.get("type").asString()).isEqualTo("signature.failed");
        assertThat(failed.get("data").get("failure").get("reason").asString()).isEqualTo("USER_REFUSED");

        JsonNode view = Awaitility.await()
                .atMost(WAIT)
                .until(
                        () -> get("/v1/signatures/" + signed, DEMO_KEY, 200),
                        v -> v.has("webhooks")
                                && v.get("webhooks").size() == 2
                                && v.get("webhooks")
                                        .get(1)
                                        .get("state")
                                        .asString()
                                        .equals("DELIVERED"));
        assertThat(view.get("webhooks").get(1).get("type").asString()).isEqualTo("signature.ready");
        assertThat(view.get("webhooks").get(1).get("webhookId").asString()).isEqualTo(ready.id());
        // One message per signature and endpoint: no batch.completed for the signature's batch of one.
        assertThat(jdbc.sql("SELECT event_type FROM webhook_messages WHERE batch_id IN (:ids)")
                        .param("ids", List.of(signed, refused))
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder(
                        "signature.ready", "signature.ready", "signature.failed", "signature.failed");
        assertThat(RECEIVER.at(path)).hasSize(2);
    }

    /** Issue 22's isolation: tenant B's own URL gets B's outcomes only, signed so that only B's secret verifies them. */
    @Test
    void anotherTenantCannotRegisterAUrlThatReceivesATenantsOutcomes() throws Exception {
        String theirPath = "/theirs-" + UUID.randomUUID();
        JsonNode theirAccepted = post("/v1/batches", "other-key", batch("other-seal", RECEIVER.url(theirPath)), 202);
        String theirBatch = theirAccepted.get("batchId").asString();
        // B names A's own endpoint for its batch: what arrives there does not verify with A's secret.
        JsonNode atDemo = post("/v1/batches", "other-key", batch("other-seal", RECEIVER.url("/demo")), 202);
        String mine = post("/v1/batches", DEMO_KEY, batch("sandbox-seal", null), 202)
                .get("documents")
                .get(0)
                .get("documentId")
                .asString();
        List<String> theirs = new ArrayList<>();
        for (JsonNode accepted : List.of(theirAccepted, atDemo)) {
            accepted.get("documents")
                    .forEach(d -> theirs.add(d.get("documentId").asString()));
        }
        List<RecordMetadata> written = new ArrayList<>();
        for (String id : concat(theirs, List.of(mine))) {
            written.add(publish(TOPICS.documentFailed().name(), id, Lifecycle.failed(uploaded(id), "refused")));
        }
        written.forEach(this::awaitConsumed);

        List<Received> toThem = awaitMessages(theirPath, theirBatch, 4);
        String spoofedBatch = atDemo.get("batchId").asString();
        List<Received> spoofed = awaitMessages("/demo", spoofedBatch, 4);
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> RECEIVER.at("/demo").stream().anyMatch(m -> mine.equals(documentIdOf(m))));

        assertThat(RECEIVER.at(theirPath)).noneMatch(m -> mine.equals(documentIdOf(m)));
        for (Received message : concat(toThem, spoofed)) {
            assertThat(WebhookReceiver.verifies(
                            OTHER_SECRET, message.id(), message.timestamp(), message.body(), message.signature()))
                    .isTrue();
            assertThat(WebhookReceiver.verifies(
                            DEMO_SECRET, message.id(), message.timestamp(), message.body(), message.signature()))
                    .as("B's message at A's endpoint must not pass for A's")
                    .isFalse();
        }

        // A host neither its endpoint's nor a callback host; a tenant without a secret to sign with.
        JsonNode elsewhere =
                post("/v1/batches", "other-key", batch("other-seal", "https://attacker.example/hook"), 400);
        assertProblem(elsewhere, 400);
        assertThat(elsewhere.get("detail").asString()).contains("attacker.example is neither");
        JsonNode unsigned = postSignature("quiet-key", "quiet-seal", RECEIVER.url("/quiet"), 400);
        assertProblem(unsigned, 400);
        assertThat(unsigned.get("detail").asString()).contains("has no webhook secret");
    }

    private static Uploads batch(String signer, String webhookUrl) {
        Uploads upload = Uploads.files("files", "a.pdf", "b.pdf", "c.pdf")
                .field("provider", "csc")
                .field("signer", signer);
        return webhookUrl == null ? upload : upload.field("webhookUrl", webhookUrl);
    }

    private JsonNode postSignature(String apiKey, String signer, String webhookUrl, int expectedStatus) {
        String digest = Base64.getEncoder().encodeToString(new byte[32]);
        String json = "{\"digest\":\"" + digest + "\",\"digestAlgorithm\":\"SHA-256\",\"provider\":\"csc\","
                + "\"signer\":\"" + signer + "\",\"webhookUrl\":\"" + webhookUrl + "\"}";
        return read(
                http.post()
                        .uri("/v1/signatures")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("X-API-Key", apiKey)
                        .body(json)
                        .exchange(),
                expectedStatus);
    }

    /** The DocumentReceived the gateway published for an upload or a digest. */
    private DocumentReceived uploaded(String id) {
        return EventJson.read(
                recorder.await(TOPICS.documentReceived().name(), r -> id.equals(r.key()), WAIT)
                        .value(),
                DocumentReceived.class);
    }

    private static List<Received> awaitMessages(String path, String batchId, int count) {
        return Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> ofBatch(RECEIVER.at(path), batchId), m -> m.size() >= count);
    }

    private static List<Received> ofBatch(List<Received> messages, String batchId) {
        return messages.stream().filter(m -> batchId.equals(batchIdOf(m))).toList();
    }

    private static Map<String, String> typesByDocument(List<Received> messages) {
        return messages.stream()
                .collect(Collectors.toMap(
                        m -> documentIdOf(m) == null ? "" : documentIdOf(m),
                        m -> JSON.readTree(m.body()).get("type").asString()));
    }

    private static Received about(List<Received> messages, String signatureId) {
        return messages.stream()
                .filter(m -> signatureId.equals(
                        JSON.readTree(m.body()).get("data").get("signatureId").asString()))
                .findFirst()
                .orElseThrow();
    }

    private static <T> List<T> concat(List<T> one, List<T> two) {
        List<T> both = new ArrayList<>(one);
        both.addAll(two);
        return both;
    }
}
