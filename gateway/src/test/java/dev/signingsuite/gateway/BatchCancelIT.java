package dev.signingsuite.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.BatchCancelled;
import dev.signingsuite.events.BatchCompleted;
import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.DocumentSubmitted;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.Provider;
import dev.signingsuite.gateway.intake.IntakeAcceptor;
import dev.signingsuite.testclock.TestClock;
import dev.signingsuite.testsupport.SampleEvents;
import dev.signingsuite.testsupport.TopicRecorder;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/batches/{id}/cancel} on a real broker and PostgreSQL (ADR 31): tenant-scoped,
 * idempotent, announced as {@link BatchCancelled}; a Kafka intake record of the batch not yet
 * published ends CANCELLED at the gateway; the batch's one {@link BatchCompleted} counts the
 * cancelled documents. (The providers' side: provider-runtime's TestOnlyProviderIT.)
 */
class BatchCancelIT extends RunningGateway {

    @Test
    void aCancelIsTenantScopedIdempotentAnnouncedAndCountedOnce() throws Exception {
        String batchId = "batch-" + UUID.randomUUID();
        DocumentReceived signed = SampleEvents.receivedInBatch("signed-" + UUID.randomUUID(), batchId, TestClock.now());
        DocumentReceived unsigned =
                SampleEvents.receivedInBatch("unsigned-" + UUID.randomUUID(), batchId, TestClock.now());
        String cancelledTopic = TOPICS.batchCancelled().name();
        String failedTopic = TOPICS.documentFailed().name();
        String completedTopic = TOPICS.batchCompleted().name();
        try (TopicRecorder seen =
                TopicRecorder.open(broker.getBrokersAsString(), List.of(cancelledTopic, failedTopic, completedTopic))) {
            publish(TOPICS.documentReceived().name(), signed.documentId(), signed);
            awaitConsumed(publish(TOPICS.documentReceived().name(), unsigned.documentId(), unsigned));

            assertProblem(cancel(batchId, "other-key", 404), 404);
            assertProblem(cancel("no*such*batch", DEMO_KEY, 400), 400);
            JsonNode first = cancel(batchId, DEMO_KEY, 202);
            JsonNode again = cancel(batchId, DEMO_KEY, 202);
            assertThat(first.get("status").asString()).isEqualTo("CANCELLED");
            assertThat(again.get("cancelledAt").asString())
                    .isEqualTo(first.get("cancelledAt").asString());

            ConsumerRecord<String, byte[]> announced = seen.await(
                    cancelledTopic, r -> BatchCancelled.keyOf("demo", batchId).equals(r.key()), WAIT);
            BatchCancelled event = EventJson.read(announced.value(), BatchCancelled.class);
            assertThat(event.cancelledAt()).hasToString(first.get("cancelledAt").asString());
            assertThat(TopicRecorder.header(announced, "ce_id")).contains("batch-cancelled:demo/" + batchId);

            // A Kafka intake record of the cancelled batch is never published: it ends CANCELLED here.
            DocumentSubmitted late =
                    inBatch(SampleEvents.submitted("late-" + UUID.randomUUID(), Provider.CSC, "sandbox-seal"), batchId);
            String lateId = IntakeAcceptor.documentIdFor("demo", late.clientReference());
            publish(TOPICS.intake().name(), late.clientReference(), late);
            DocumentFailed refused = EventJson.read(
                    seen.await(failedTopic, r -> lateId.equals(r.key()), WAIT).value(), DocumentFailed.class);
            assertThat(refused.reason()).isEqualTo(FailureReason.CANCELLED);
            assertThat(refused.stage()).isEqualTo(FailureStage.GATEWAY);

            // What the provider and container-service write: CANCELLED for one, the signed one assembled.
            publish(
                    failedTopic,
                    unsigned.documentId(),
                    SampleEvents.failedInBatch(
                            unsigned.documentId(),
                            unsigned.batchId(),
                            FailureReason.CANCELLED,
                            "the tenant cancelled batch " + unsigned.batchId(),
                            TestClock.now()));
            BlobRef container =
                    new BlobRef("s3://containers/x.asice", 10, "application/vnd.etsi.asic-e+zip", "a".repeat(64));
            publish(
                    TOPICS.containerAssembled().name(),
                    signed.documentId(),
                    Lifecycle.assembled(signed, container, "a.pdf.asice"));

            BatchCompleted completed = EventJson.read(
                    seen.await(
                                    completedTopic,
                                    r -> BatchCompleted.keyOf("demo", batchId).equals(r.key()),
                                    WAIT)
                            .value(),
                    BatchCompleted.class);
            assertThat(completed.documents()).isEqualTo(3);
            assertThat(completed.assembled()).isEqualTo(1);
            assertThat(completed.failuresByReason()).containsExactlyEntriesOf(java.util.Map.of("CANCELLED", 2));
            assertThat(awaitStatus(unsigned.documentId(), "FAILED")
                            .get("failure")
                            .get("reason")
                            .asString())
                    .isEqualTo("CANCELLED");
        }
    }

    private JsonNode cancel(String batchId, String apiKey, int expectedStatus) {
        return read(
                http.post()
                        .uri("/v1/batches/" + batchId + "/cancel")
                        .header("X-API-Key", apiKey)
                        .exchange(),
                expectedStatus);
    }

    private static DocumentSubmitted inBatch(DocumentSubmitted s, String batchId) {
        return new DocumentSubmitted(
                s.schemaVersion(),
                s.tenantId(),
                s.clientReference(),
                batchId,
                s.fileName(),
                s.mediaType(),
                s.content(),
                s.signer(),
                s.format(),
                s.level());
    }
}
