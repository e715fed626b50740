package dev.signingsuite.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
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

        // One more than max-files-per-batch, and more parts than Tomcat's default of 50.
        String[] names =
                IntStream.rangeClosed(1, 61).mapToObj(i -> "f" + i + ".pdf").toArray(String[]::new);
        Uploads tooMany = Uploads.files("files", names).field("provider", "csc").field("signer", "sandbox-seal");
        JsonNode problem = post("/v1/batches", DEMO_KEY, tooMany, 400);
        assertThat(problem.get("detail").asString()).contains("at most 60 files");
    }

    @Test
    void servesTheOpenApiDocumentWithoutAKey() {
        JsonNode api = get("/v3/api-docs", null, 200);
        assertThat(api.get("paths").propertyNames())
                .contains("/v1/batches", "/v1/documents", "/v1/documents/{documentId}/container");
    }

    @Test
    void servesSwaggerUi() {
        http.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
    }

    @Test
    void exportsDocumentAndRequestMetrics() {
        uploadOne("counted.pdf");

        String metrics = http.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(metrics)
                .containsPattern("signing_documents_total\\{[^}]*outcome=\"accepted\"[^}]*stage=\"gateway\"")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/v1/documents\"");
    }
}
