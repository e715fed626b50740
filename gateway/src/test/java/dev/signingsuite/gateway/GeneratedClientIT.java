package dev.signingsuite.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.gateway.client.ApiClient;
import dev.signingsuite.gateway.client.ApiException;
import dev.signingsuite.gateway.client.api.StatusControllerApi;
import dev.signingsuite.gateway.client.api.UploadControllerApi;
import dev.signingsuite.gateway.client.model.DocumentAccepted;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A client that openapi-generator writes (generate-test-sources) from the checked-in description
 * src/test/resources/openapi/gateway.json drives upload, status and download; and the checked-in
 * description is the one the gateway serves, so the client is generated from what the API says.
 */
class GeneratedClientIT extends RunningGateway {

    static final String CHECKED_IN = "/openapi/gateway.json";

    @TempDir
    Path files;

    @Test
    void aGeneratedClientUploadsFollowsAndDownloads() throws Exception {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + port);
        client.setRequestInterceptor(request -> request.header("X-API-Key", DEMO_KEY));
        UploadControllerApi uploads = new UploadControllerApi(client);
        StatusControllerApi status = new StatusControllerApi(client);
        Path file = Files.writeString(files.resolve("generated.pdf"), "%PDF-1.7 generated");

        DocumentAccepted accepted =
                uploads.document(file.toFile(), "csc", "sandbox-seal", "LT", "ASIC_E_CADES", null, null);
        String documentId = accepted.getDocumentId();
        assertThat(status.document1(documentId).getStatus()).hasToString("RECEIVED");
        ApiException notYet = catchThrowableOfType(ApiException.class, () -> status.container(documentId));
        assertThat(notYet.getCode()).isEqualTo(404);
        assertThat(notYet.getResponseBody()).contains("no container yet");

        DocumentReceived received = EventJson.read(
                recorder.await(TOPICS.documentReceived().name(), r -> documentId.equals(r.key()), WAIT)
                        .value(),
                DocumentReceived.class);
        byte[] container = ("PK\u0003\u0004 generated " + documentId).getBytes(UTF_8);
        BlobRef stored =
                blobs.put("demo", new ByteArrayInputStream(container), "application/vnd.etsi.asic-e+zip", 1 << 20);
        publish(
                TOPICS.containerAssembled().name(),
                documentId,
                Lifecycle.assembled(received, stored, "generated.asice"));
        awaitStatus(documentId, "ASSEMBLED");

        assertThat(Files.readAllBytes(status.container(documentId).toPath())).isEqualTo(container);
        ApiException refused = catchThrowableOfType(
                ApiException.class,
                () -> uploads.document(file.toFile(), "csc", "no-such-seal", null, null, null, null));
        assertThat(refused.getCode()).isEqualTo(403);
        assertThat(refused.getResponseBody()).contains("SIGNER_NOT_ALLOWED");
    }

    @Test
    void theCheckedInDescriptionIsTheServedOne() throws IOException {
        // Where it runs is not part of the description a client is generated from.
        JsonNode served = ((tools.jackson.databind.node.ObjectNode) get("/v3/api-docs", null, 200)).without("servers");
        JsonNode checkedIn;
        try (InputStream in = GeneratedClientIT.class.getResourceAsStream(CHECKED_IN)) {
            checkedIn = in == null ? null : JSON.readTree(new String(in.readAllBytes(), UTF_8));
        }
        if (!served.equals(checkedIn)) {
            Path copy = Path.of("target", "openapi-served.json");
            Files.writeString(copy, served.toPrettyString() + "\n");
            assertThat(checkedIn)
                    .as("the served description changed: copy " + copy.toAbsolutePath()
                            + " to gateway/src/test/resources" + CHECKED_IN)
                    .isEqualTo(served);
        }
    }
}
