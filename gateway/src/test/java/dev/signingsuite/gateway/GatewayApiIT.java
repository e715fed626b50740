package dev.signingsuite.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.Topics;
import dev.signingsuite.testsupport.KafkaTestClients;
import dev.signingsuite.testsupport.TopicRecorder;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
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
    private static final String STATUS_GROUP = "gateway-status";

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
    void aBatchIsStoredPublishedAndFollowsEveryStage() throws Exception {
        Uploads upload = Uploads.files("files", "a.pdf", "b.pdf")
                .field("provider", "csc")
                .field("signer", "sandbox-seal")
                .field("level", "LTA")
                .field("clientReference", "inv");

        var response = http.post()
                .uri("/v1/batches")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .header("X-API-Key", DEMO_KEY)
                .body(upload.body())
                .exchange();
        String location =
                response.returnResult().getResponseHeaders().getLocation().toString();
        JsonNode accepted = read(response, 202);

        String batchId = accepted.get("batchId").asString();
        assertThat(location).isEqualTo("/v1/batches/" + batchId);
        assertThat(accepted.get("statusUrl").asString()).isEqualTo(location);
        assertThat(accepted.get("documents")).hasSize(2);
        List<DocumentReceived> received = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            JsonNode document = accepted.get("documents").get(i);
            String documentId = document.get("documentId").asString();
            assertThat(document.get("statusUrl").asString()).isEqualTo("/v1/documents/" + documentId);
            assertThat(document.get("clientReference").asString()).isEqualTo("inv-" + (i + 1));

            // The bytes are in the blob store by the time the event can be read.
            ConsumerRecord<String, byte[]> record =
                    recorder.await(TOPICS.documentReceived().name(), r -> documentId.equals(r.key()), WAIT);
            DocumentReceived event = EventJson.read(record.value(), DocumentReceived.class);
            assertThat(event.documentId()).isEqualTo(documentId);
            assertThat(event.tenantId()).isEqualTo("demo");
            assertThat(event.batchId()).isEqualTo(batchId);
            assertThat(event.level()).isEqualTo(SignatureLevel.LTA);
            assertThat(event.signer().identity()).isEqualTo("sandbox-seal");
            DataFile file = event.files().get(0);
            assertThat(file.name()).isEqualTo(upload.names().get(i));
            assertThat(file.blob().mediaType()).isEqualTo("application/pdf");
            try (InputStream stored = blobs.open(file.blob())) {
                assertThat(stored.readAllBytes()).isEqualTo(upload.content(i));
            }
            assertThat(get("/v1/documents/" + documentId, DEMO_KEY, 200)
                            .get("status")
                            .asString())
                    .isEqualTo("RECEIVED");
            received.add(event);
        }
        JsonNode batch = get("/v1/batches/" + batchId, DEMO_KEY, 200);
        assertThat(batch.get("documentCount").asInt()).isEqualTo(2);
        assertThat(batch.get("counts").get("RECEIVED").asInt()).isEqualTo(2);
        assertThat(batch.get("counts").get("ASSEMBLED").asInt()).isZero();

        DocumentReceived first = received.get(0);
        DocumentReceived second = received.get(1);
        publish(TOPICS.signatureRequested().name(), first.documentId(), Lifecycle.requested(first, "4927"));
        publish(TOPICS.signatureRequested().name(), second.documentId(), Lifecycle.requested(second, "1850"));
        JsonNode requested = awaitStatus(first.documentId(), "SIGNATURE_REQUESTED");
        assertThat(requested.get("verificationCode").asString()).isEqualTo("4927");
        awaitStatus(second.documentId(), "SIGNATURE_REQUESTED");

        byte[] container = ("PK\u0003\u0004 the container of " + first.documentId()).getBytes(UTF_8);
        BlobRef stored =
                blobs.put("demo", new ByteArrayInputStream(container), "application/vnd.etsi.asic-e+zip", 1 << 20);
        publish(TOPICS.containerAssembled().name(), first.documentId(), Lifecycle.assembled(first, stored, "a.asice"));
        JsonNode assembled = awaitStatus(first.documentId(), "ASSEMBLED");
        assertThat(assembled.has("verificationCode")).isFalse();
        assertThat(assembled.get("container").get("name").asString()).isEqualTo("a.asice");
        assertThat(assembled.get("container").get("sha256").asString()).isEqualTo(stored.sha256());
        assertThat(assembled.get("history").findValuesAsString("status"))
                .containsExactly("RECEIVED", "SIGNATURE_REQUESTED", "ASSEMBLED");
        assertThat(download(first.documentId(), "attachment; filename=\"a.asice\""))
                .isEqualTo(container);

        publish(TOPICS.documentFailed().name(), second.documentId(), Lifecycle.failed(second, "the signer refused"));
        JsonNode failed = awaitStatus(second.documentId(), "FAILED");
        assertThat(failed.get("failure").get("stage").asString()).isEqualTo("PROVIDER");
        assertThat(failed.get("failure").get("reason").asString()).isEqualTo("USER_REFUSED");
        assertThat(failed.get("failure").get("message").asString()).isEqualTo("the signer refused");
        assertThat(failed.has("container")).isFalse();
        assertProblem(get("/v1/documents/" + second.documentId() + "/container", DEMO_KEY, 409), 409);

        // Redelivered and late events, each awaited until the status consumers have committed it.
        awaitConsumed(publish(TOPICS.documentReceived().name(), first.documentId(), first));
        awaitConsumed(
                publish(TOPICS.signatureRequested().name(), first.documentId(), Lifecycle.requested(first, "0000")));
        awaitConsumed(publish(TOPICS.documentFailed().name(), first.documentId(), Lifecycle.failed(first, "late")));
        awaitConsumed(publish(
                TOPICS.containerAssembled().name(),
                second.documentId(),
                Lifecycle.assembled(second, stored, "b.asice")));
        JsonNode stillAssembled = get("/v1/documents/" + first.documentId(), DEMO_KEY, 200);
        assertThat(stillAssembled.get("status").asString()).isEqualTo("ASSEMBLED");
        assertThat(stillAssembled.get("container").get("name").asString()).isEqualTo("a.asice");
        assertThat(stillAssembled.get("history")).isEqualTo(assembled.get("history"));
        JsonNode stillFailed = get("/v1/documents/" + second.documentId(), DEMO_KEY, 200);
        assertThat(stillFailed.get("status").asString()).isEqualTo("FAILED");
        assertThat(stillFailed.get("failure")).isEqualTo(failed.get("failure"));

        JsonNode finished = get("/v1/batches/" + batchId, DEMO_KEY, 200);
        assertThat(finished.get("counts").get("ASSEMBLED").asInt()).isEqualTo(1);
        assertThat(finished.get("counts").get("FAILED").asInt()).isEqualTo(1);
        assertThat(finished.get("counts").get("RECEIVED").asInt()).isZero();
        assertThat(finished.get("documents").findValuesAsString("failureReason"))
                .containsExactly("USER_REFUSED");
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

    private byte[] download(String documentId, String expectedDisposition) {
        return http.get()
                .uri("/v1/documents/" + documentId + "/container")
                .header("X-API-Key", DEMO_KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.CONTENT_DISPOSITION, expectedDisposition)
                .expectHeader()
                .contentType("application/vnd.etsi.asic-e+zip")
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
    }

    /** Publishes with the suite's shared serde, as the other stages do; returns where it landed. */
    private RecordMetadata publish(String topic, String key, Object event) throws Exception {
        try (KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(broker.getBrokersAsString())) {
            return producer.send(new ProducerRecord<>(topic, key, event)).get();
        }
    }

    /** Waits until the status consumers have processed and committed the record. */
    private void awaitConsumed(RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = KafkaTestClients.admin(broker.getBrokersAsString())) {
            Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(STATUS_GROUP)
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .get(partition);
                return committed != null && committed.offset() > record.offset();
            });
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
