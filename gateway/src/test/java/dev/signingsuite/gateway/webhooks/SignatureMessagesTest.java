package dev.signingsuite.gateway.webhooks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.ContentDigest;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.ValidationSummary;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The bodies a webhook receives about a digest signature: the signature API's terms, byte for byte. */
class SignatureMessagesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");
    private static final String ID = "0b6f1c3e-9a4d-4f57-8d1e-2c3b4a5d6e7f";

    @Test
    void aSignedSignatureIsSignatureReadyWithItsFetchUrl() {
        ContainerAssembled assembled = new ContainerAssembled(
                ContainerAssembled.SCHEMA_VERSION,
                ID,
                ID,
                "demo",
                null,
                new BlobRef("s3://containers/" + ID, 1200, "application/pkcs7-signature", "a".repeat(64)),
                "document.p7s",
                List.of(new DataFile("document", null, new ContentDigest("SHA256", new byte[32]))),
                new ValidationSummary("TOTAL_PASSED", null, AT, "Sandbox Seal", SignatureLevel.LT),
                AT);

        assertThat(SignatureMessages.type(assembled)).isEqualTo("signature.ready");
        String body = OutcomeNotices.body(
                SignatureMessages.type(assembled), assembled.assembledAt(), SignatureMessages.data(assembled));
        assertThat(body)
                .isEqualTo("{\"type\":\"signature.ready\",\"timestamp\":\"2026-01-02T03:04:05Z\",\"data\":"
                        + "{\"signatureId\":\"" + ID + "\",\"tenantId\":\"demo\",\"status\":\"SIGNED\","
                        + "\"statusUrl\":\"/v1/signatures/" + ID + "\","
                        + "\"signatureUrl\":\"/v1/signatures/" + ID + "/signature\"}}");
        // Nothing of the container, which an e-service that sent a digest never sees.
        assertThat(body).doesNotContain("s3://", "document.p7s", "containerName");
    }

    @Test
    void aFailedSignatureIsSignatureFailedWithTheReasonAndNoFetchUrl() {
        DocumentFailed failed = new DocumentFailed(
                DocumentFailed.SCHEMA_VERSION,
                ID,
                ID,
                "demo",
                null,
                FailureStage.PROVIDER,
                FailureReason.USER_REFUSED,
                "the person \"refused\"",
                AT);

        assertThat(SignatureMessages.type(failed)).isEqualTo("signature.failed");
        JsonNode data = JSON.readTree(new String(SignatureMessages.data(failed), UTF_8));
        assertThat(data.get("signatureId").asString()).isEqualTo(ID);
        assertThat(data.get("status").asString()).isEqualTo("FAILED");
        assertThat(data.has("signatureUrl")).isFalse();
        assertThat(data.get("failure").get("stage").asString()).isEqualTo("PROVIDER");
        assertThat(data.get("failure").get("reason").asString()).isEqualTo("USER_REFUSED");
        // escaped as JSON, not pasted into it
        assertThat(data.get("failure").get("message").asString()).isEqualTo("the person \"refused\"");
    }

    @Test
    void theIdIsTheSameOnEveryRetryAndDiffersPerEndpoint() {
        String key = "document/" + ID + "/ASSEMBLED/0";
        assertThat(OutcomeNotices.messageId("https://a.example/hook", key))
                .isEqualTo(OutcomeNotices.messageId("https://a.example/hook", key))
                .isNotEqualTo(OutcomeNotices.messageId("https://a.example/other", key))
                .matches("msg_[0-9a-f]{32}");
    }
}
