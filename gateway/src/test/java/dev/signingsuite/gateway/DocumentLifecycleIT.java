package dev.signingsuite.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.SignatureLevel;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * A batch from upload to its end, driven by the events the later stages write, including the late
 * and redelivered ones that must not move a document back.
 */
class DocumentLifecycleIT extends RunningGateway {

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
}
