package dev.signingsuite.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.DocumentSubmitted;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.IntakeRejected;
import dev.signingsuite.events.Provider;
import dev.signingsuite.gateway.intake.IntakeAcceptor;
import dev.signingsuite.testsupport.KafkaTestClients;
import dev.signingsuite.testsupport.SampleEvents;
import dev.signingsuite.testsupport.TopicRecorder;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Hole 4 of issue 16 and the name limit of hole 3: per tenant a clientReference names one
 * document on both intakes, and a name that a later stage could not hold is refused at intake.
 */
class IdempotentIntakeIT extends RunningGateway {

    private TopicRecorder outputs;

    @BeforeEach
    void openOutputs() {
        outputs = TopicRecorder.open(
                broker.getBrokersAsString(),
                List.of(
                        TOPICS.documentReceived().name(),
                        TOPICS.documentFailed().name(),
                        TOPICS.intakeRejected().name()));
    }

    @AfterEach
    void closeOutputs() {
        outputs.close();
    }

    @Test
    void restSameContentAnswersTheExistingDocumentAndOtherContentIs409() {
        String reference = "rest-" + UUID.randomUUID();
        byte[] content = "%PDF-1.7 the same".getBytes(UTF_8);

        JsonNode first = post("/v1/documents", DEMO_KEY, one("a.pdf", content, reference), 202);
        JsonNode again = post("/v1/documents", DEMO_KEY, one("a.pdf", content, reference), 200);

        String documentId = first.get("documentId").asString();
        assertThat(again.get("documentId").asString()).isEqualTo(documentId);
        assertThat(again.get("batchId").asString())
                .isEqualTo(first.get("batchId").asString());
        assertThat(again.get("clientReference").asString()).isEqualTo(reference);

        JsonNode other =
                post("/v1/documents", DEMO_KEY, one("a.pdf", "%PDF-1.7 other".getBytes(UTF_8), reference), 409);
        assertProblem(other, 409);
        assertThat(other.get("detail").asString()).contains(reference);
        // Another signer is other content too.
        Uploads otherSigner = new Uploads("file")
                .add("a.pdf", content)
                .field("provider", "csc")
                .field("signer", "sandbox-seal-ec")
                .field("clientReference", reference);
        assertProblem(post("/v1/documents", DEMO_KEY, otherSigner, 409), 409);

        awaitStatus(documentId, "RECEIVED");
        assertThat(receivedFor(documentId)).hasSize(1);
        assertThat(receivedWithReference(reference)).hasSize(1);
    }

    @Test
    void aRepeatedBatchAnswersItsDocumentsAndAPartlyNewOneIs409() {
        String prefix = "batch-" + UUID.randomUUID();
        Uploads batch = Uploads.files("files", "x.pdf", "y.pdf");
        JsonNode first = post("/v1/batches", DEMO_KEY, batchOf(batch, prefix), 202);
        Uploads same = new Uploads("files").add("x.pdf", batch.content(0)).add("y.pdf", batch.content(1));

        JsonNode again = post("/v1/batches", DEMO_KEY, batchOf(same, prefix), 200);

        assertThat(again.get("batchId").asString())
                .isEqualTo(first.get("batchId").asString());
        assertThat(again.get("documents").get(1).get("documentId").asString())
                .isEqualTo(first.get("documents").get(1).get("documentId").asString());
        Uploads longer = new Uploads("files")
                .add("x.pdf", batch.content(0))
                .add("y.pdf", batch.content(1))
                .add("z.pdf", batch.content(1));
        assertProblem(post("/v1/batches", DEMO_KEY, batchOf(longer, prefix), 409), 409);
    }

    @Test
    void twoConcurrentUploadsOfOneReferenceMakeOneDocument() throws Exception {
        String reference = "race-" + UUID.randomUUID();
        byte[] content = "%PDF-1.7 raced".getBytes(UTF_8);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> uploads = List.of(1, 2).stream()
                .map(i -> CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    return http.post()
                            .uri("/v1/documents")
                            .contentType(org.springframework.http.MediaType.MULTIPART_FORM_DATA)
                            .header("X-API-Key", DEMO_KEY)
                            .body(one("raced.pdf", content, reference).body())
                            .exchange()
                            .returnResult(String.class)
                            .getStatus()
                            .value();
                }))
                .toList();
        start.countDown();

        List<Integer> statuses =
                uploads.stream().map(CompletableFuture::join).sorted().toList();

        assertThat(statuses).containsExactly(200, 202);
        JsonNode answer = post("/v1/documents", DEMO_KEY, one("raced.pdf", content, reference), 200);
        awaitStatus(answer.get("documentId").asString(), "RECEIVED");
        assertThat(receivedWithReference(reference)).hasSize(1);
    }

    @Test
    void kafkaSameContentStartsNothingAndOtherContentIsRejectedWithoutTouchingTheDocument() throws Exception {
        DocumentSubmitted submitted =
                SampleEvents.submitted("kafka-" + UUID.randomUUID(), Provider.CSC, "sandbox-seal");
        String documentId = IntakeAcceptor.documentIdFor(submitted.tenantId(), submitted.clientReference());
        publish(TOPICS.intake().name(), submitted.clientReference(), submitted);
        awaitKafkaIntake(documentId);

        awaitIntakeConsumed(publish(TOPICS.intake().name(), submitted.clientReference(), submitted));
        DocumentSubmitted other = withContent(submitted, "%PDF-1.7 other content");
        publish(TOPICS.intake().name(), other.clientReference(), other);

        String key = IntakeRejected.keyOf(submitted.tenantId(), submitted.clientReference());
        ConsumerRecord<String, byte[]> record =
                outputs.await(TOPICS.intakeRejected().name(), r -> key.equals(r.key()), WAIT);
        IntakeRejected rejected = EventJson.read(record.value(), IntakeRejected.class);
        assertThat(rejected.reason()).isEqualTo(IntakeRejected.Reason.CLIENT_REFERENCE_REUSED);
        assertThat(rejected.message()).contains(documentId);
        assertThat(TopicRecorder.header(record, "ce_type")).contains("dev.signingsuite.intake-rejected.v1");
        assertThat(receivedFor(documentId)).hasSize(1);
        assertThat(outputs.seen(TOPICS.documentFailed().name())).noneMatch(r -> documentId.equals(r.key()));
        assertThat(get("/v1/documents/" + documentId, DEMO_KEY, 200)
                        .get("status")
                        .asString())
                .isEqualTo("RECEIVED");
    }

    @Test
    void aReferenceHoldsAcrossBothIntakes() throws Exception {
        DocumentSubmitted submitted = SampleEvents.submitted("both-" + UUID.randomUUID(), Provider.CSC, "sandbox-seal");
        String documentId = IntakeAcceptor.documentIdFor(submitted.tenantId(), submitted.clientReference());
        publish(TOPICS.intake().name(), submitted.clientReference(), submitted);
        awaitKafkaIntake(documentId);

        Uploads same = new Uploads("file")
                .add(submitted.fileName(), submitted.content())
                .field("provider", "csc")
                .field("signer", "sandbox-seal")
                .field("clientReference", submitted.clientReference());
        assertThat(post("/v1/documents", DEMO_KEY, same, 200).get("documentId").asString())
                .isEqualTo(documentId);
        assertProblem(
                post(
                        "/v1/documents",
                        DEMO_KEY,
                        one(submitted.fileName(), new byte[] {1}, submitted.clientReference()),
                        409),
                409);
    }

    @Test
    void namesLongerThan249BytesAreRefusedAtBothIntakes() throws Exception {
        String ascii249 = "a".repeat(245) + ".pdf";
        String multiByte250 = "õ".repeat(121) + "€" + "a.pdf";
        String ascii255 = "a".repeat(251) + ".pdf";
        assertThat(multiByte250.getBytes(UTF_8)).hasSize(250);

        post("/v1/documents", DEMO_KEY, one(ascii249, new byte[] {1}, null), 202);
        for (String name : List.of(multiByte250, ascii255, "b".repeat(246) + ".pdf")) {
            JsonNode problem = post("/v1/documents", DEMO_KEY, one(name, new byte[] {1}, null), 400);
            assertProblem(problem, 400);
            assertThat(problem.get("reason").asString()).isEqualTo("INVALID_FILE_NAME");
            assertThat(problem.get("detail").asString()).contains("249");
        }

        DocumentSubmitted longName = withName(
                SampleEvents.submitted("long-" + UUID.randomUUID(), Provider.CSC, "sandbox-seal"), multiByte250);
        String documentId = IntakeAcceptor.documentIdFor(longName.tenantId(), longName.clientReference());
        publish(TOPICS.intake().name(), longName.clientReference(), longName);
        DocumentFailed failed = EventJson.read(
                outputs.await(TOPICS.documentFailed().name(), r -> documentId.equals(r.key()), WAIT)
                        .value(),
                DocumentFailed.class);
        assertThat(failed.reason()).isEqualTo(FailureReason.INVALID_FILE_NAME);
    }

    /** The status store knows a Kafka intake's document only once it read it back: 404 until then. */
    private void awaitKafkaIntake(String documentId) {
        Awaitility.await()
                .atMost(WAIT)
                .ignoreExceptions()
                .pollInterval(Duration.ofMillis(100))
                .until(() -> get("/v1/documents/" + documentId, DEMO_KEY, 200), d -> d.has("status"));
    }

    private static Uploads one(String name, byte[] content, String reference) {
        Uploads upload =
                new Uploads("file").add(name, content).field("provider", "csc").field("signer", "sandbox-seal");
        return reference == null ? upload : upload.field("clientReference", reference);
    }

    private static Uploads batchOf(Uploads files, String prefix) {
        return files.field("provider", "csc").field("signer", "sandbox-seal").field("clientReference", prefix);
    }

    private List<DocumentReceived> receivedFor(String documentId) {
        return outputs.seen(TOPICS.documentReceived().name()).stream()
                .filter(r -> documentId.equals(r.key()))
                .map(r -> EventJson.read(r.value(), DocumentReceived.class))
                .toList();
    }

    private List<DocumentReceived> receivedWithReference(String reference) {
        return outputs.seen(TOPICS.documentReceived().name()).stream()
                .map(r -> EventJson.read(r.value(), DocumentReceived.class))
                .filter(r -> reference.equals(r.clientReference()))
                .toList();
    }

    /** Waits until the Kafka intake has processed and committed the record. */
    private void awaitIntakeConsumed(RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = KafkaTestClients.admin(broker.getBrokersAsString())) {
            Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("gateway")
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .get(partition);
                return committed != null && committed.offset() > record.offset();
            });
        }
    }

    private static DocumentSubmitted withContent(DocumentSubmitted s, String content) {
        return new DocumentSubmitted(
                s.schemaVersion(),
                s.tenantId(),
                s.clientReference(),
                s.batchId(),
                s.fileName(),
                s.mediaType(),
                content.getBytes(UTF_8),
                s.signer(),
                s.format(),
                s.level());
    }

    private static DocumentSubmitted withName(DocumentSubmitted s, String name) {
        return new DocumentSubmitted(
                s.schemaVersion(),
                s.tenantId(),
                s.clientReference(),
                s.batchId(),
                name,
                s.mediaType(),
                s.content(),
                s.signer(),
                s.format(),
                s.level());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
