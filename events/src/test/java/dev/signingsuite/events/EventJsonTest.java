package dev.signingsuite.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class EventJsonTest {

    @Test
    void toleratesUnknownFieldsAndUnknownFailureReasons() {
        ObjectNode failed = (ObjectNode) Golden.tree(Golden.bytes("document-failed"));
        failed.put("reason", "QUANTUM_DECOHERENCE");
        failed.put("addedInV1_7", "ignored");
        failed.putObject("nested").put("x", 1);

        DocumentFailed read = EventJson.read(EventJson.mapper().writeValueAsBytes(failed), DocumentFailed.class);

        assertThat(read.reason()).isEqualTo(FailureReason.UNKNOWN);
        assertThat(read.stage()).isEqualTo(FailureStage.PROVIDER);
    }

    @Test
    void intakeDefaultsFormatAndLevel() {
        ObjectNode submitted = (ObjectNode) Golden.tree(Golden.bytes("document-submitted"));
        submitted.remove("format");
        submitted.remove("level");
        submitted.remove("batchId");

        DocumentSubmitted read =
                EventJson.read(EventJson.mapper().writeValueAsBytes(submitted), DocumentSubmitted.class);

        assertThat(read.format()).isEqualTo(SignatureFormat.ASIC_E_CADES);
        assertThat(read.level()).isEqualTo(SignatureLevel.LT);
        assertThat(read.batchId()).isNull();
    }

    @Test
    void writesInstantsAsIsoStringsAndOmitsNulls() {
        DocumentFailed failed = new DocumentFailed(
                1,
                "doc-1",
                "batch-1",
                "acme",
                null,
                FailureStage.GATEWAY,
                FailureReason.INVALID_FILE_NAME,
                "file name must not start with '/'",
                Instant.parse("2025-01-02T03:04:05Z"));

        String json = new String(EventJson.write(failed), StandardCharsets.UTF_8);

        assertThat(json)
                .contains("\"failedAt\":\"2025-01-02T03:04:05Z\"")
                .doesNotContain("clientReference")
                .startsWith("{\"schemaVersion\":1,\"documentId\":\"doc-1\"");
    }

    @Test
    void writesProvidersInLowercase() {
        String json = new String(EventJson.write(new SignerRef(Provider.EPARAKSTS, "qsealc")), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"provider\":\"eparaksts\",\"identity\":\"qsealc\"}");
        assertThat(EventJson.read(json.getBytes(StandardCharsets.UTF_8), SignerRef.class)
                        .provider())
                .isEqualTo(Provider.EPARAKSTS);
    }

    @Test
    void aPdfRevisionCarriesItsVisibleSealAndAnInvisibleOneWritesNone() {
        Instant signed = Instant.parse("2026-01-02T03:04:05Z");
        PdfRevision visible = new PdfRevision(
                signed, "SHA256", new byte[32], new VisibleSeal("Sealed by Demo Ltd", 2, 40, 50, 220, 48));

        PdfRevision read = EventJson.read(EventJson.write(visible), PdfRevision.class);

        assertThat(read.visibleSeal()).isEqualTo(visible.visibleSeal());
        assertThat(new String(EventJson.write(new PdfRevision(signed, "SHA256", new byte[32])), StandardCharsets.UTF_8))
                .doesNotContain("visibleSeal");
        assertThat(EventJson.read(EventJson.write(new PdfRevision(signed, "SHA256", new byte[32])), PdfRevision.class)
                        .visibleSeal())
                .isNull();
        assertThatThrownBy(() -> new VisibleSeal("Sealed", 0, 0, 0, 10, 10)).hasMessageContaining("page");
        assertThatThrownBy(() -> new VisibleSeal(" ", 1, 0, 0, 10, 10)).hasMessageContaining("text");
    }

    @Test
    void invariantViolationsNameTheTypeAndTheField() {
        ObjectNode failed = (ObjectNode) Golden.tree(Golden.bytes("document-failed"));
        failed.remove("message");

        assertThatThrownBy(() -> EventJson.read(EventJson.mapper().writeValueAsBytes(failed), DocumentFailed.class))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("DocumentFailed")
                .hasMessageContaining("message is required");
    }

    @Test
    void malformedJsonFailsWithoutEchoingThePayload() {
        byte[] payload = "{\"content\": SECRETDOCUMENTCONTENTSECRETDOCUMENTCONTENT".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EventJson.read(payload, DocumentSubmitted.class))
                .isInstanceOf(EventFormatException.class)
                .hasMessageStartingWith("Cannot read DocumentSubmitted: ")
                .hasMessageNotContaining("SECRETDOCUMENTCONTENTSECRETDOCUMENTCONTENT");
    }

    @Test
    void rejectsEmptyPayloads() {
        assertThatThrownBy(() -> EventJson.read(new byte[0], DocumentFailed.class))
                .isInstanceOf(EventFormatException.class)
                .hasMessage("Cannot read DocumentFailed: empty payload");
    }
}
