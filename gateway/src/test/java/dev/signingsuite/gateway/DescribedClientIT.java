package dev.signingsuite.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.EventJson;
import java.io.ByteArrayInputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Upload, status and download driven by a client that knows the API only from its description. */
class DescribedClientIT extends RunningGateway {

    @Test
    void aClientBuiltFromTheServedDescriptionUploadsFollowsAndDownloads() throws Exception {
        DescribedClient client = new DescribedClient(get("/v3/api-docs", null, 200), http, DEMO_KEY);
        byte[] content = "%PDF-1.7 described".getBytes(UTF_8);

        DescribedClient.Answer accepted = client.upload(
                "/v1/documents",
                Map.of("provider", "csc", "signer", "sandbox-seal", "level", "LT", "format", "ASIC_E_CADES"),
                "file",
                "described.pdf",
                content);
        assertThat(accepted.status()).isEqualTo(202);
        String documentId = JSON.readTree(accepted.body()).get("documentId").asString();

        DescribedClient.Answer status = client.get("/v1/documents/{documentId}", Map.of("documentId", documentId));
        assertThat(status.status()).isEqualTo(200);
        assertThat(JSON.readTree(status.body()).get("status").asString()).isEqualTo("RECEIVED");
        DescribedClient.Answer notYet =
                client.get("/v1/documents/{documentId}/container", Map.of("documentId", documentId));
        assertThat(notYet.status()).isEqualTo(404);

        DocumentReceived received = EventJson.read(
                recorder.await(TOPICS.documentReceived().name(), r -> documentId.equals(r.key()), WAIT)
                        .value(),
                DocumentReceived.class);
        byte[] container = ("PK\u0003\u0004 described " + documentId).getBytes(UTF_8);
        BlobRef stored =
                blobs.put("demo", new ByteArrayInputStream(container), "application/vnd.etsi.asic-e+zip", 1 << 20);
        publish(
                TOPICS.containerAssembled().name(),
                documentId,
                Lifecycle.assembled(received, stored, "described.asice"));
        awaitStatus(documentId, "ASSEMBLED");

        DescribedClient.Answer download =
                client.get("/v1/documents/{documentId}/container", Map.of("documentId", documentId));
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(container);

        DescribedClient.Answer refused = client.upload(
                "/v1/documents", Map.of("provider", "csc", "signer", "no-such-seal"), "file", "x.pdf", content);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).hasToString("application/problem+json");
    }
}
