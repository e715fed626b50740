package dev.signingsuite.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.Topics;
import dev.signingsuite.events.ValidationSummary;
import dev.signingsuite.testsupport.KafkaTestClients;
import dev.signingsuite.testsupport.TopicRecorder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API against the real thing: Tomcat on a random port, the embedded PostgreSQL (so the
 * Flyway migrations run), the blob store and an embedded KRaft broker. Status changes arrive as
 * events on the broker, exactly as the other stages write them.
 */
@EmbeddedKafka(partitions = 3)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=" + GatewayApplication.CONFIG_NAME,
            "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
            "signing.gateway.blob-root=target/api-it-blobs",
            "signing.gateway.database.persistent=false",
            "signing.gateway.max-document-size=4KB",
            "signing.gateway.max-files-per-batch=60",
            "signing.gateway.tenants.other.api-keys[0]=other-key",
            "signing.gateway.tenants.other.signers[0].provider=csc",
            "signing.gateway.tenants.other.signers[0].identity=other-seal",
            "logging.level.kafka=WARN",
            "logging.level.org.apache.kafka=WARN"
        })
class GatewayApiIT {

    private static final Topics TOPICS = Topics.withPrefix(Topics.DEFAULT_PREFIX);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DEMO_KEY = "demo-key";

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private BlobStore blobs;

    @LocalServerPort
    private int port;

    private RestTestClient http;
    private TopicRecorder recorder;

    @BeforeEach
    void setUp() {
        http = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        recorder = TopicRecorder.open(
                broker.getBrokersAsString(), List.of(TOPICS.documentReceived().name()));
    }

    @AfterEach
    void closeRecorder() {
        recorder.close();
    }

    @Test
    void aBatchOfThreeIsAcceptedStoredAndPublished() throws IOException {
        Uploads upload = Uploads.files("files", "a.pdf", "b.pdf", "c.pdf");
        upload.field("provider", "csc").field("signer", "sandbox-seal").field("clientReference", "inv");

        JsonNode accepted = post("/v1/batches", DEMO_KEY, upload, 202);

        String batchId = accepted.get("batchId").asString();
        assertThat(accepted.get("statusUrl").asString()).isEqualTo("/v1/batches/" + batchId);
        assertThat(accepted.get("documents")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode document = accepted.get("documents").get(i);
            String documentId = document.get("documentId").asString();
            assertThat(document.get("statusUrl").asString()).isEqualTo("/v1/documents/" + documentId);
            assertThat(document.get("clientReference").asString()).isEqualTo("inv-" + (i + 1));

            ConsumerRecord<String, byte[]> record =
                    recorder.await(TOPICS.documentReceived().name(), r -> documentId.equals(r.key()), WAIT);
            DocumentReceived received = EventJson.read(record.value(), DocumentReceived.class);
            assertThat(received.tenantId()).isEqualTo("demo");
            assertThat(received.batchId()).isEqualTo(batchId);
            assertThat(received.level()).isEqualTo(SignatureLevel.LT);
            assertThat(received.signer().identity()).isEqualTo("sandbox-seal");
            DataFile file = received.files().get(0);
            assertThat(file.name()).isEqualTo(upload.names().get(i));
            assertThat(file.blob().mediaType()).isEqualTo("application/pdf");
            try (InputStream stored = blobs.open(file.blob())) {
                assertThat(stored.readAllBytes()).isEqualTo(upload.content(i));
            }
        }

        JsonNode batch = get("/v1/batches/" + batchId, DEMO_KEY, 200);
        assertThat(batch.get("documentCount").asInt()).isEqualTo(3);
        assertThat(batch.get("counts").get("RECEIVED").asInt()).isEqualTo(3);
        assertThat(batch.get("counts").get("ASSEMBLED").asInt()).isZero();
        assertThat(batch.get("documents").findValuesAsString("status")).containsOnly("RECEIVED");
    }

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
    void anAssembledDocumentCanBeDownloaded() throws IOException {
        String documentId = uploadOne("to-seal.pdf");
        assertProblem(get("/v1/documents/" + documentId + "/container", DEMO_KEY, 404), 404);

        byte[] container = ("PK\u0003\u0004 a signed container " + documentId).getBytes(UTF_8);
        BlobRef stored =
                blobs.put("demo", new ByteArrayInputStream(container), "application/vnd.etsi.asic-e+zip", 1 << 20);
        JsonNode document = get("/v1/documents/" + documentId, DEMO_KEY, 200);
        publish(
                TOPICS.containerAssembled().name(),
                documentId,
                new ContainerAssembled(
                        ContainerAssembled.SCHEMA_VERSION,
                        documentId,
                        document.get("batchId").asString(),
                        "demo",
                        null,
                        stored,
                        "to-seal.asice",
                        List.of(new DataFile("to-seal.pdf", stored)),
                        new ValidationSummary("TOTAL_PASSED", null, Instant.now(), "Sandbox Seal", SignatureLevel.LT),
                        Instant.now()));

        JsonNode assembled = awaitStatus(documentId, "ASSEMBLED");
        assertThat(assembled.get("container").get("name").asString()).isEqualTo("to-seal.asice");
        assertThat(assembled.get("history").findValuesAsString("status")).containsExactly("RECEIVED", "ASSEMBLED");

        var download = http.get()
                .uri("/v1/documents/" + documentId + "/container")
                .header("X-API-Key", DEMO_KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"to-seal.asice\"")
                .expectHeader()
                .contentType("application/vnd.etsi.asic-e+zip")
                .expectBody(byte[].class)
                .returnResult();
        assertThat(download.getResponseBody()).isEqualTo(container);
    }

    @Test
    void aFailedDocumentShowsWhyAndHasNoContainer() {
        String documentId = uploadOne("unusable.pdf");
        JsonNode document = get("/v1/documents/" + documentId, DEMO_KEY, 200);
        publish(
                TOPICS.documentFailed().name(),
                documentId,
                new DocumentFailed(
                        DocumentFailed.SCHEMA_VERSION,
                        documentId,
                        document.get("batchId").asString(),
                        "demo",
                        null,
                        FailureStage.HASH,
                        FailureReason.DOCUMENT_UNUSABLE,
                        "the document cannot be read",
                        Instant.now()));

        JsonNode failed = awaitStatus(documentId, "FAILED");
        assertThat(failed.get("failure").get("reason").asString()).isEqualTo("DOCUMENT_UNUSABLE");
        assertThat(failed.get("failure").get("stage").asString()).isEqualTo("HASH");
        assertThat(failed.get("failure").get("message").asString()).isEqualTo("the document cannot be read");
        assertProblem(get("/v1/documents/" + documentId + "/container", DEMO_KEY, 409), 409);
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

    private String uploadOne(String name) {
        Uploads upload = Uploads.files("file", name).field("provider", "csc").field("signer", "sandbox-seal");
        return post("/v1/documents", DEMO_KEY, upload, 202).get("documentId").asString();
    }

    private JsonNode awaitStatus(String documentId, String status) {
        return Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> get("/v1/documents/" + documentId, DEMO_KEY, 200),
                        d -> status.equals(d.get("status").asString()));
    }

    private void publish(String topic, String key, Object event) {
        try (KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(broker.getBrokersAsString())) {
            producer.send(new ProducerRecord<>(topic, key, event));
        }
    }

    private JsonNode post(String path, String apiKey, Uploads upload, int expectedStatus) {
        var request = http.post().uri(path).contentType(MediaType.MULTIPART_FORM_DATA);
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return read(request.body(upload.body()).exchange(), expectedStatus);
    }

    private JsonNode get(String path, String apiKey, int expectedStatus) {
        var request = http.get().uri(path);
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return read(request.exchange(), expectedStatus);
    }

    private static JsonNode read(RestTestClient.ResponseSpec response, int expectedStatus) {
        var result = response.expectStatus()
                .isEqualTo(expectedStatus)
                .expectBody(String.class)
                .returnResult();
        if (expectedStatus >= 400) {
            assertThat(result.getResponseHeaders().getContentType())
                    .hasToString(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        }
        return JSON.readTree(result.getResponseBody());
    }

    private static void assertProblem(JsonNode problem, int status) {
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.has("title")).isTrue();
        assertThat(problem.toString()).doesNotContain("at dev.signingsuite", "Exception");
    }
}
