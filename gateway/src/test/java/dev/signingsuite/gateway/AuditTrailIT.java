package dev.signingsuite.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.Lane;
import dev.signingsuite.events.Manifest;
import dev.signingsuite.events.SignatureArtifact;
import dev.signingsuite.events.SignatureAugmented;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignatureParameters;
import dev.signingsuite.events.SignatureReturned;
import dev.signingsuite.gateway.audit.CadesSamples;
import dev.signingsuite.gateway.audit.SubmitterHeader;
import dev.signingsuite.testclock.TestClock;
import dev.signingsuite.testsupport.KafkaTestClients;
import dev.signingsuite.testsupport.TopicRecorder;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One document's audit trail end to end: the REST intake, then every later event as the other
 * stages write them, through the real broker into PostgreSQL, read back over the API. A record
 * delivered twice adds one row; a deliberate re-processing (signing-attempt 1) adds its own.
 */
class AuditTrailIT extends RunningGateway {

    private static final String SIGNATURE_VALUE = "the remote signer's value";

    @Test
    void oneDocumentsTrailNamesWhoDidWhatAndIsExportedPerBatch() throws Exception {
        JsonNode receipt = post(
                "/v1/documents",
                DEMO_KEY,
                Uploads.files("file", "audited.pdf")
                        .field("provider", "smartid")
                        .field("signer", "PNOEE-30303039914")
                        .field("clientReference", "audit-" + UUID.randomUUID()),
                202);
        String documentId = receipt.get("documentId").asString();
        // Smart-ID is of the interactive lane (ADR 16): the upload goes there, and the trail reads it.
        var record =
                recorder.await(TOPICS.documentReceived(Lane.INTERACTIVE).name(), r -> documentId.equals(r.key()), WAIT);
        assertThat(TopicRecorder.header(record, SubmitterHeader.NAME).orElseThrow())
                .contains("api-key ");
        DocumentReceived received = EventJson.read(record.value(), DocumentReceived.class);
        CadesSamples.Sample signature = CadesSamples.signature();

        send(
                TOPICS.signatureRequested().name(),
                documentId,
                Lifecycle.requested(received, "code-4927"),
                "requested",
                0);
        send(
                TOPICS.signatureReturned(Lane.INTERACTIVE).name(),
                documentId,
                returned(received, signature),
                "returned",
                0);
        send(
                TOPICS.signatureAugmented(Lane.INTERACTIVE).name(),
                documentId,
                augmented(received, signature),
                "augmented",
                0);
        send(TOPICS.documentFailed().name(), documentId, timestampUnavailable(received), "failed", 0);
        var assembled = Lifecycle.assembled(
                received,
                new BlobRef("fs:demo/" + "ab".repeat(32), 42, "application/vnd.etsi.asic-e+zip", "ab".repeat(32)),
                "audited.pdf.asice");
        send(TOPICS.containerAssembled().name(), documentId, assembled, "assembled", 1);
        send(TOPICS.containerAssembled().name(), documentId, assembled, "assembled", 1);

        JsonNode trail = Awaitility.await()
                .atMost(WAIT)
                .until(
                        () -> get("/v1/documents/" + documentId + "/audit", DEMO_KEY, 200),
                        t -> t.get("entries").size() >= 6);
        List<String> types = new ArrayList<>();
        trail.get("entries").forEach(e -> types.add(e.get("eventType").asString()));
        assertThat(types)
                .containsExactlyInAnyOrder(
                        "document-received",
                        "signature-requested",
                        "signature-returned",
                        "signature-augmented",
                        "document-failed",
                        "container-assembled");
        assertThat(entry(trail, "document-received").get("actor").asString()).startsWith("api-key ");
        assertThat(entry(trail, "document-received")
                        .get("details")
                        .get("signer")
                        .asString())
                .isEqualTo("PNOEE-30303039914");
        JsonNode returned = entry(trail, "signature-returned").get("details");
        assertThat(returned.get("signatureValueSha256").asString()).isEqualTo(sha256(SIGNATURE_VALUE.getBytes(UTF_8)));
        assertThat(returned.get("approvedBy").asString()).contains("Mari Maasikas");
        JsonNode augmented = entry(trail, "signature-augmented").get("details");
        assertThat(augmented.get("timestamps").get(0).get("serialNumber").asString())
                .isEqualTo("5eed");
        assertThat(augmented.get("timestamps").get(0).get("tsa").asString()).contains("Audit Test TSA");
        assertThat(augmented.get("ocspResponsesSha256").get(0).asString()).isEqualTo(sha256(signature.ocspResponse()));
        assertThat(entry(trail, "document-failed").get("details").get("reason").asString())
                .isEqualTo("TIMESTAMP_UNAVAILABLE");
        JsonNode container = entry(trail, "container-assembled");
        assertThat(container.get("attempt").asInt()).isEqualTo(1);
        assertThat(container.get("details").get("containerSha256").asString()).isEqualTo("ab".repeat(32));
        assertThat(trail.toString())
                .as("never the verification code, the document or the signature value itself")
                .doesNotContain("code-4927", "%PDF", SIGNATURE_VALUE);
        // Attempt 1 assembles what attempt 0 failed, whichever of the two the status consumers read first.
        awaitStatus(documentId, "ASSEMBLED");

        String batchId = received.batchId();
        String lines = http.get()
                .uri("/v1/batches/" + batchId + "/audit")
                .header("X-API-Key", DEMO_KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseBody();
        assertThat(lines.lines())
                .hasSize(6)
                .allSatisfy(
                        line -> assertThat(JSON.readTree(line).get("documentId").asString())
                                .isEqualTo(documentId));
        String csv = http.get()
                .uri("/v1/batches/" + batchId + "/audit?format=csv")
                .header("X-API-Key", DEMO_KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseBody();
        assertThat(csv.lines()).hasSize(7).first().asString().startsWith("occurred_at,");

        assertProblem(get("/v1/documents/" + documentId + "/audit", "other-key", 404), 404);
        assertProblem(get("/v1/batches/" + batchId + "/audit", "other-key", 404), 404);
    }

    private void send(String topic, String key, Object event, String id, int attempt) throws Exception {
        List<Header> headers = List.of(
                new RecordHeader("ce_id", (id + "-" + key).getBytes(UTF_8)),
                new RecordHeader("signing-attempt", Integer.toString(attempt).getBytes(UTF_8)));
        try (KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(broker.getBrokersAsString())) {
            producer.send(new ProducerRecord<>(topic, null, key, event, headers))
                    .get();
        }
    }

    private static JsonNode entry(JsonNode trail, String type) {
        for (JsonNode entry : trail.get("entries")) {
            if (entry.get("eventType").asString().equals(type)) {
                return entry;
            }
        }
        throw new AssertionError("no " + type + " in " + trail);
    }

    private static SignatureParameters parameters(DocumentReceived received, CadesSamples.Sample signature) {
        return new SignatureParameters(
                received.format(),
                received.level(),
                "SHA256",
                "ECDSA_SHA256",
                CadesSamples.AT,
                signature.signerCertificate(),
                List.of());
    }

    private static SignatureReturned returned(DocumentReceived received, CadesSamples.Sample signature) {
        return new SignatureReturned(
                SignatureReturned.SCHEMA_VERSION,
                received.documentId(),
                received.batchId(),
                received.tenantId(),
                received.clientReference(),
                received.signer(),
                received.files(),
                manifest(),
                parameters(received, signature),
                SIGNATURE_VALUE.getBytes(UTF_8),
                TestClock.now());
    }

    private static SignatureAugmented augmented(DocumentReceived received, CadesSamples.Sample signature) {
        return new SignatureAugmented(
                SignatureAugmented.SCHEMA_VERSION,
                received.documentId(),
                received.batchId(),
                received.tenantId(),
                received.clientReference(),
                received.files(),
                manifest(),
                parameters(received, signature),
                new SignatureArtifact("META-INF/signature001.p7s", signature.cms(), SignatureLevel.LT),
                TestClock.now());
    }

    private static DocumentFailed timestampUnavailable(DocumentReceived received) {
        Instant now = TestClock.now();
        return new DocumentFailed(
                DocumentFailed.SCHEMA_VERSION,
                received.documentId(),
                received.batchId(),
                received.tenantId(),
                received.clientReference(),
                FailureStage.AUGMENTATION,
                FailureReason.TIMESTAMP_UNAVAILABLE,
                "the TSA stayed down past the deadline",
                now);
    }

    private static Manifest manifest() {
        return new Manifest("META-INF/ASiCManifest.xml", "text/xml", "<ASiCManifest/>".getBytes(UTF_8));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
