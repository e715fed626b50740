package dev.signingsuite.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.DocumentSubmitted;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.Provider;
import dev.signingsuite.gateway.intake.IntakeAcceptor;
import dev.signingsuite.testsupport.SampleEvents;
import dev.signingsuite.testsupport.TopicRecorder;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 22: tenant B ({@code demo}) cannot reach tenant A's ({@code other}) documents or signatures,
 * by id, by guessing one, by replaying A's reference or by naming A's signer, over REST or on the
 * Kafka intake; and what B hears about A's id is what it hears about an id that does not exist, so
 * that a 404 is no oracle for which ids are in use.
 */
class TenantIsolationIT extends RunningGateway {

    private static final String A_KEY = "other-key";

    private static final List<String> DOCUMENT_PATHS = List.of(
            "/v1/documents/%s",
            "/v1/documents/%s/container",
            "/v1/documents/%s/audit",
            "/v1/signatures/%s",
            "/v1/signatures/%s/signature",
            "/v1/batches/%s",
            "/v1/batches/%s/audit");

    @Test
    void aTenantsAssembledDocumentIsToAnotherTenantAsAnIdThatDoesNotExist() throws Exception {
        String id = assembledForA("theirs-" + UUID.randomUUID());
        // A itself reads all of it.
        assertThat(get("/v1/documents/" + id, A_KEY, 200).get("status").asString())
                .isEqualTo("ASSEMBLED");
        http.get()
                .uri("/v1/documents/" + id + "/container")
                .header("X-API-Key", A_KEY)
                .exchange()
                .expectStatus()
                .isOk();

        String unknown = UUID.randomUUID().toString();
        for (String path : DOCUMENT_PATHS) {
            JsonNode theirs = get(path.formatted(id), DEMO_KEY, 404);
            JsonNode none = get(path.formatted(unknown), DEMO_KEY, 404);
            assertProblem(theirs, 404);
            assertThat(theirs.get("title")).as(path).isEqualTo(none.get("title"));
            assertThat(theirs.path("detail").asString().replace(id, "ID"))
                    .as(path)
                    .isEqualTo(none.path("detail").asString().replace(unknown, "ID"));
        }
        // Nor can B cancel A's batch (the document's batch: a single upload is a batch of one).
        String batchId = get("/v1/documents/" + id, A_KEY, 200).get("batchId").asString();
        assertProblem(
                read(
                        http.post()
                                .uri("/v1/batches/" + batchId + "/cancel")
                                .header("X-API-Key", DEMO_KEY)
                                .exchange(),
                        404),
                404);
        assertThat(get("/v1/documents/" + id, A_KEY, 200).get("status").asString())
                .isEqualTo("ASSEMBLED");
    }

    @Test
    void replayingAnotherTenantsReferenceAndContentGivesBADocumentOfItsOwn() {
        String reference = "shared-" + UUID.randomUUID();
        byte[] content = "%PDF-1.7 the very same invoice".getBytes(UTF_8);
        String theirs = post("/v1/documents", A_KEY, upload(content, "other-seal", reference), 202)
                .get("documentId")
                .asString();

        JsonNode mine = post("/v1/documents", DEMO_KEY, upload(content, "sandbox-seal", reference), 202);

        // A new document of B's, not A's answered back (which a replayed reference would reveal).
        assertThat(mine.get("documentId").asString()).isNotEqualTo(theirs);
        assertThat(get("/v1/documents/" + mine.get("documentId").asString(), DEMO_KEY, 200)
                        .get("signer")
                        .get("identity")
                        .asString())
                .isEqualTo("sandbox-seal");
        assertProblem(get("/v1/documents/" + theirs, DEMO_KEY, 404), 404);
        assertThat(get("/v1/documents/" + theirs, A_KEY, 200)
                        .get("clientReference")
                        .asString())
                .isEqualTo(reference);
    }

    @Test
    void namingAnotherTenantsSignerIsRefusedOverRestAndOnTheKafkaIntake() {
        JsonNode refused =
                post("/v1/documents", DEMO_KEY, upload("%PDF-1.7 x".getBytes(UTF_8), "other-seal", null), 403);
        assertProblem(refused, 403);
        assertThat(refused.get("reason").asString()).isEqualTo("SIGNER_NOT_ALLOWED");

        DocumentSubmitted submitted = SampleEvents.submitted("intake-" + UUID.randomUUID(), Provider.CSC, "other-seal");
        assertThat(submitted.tenantId()).isEqualTo("demo");
        String documentId = IntakeAcceptor.documentIdFor(submitted.tenantId(), submitted.clientReference());
        try (TopicRecorder outcomes = TopicRecorder.open(
                broker.getBrokersAsString(), List.of(TOPICS.documentFailed().name()))) {
            publish(TOPICS.intake().name(), submitted.clientReference(), submitted);
            DocumentFailed failed = EventJson.read(
                    outcomes.await(TOPICS.documentFailed().name(), r -> documentId.equals(r.key()), WAIT)
                            .value(),
                    DocumentFailed.class);
            assertThat(failed.reason()).isEqualTo(FailureReason.SIGNER_NOT_ALLOWED);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        // Nothing of it went further than the gateway.
        assertThat(recorder.seen(TOPICS.documentReceived().name())).noneMatch(r -> documentId.equals(r.key()));
    }

    /** A's document, uploaded with A's key and assembled as container-service would report it. */
    private String assembledForA(String reference) throws Exception {
        String id = post("/v1/documents", A_KEY, upload("%PDF-1.7 A's".getBytes(UTF_8), "other-seal", reference), 202)
                .get("documentId")
                .asString();
        DocumentReceived received = EventJson.read(
                recorder.await(TOPICS.documentReceived().name(), r -> id.equals(r.key()), WAIT)
                        .value(),
                DocumentReceived.class);
        BlobRef container = blobs.put(
                "other",
                new ByteArrayInputStream(("PK\u0003\u0004 A's container " + id).getBytes(UTF_8)),
                "application/vnd.etsi.asic-e+zip",
                1 << 20);
        awaitConsumed(publish(
                TOPICS.containerAssembled().name(), id, Lifecycle.assembled(received, container, "theirs.asice")));
        return id;
    }

    private static Uploads upload(byte[] content, String signer, String reference) {
        Uploads upload = new Uploads("file")
                .add("invoice.pdf", content)
                .field("provider", "csc")
                .field("signer", signer);
        return reference == null ? upload : upload.field("clientReference", reference);
    }
}
