package dev.signingsuite.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.Lane;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** Every request of the REST API and every way it refuses one, as a client sees it. */
class GatewayApiIT extends RunningGateway {

    @Test
    void aMissingOrWrongApiKeyIsAProblem401() {
        Uploads upload =
                Uploads.files("files", "a.pdf").field("provider", "csc").field("signer", "sandbox-seal");

        assertProblem(post("/v1/batches", "not-a-key", upload, 401), 401);
        assertProblem(post("/v1/batches", null, upload, 401), 401);
        assertProblem(get("/v1/batches/" + UUID.randomUUID(), "demo-keyX", 401), 401);
    }

    @Test
    void anotherTenantsSignerIsForbidden() {
        Uploads upload =
                Uploads.files("files", "a.pdf").field("provider", "csc").field("signer", "other-seal");

        JsonNode problem = post("/v1/batches", DEMO_KEY, upload, 403);

        assertProblem(problem, 403);
        assertThat(problem.get("reason").asString()).isEqualTo("SIGNER_NOT_ALLOWED");
    }

    @Test
    void anUnknownSignerIsForbidden() {
        Uploads upload = Uploads.files("file", "a.pdf").field("provider", "csc").field("signer", "no-such-seal");

        JsonNode problem = post("/v1/documents", DEMO_KEY, upload, 403);

        assertProblem(problem, 403);
        assertThat(problem.get("reason").asString()).isEqualTo("SIGNER_NOT_ALLOWED");
        assertThat(problem.get("detail").asString()).contains("no-such-seal");
    }

    @Test
    void theKeyIsCheckedBeforeTheUploadIsRead() {
        Uploads oversized = new Uploads("files")
                .add("big.pdf", new byte[5 * 1024])
                .field("provider", "csc")
                .field("signer", "sandbox-seal");

        assertProblem(post("/v1/batches", "not-a-key", oversized, 401), 401);
    }

    @Test
    void anUnknownDocumentOrBatchIsNotFound() {
        String unknown = UUID.randomUUID().toString();

        assertProblem(get("/v1/documents/" + unknown, DEMO_KEY, 404), 404);
        assertProblem(get("/v1/documents/" + unknown + "/container", DEMO_KEY, 404), 404);
        assertProblem(get("/v1/batches/" + unknown, DEMO_KEY, 404), 404);
    }

    @Test
    void aDocumentIsDownloadableOnlyOnceAssembled() {
        String documentId = uploadOne("to-seal.pdf");

        JsonNode problem = get("/v1/documents/" + documentId + "/container", DEMO_KEY, 404);

        assertProblem(problem, 404);
        assertThat(problem.get("detail").asString()).contains("RECEIVED");
    }

    @Test
    void aSmartIdLinkIsServedOnlyWhileTheDocumentWaitsForAScan() {
        String unknown = UUID.randomUUID().toString();
        assertProblem(get("/v1/documents/" + unknown + "/smartid/link", DEMO_KEY, 404), 404);
        assertProblem(get("/v1/documents/" + unknown + "/smartid/link", null, 401), 401);

        String documentId = uploadOne("not-scanned.pdf");
        JsonNode problem = get("/v1/documents/" + documentId + "/smartid/link", DEMO_KEY, 409);

        assertProblem(problem, 409);
        assertThat(problem.get("detail").asString()).contains("RECEIVED").contains("does not wait");
    }

    @Test
    void aSmartIdPersonsPageOpensWithoutTheApiKeyAndRefusesAnAlteredLink() throws Exception {
        JsonNode receipt = post(
                "/v1/documents",
                DEMO_KEY,
                Uploads.files("file", "person.pdf").field("provider", "smartid").field("signer", "PNOEE-30303039914"),
                202);
        String documentId = receipt.get("documentId").asString();
        var record =
                recorder.await(TOPICS.documentReceived(Lane.INTERACTIVE).name(), r -> documentId.equals(r.key()), WAIT);
        assertThat(get("/v1/documents/" + documentId, DEMO_KEY, 200).has("personPageUrl"))
                .as("no link before the person is to act")
                .isFalse();
        publish(
                TOPICS.signatureRequested().name(),
                documentId,
                Lifecycle.requested(EventJson.read(record.value(), DocumentReceived.class), "code-1234"));

        String page = awaitStatus(documentId, "SIGNATURE_REQUESTED")
                .get("personPageUrl")
                .asString();
        assertThat(page).startsWith("/person/smartid/");
        String html = textOf(page);
        assertThat(html)
                .contains("Waiting for your confirmation in the Smart-ID app")
                .contains("code-1234");

        // Another document under the same signature, or the signature flipped: refused, not found.
        String[] parts = page.substring("/person/smartid/".length()).split("\\.");
        String otherDocument = String.join(".", parts[0], UUID.randomUUID().toString(), parts[2], parts[3]);
        // A character of the signature whose six bits all count (the last one carries padding bits).
        int at = page.length() - 10;
        String flipped = page.substring(0, at) + (page.charAt(at) == 'A' ? 'B' : 'A') + page.substring(at + 1);
        for (String altered : List.of("/person/smartid/" + otherDocument, flipped)) {
            JsonNode problem = get(altered, null, 403);
            assertProblem(problem, 403);
            assertThat(problem.get("detail").asString()).contains("altered or has expired");
        }
        // The API itself still wants the key.
        assertProblem(get("/v1/documents/" + documentId + "/smartid/page", null, 401), 401);
    }

    @Test
    void anotherTenantsDocumentIsNotFound() {
        Uploads upload =
                Uploads.files("file", "theirs.pdf").field("provider", "csc").field("signer", "other-seal");
        JsonNode theirs = post("/v1/documents", "other-key", upload, 202);
        String documentId = theirs.get("documentId").asString();
        assertThat(get("/v1/documents/" + documentId, "other-key", 200)
                        .get("status")
                        .asString())
                .isEqualTo("RECEIVED");

        assertProblem(get("/v1/documents/" + documentId, DEMO_KEY, 404), 404);
        assertProblem(get("/v1/documents/" + documentId + "/container", DEMO_KEY, 404), 404);
        assertProblem(get("/v1/batches/" + theirs.get("batchId").asString(), DEMO_KEY, 404), 404);
    }

    @Test
    void aFileOverTheLimitIsAProblem413() {
        Uploads upload = new Uploads("files")
                .add("big.pdf", new byte[5 * 1024])
                .field("provider", "csc")
                .field("signer", "sandbox-seal");

        assertProblem(post("/v1/batches", DEMO_KEY, upload, 413), 413);
    }

    @Test
    void badInputIsAProblem400() {
        JsonNode traversal = post(
                "/v1/batches",
                DEMO_KEY,
                Uploads.files("files", "ok.pdf", "../x.pdf")
                        .field("provider", "csc")
                        .field("signer", "sandbox-seal"),
                400);
        assertProblem(traversal, 400);
        assertThat(traversal.get("reason").asString()).isEqualTo("INVALID_FILE_NAME");

        for (String name : List.of("in\u0007voice.pdf", "tab\tbed.pdf", "/etc/passwd", "META-INF/manifest.xml")) {
            String boundary = "b-" + UUID.randomUUID();
            var response = http.post()
                    .uri("/v1/documents")
                    .contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary))
                    .header("X-API-Key", DEMO_KEY)
                    .body(Uploads.handWritten(
                            boundary, "file", name, Map.of("provider", "csc", "signer", "sandbox-seal")))
                    .exchange();
            JsonNode unsafe = read(response, 400);
            assertProblem(unsafe, 400);
            assertThat(unsafe.get("reason").asString()).as(name).isEqualTo("INVALID_FILE_NAME");
        }

        Uploads empty = new Uploads("file").add("empty.pdf", new byte[0]);
        assertProblem(
                post("/v1/documents", DEMO_KEY, empty.field("provider", "csc").field("signer", "sandbox-seal"), 400),
                400);

        Uploads badLevel = Uploads.files("file", "a.pdf")
                .field("provider", "csc")
                .field("signer", "sandbox-seal")
                .field("level", "XL");
        assertProblem(post("/v1/documents", DEMO_KEY, badLevel, 400), 400);

        Uploads noSigner = Uploads.files("file", "a.pdf").field("provider", "csc");
        assertProblem(post("/v1/documents", DEMO_KEY, noSigner, 400), 400);
    }

    @Test
    void oneContainerForTheWholeBatchIsOneDocumentHoldingEveryFile() throws Exception {
        Uploads upload = Uploads.files("files", "a.pdf", "b.pdf", "c.pdf")
                .field("provider", "csc")
                .field("signer", "sandbox-seal")
                .field("clientReference", "contract-7")
                .field("container", "single");

        JsonNode accepted = post("/v1/batches", DEMO_KEY, upload, 202);

        assertThat(accepted.get("documents"))
                .as("one document for the whole batch")
                .hasSize(1);
        JsonNode receipt = accepted.get("documents").get(0);
        String documentId = receipt.get("documentId").asString();
        assertThat(receipt.get("files").valueStream().map(JsonNode::asString))
                .containsExactly("a.pdf", "b.pdf", "c.pdf");
        assertThat(receipt.get("clientReference").asString()).isEqualTo("contract-7");

        ConsumerRecord<String, byte[]> record =
                recorder.await(TOPICS.documentReceived().name(), r -> documentId.equals(r.key()), WAIT);
        DocumentReceived event = EventJson.read(record.value(), DocumentReceived.class);
        assertThat(event.files()).extracting(DataFile::name).containsExactly("a.pdf", "b.pdf", "c.pdf");
        for (int i = 0; i < 3; i++) {
            try (InputStream stored = blobs.open(event.files().get(i).blob())) {
                assertThat(stored.readAllBytes()).isEqualTo(upload.content(i));
            }
        }
        assertThat(recorder.seen(TOPICS.documentReceived().name()))
                .filteredOn(r -> event.batchId()
                        .equals(EventJson.read(r.value(), DocumentReceived.class)
                                .batchId()))
                .as("nothing else published for the batch")
                .hasSize(1);
        JsonNode batch = get("/v1/batches/" + event.batchId(), DEMO_KEY, 200);
        assertThat(batch.get("documentCount").asInt()).isEqualTo(1);
        assertThat(get("/v1/documents/" + documentId, DEMO_KEY, 200)
                        .get("status")
                        .asString())
                .isEqualTo("RECEIVED");
    }

    @Test
    void oneContainerRefusesWhatItCannotHold() {
        JsonNode twice = post(
                "/v1/batches",
                DEMO_KEY,
                Uploads.files("files", "a.pdf", "A.PDF")
                        .field("provider", "csc")
                        .field("signer", "sandbox-seal")
                        .field("container", "single"),
                400);
        assertProblem(twice, 400);
        assertThat(twice.get("reason").asString()).isEqualTo("INVALID_FILE_NAME");
        assertThat(twice.get("detail").asString()).contains("occurs twice");

        // Each file is within the 4 KB limit, together they are not: the container is one document.
        Uploads large = new Uploads("files")
                .add("first.pdf", new byte[3 * 1024])
                .add("second.pdf", new byte[3 * 1024])
                .field("provider", "csc")
                .field("signer", "sandbox-seal");
        assertThat(post("/v1/batches", DEMO_KEY, large, 202).get("documents")).hasSize(2);
        assertProblem(post("/v1/batches", DEMO_KEY, large.field("container", "single"), 413), 413);

        JsonNode traversal = post(
                "/v1/batches",
                DEMO_KEY,
                Uploads.files("files", "ok.pdf", "../x.pdf")
                        .field("provider", "csc")
                        .field("signer", "sandbox-seal")
                        .field("container", "single"),
                400);
        assertThat(traversal.get("reason").asString()).isEqualTo("INVALID_FILE_NAME");

        JsonNode unknown = post(
                "/v1/batches",
                DEMO_KEY,
                Uploads.files("files", "a.pdf")
                        .field("provider", "csc")
                        .field("signer", "sandbox-seal")
                        .field("container", "zip"),
                400);
        assertThat(unknown.get("detail").asString()).contains("per-document or single");
    }

    @Test
    void servesTheOpenApiDocumentWithoutAKey() {
        JsonNode api = get("/v3/api-docs", null, 200);
        assertThat(api.get("paths").propertyNames())
                .contains("/v1/batches", "/v1/documents", "/v1/documents/{documentId}/container");
    }

    @Test
    void theOpenApiDocumentDescribesWhatTheApiDoes() {
        JsonNode paths = get("/v3/api-docs", null, 200).get("paths");

        JsonNode batches = paths.get("/v1/batches").get("post");
        assertThat(batches.get("responses").propertyNames()).contains("202", "200", "400", "401", "403", "413");
        assertThat(batches.get("responses").get("202").get("content").propertyNames())
                .containsExactly("application/json");
        assertThat(batches.get("responses").get("400").get("content").propertyNames())
                .containsExactly("application/problem+json");
        assertThat(batches.has("parameters"))
                .as("form fields are not query parameters")
                .isFalse();
        JsonNode form = batches.get("requestBody")
                .get("content")
                .get("multipart/form-data")
                .get("schema");
        assertThat(form.get("properties").propertyNames())
                .contains("files", "provider", "signer", "level", "format", "clientReference", "container");
        assertThat(form.get("properties")
                        .get("format")
                        .get("enum")
                        .valueStream()
                        .map(JsonNode::asString))
                .containsExactly("ASIC_E_CADES", "ASIC_E_XADES", "PADES");
        assertThat(paths.get("/v1/documents/{documentId}")
                        .get("get")
                        .get("responses")
                        .propertyNames())
                .contains("200", "401", "404");
    }

    @Test
    void isReadyWithItsBindingsAssignedTheClusterReachableAndTheDatabaseUp() {
        Awaitility.await().atMost(WAIT).untilAsserted(() -> get("/actuator/health/readiness", null, 200));
        JsonNode readiness = get("/actuator/health/readiness", null, 200);
        JsonNode components = readiness.get("components");
        assertThat(components.propertyNames()).contains("readinessState", "bindings", "db", "blobStore");
        assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("db").get("details").get("database").asString())
                .isEqualTo("PostgreSQL");
        JsonNode bindings = components.get("bindings").get("details");
        assertThat(bindings.get("broker").asString()).isEqualTo("reachable");
        assertThat(bindings.get(TOPICS.intake().name() + " (gateway)").asString())
                .startsWith("assigned");
        assertThat(get("/actuator/health/liveness", null, 200).get("status").asString())
                .isEqualTo("UP");
    }

    @Test
    void servesSwaggerUi() {
        http.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
    }

    @Test
    void exportsDocumentAndRequestMetrics() {
        uploadOne("counted.pdf");

        String metrics = textOf("/actuator/prometheus");
        assertThat(metrics)
                .containsPattern("signing_documents_total\\{[^}]*outcome=\"accepted\"[^}]*stage=\"gateway\"")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/v1/documents\"");
    }

    /** The body of a GET without an API key, which must answer 200. */
    private String textOf(String uri) {
        return http.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
