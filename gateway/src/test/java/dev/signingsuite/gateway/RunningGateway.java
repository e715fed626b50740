package dev.signingsuite.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.events.Lane;
import dev.signingsuite.events.Topics;
import dev.signingsuite.gateway.database.TestDatabases;
import dev.signingsuite.testsupport.KafkaTestClients;
import dev.signingsuite.testsupport.TopicRecorder;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway as it runs: Tomcat on a random port, a real PostgreSQL (so the Flyway migrations
 * run), the blob store and an embedded KRaft broker. Status changes arrive as events on
 * the broker, exactly as the other stages write them. Every subclass shares one application context.
 */
@EmbeddedKafka(
        partitions = 3,
        // One broker: the stages' transactions need a transaction log it can hold alone.
        brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=" + GatewayApplication.CONFIG_NAME,
            "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
            "signing.blob-store.root=target/api-it-blobs",
            "signing.gateway.max-document-size=4KB",
            "signing.gateway.max-files-per-batch=1000",
            // Failed keys from 127.0.0.1 add up over every test of the context; FrontDoorIT uses
            // addresses of its own. An hour: no new period begins while the tests run.
            "signing.gateway.authentication.failures=50",
            "signing.gateway.authentication.period=1h",
            InstanceTenants.OTHER_KEY,
            // Signs the links a Smart-ID person opens without the API key (32 bytes, base64).
            "signing.gateway.smartid.page-key=" + RunningGateway.PAGE_KEY,
            InstanceTenants.OTHER_SIGNER_PROVIDER,
            InstanceTenants.OTHER_SIGNER_IDENTITY,
            InstanceTenants.DEMO_CALLBACK_HOST,
            "logging.level.kafka=WARN",
            "logging.level.org.apache.kafka=WARN",
            // Readiness says which member is down.
            "management.endpoint.health.show-details=always"
        })
abstract class RunningGateway {

    static final Topics TOPICS = Topics.withPrefix(Topics.DEFAULT_PREFIX);
    static final Duration WAIT = Duration.ofSeconds(30);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String DEMO_KEY = "demo-key";
    static final String PAGE_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    static final String STATUS_GROUP = "gateway-status";

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    BlobStore blobs;

    @LocalServerPort
    int port;

    RestTestClient http;
    TopicRecorder recorder;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry);
    }

    @BeforeEach
    void startClients() {
        http = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        recorder = TopicRecorder.open(
                broker.getBrokersAsString(),
                List.of(
                        TOPICS.documentReceived().name(),
                        TOPICS.documentReceived(Lane.INTERACTIVE).name()));
    }

    @AfterEach
    void closeRecorder() {
        recorder.close();
    }

    String uploadOne(String name) {
        Uploads upload = Uploads.files("file", name).field("provider", "csc").field("signer", "sandbox-seal");
        return post("/v1/documents", DEMO_KEY, upload, 202).get("documentId").asString();
    }

    JsonNode awaitStatus(String documentId, String status) {
        return Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> get("/v1/documents/" + documentId, DEMO_KEY, 200),
                        d -> status.equals(d.get("status").asString()));
    }

    byte[] download(String documentId, String expectedDisposition) {
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
    RecordMetadata publish(String topic, String key, Object event) throws Exception {
        try (KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(broker.getBrokersAsString())) {
            return producer.send(new ProducerRecord<>(topic, key, event)).get();
        }
    }

    /** Waits until the status consumers have processed and committed the record. */
    void awaitConsumed(RecordMetadata record) {
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

    JsonNode post(String path, String apiKey, Uploads upload, int expectedStatus) {
        var request = http.post().uri(path).contentType(MediaType.MULTIPART_FORM_DATA);
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return read(request.body(upload.body()).exchange(), expectedStatus);
    }

    JsonNode get(String path, String apiKey, int expectedStatus) {
        var request = http.get().uri(path);
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return read(request.exchange(), expectedStatus);
    }

    static JsonNode read(RestTestClient.ResponseSpec response, int expectedStatus) {
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

    static void assertProblem(JsonNode problem, int status) {
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.has("title")).isTrue();
        assertThat(problem.toString()).doesNotContain("at dev.signingsuite", "Exception");
    }
}
