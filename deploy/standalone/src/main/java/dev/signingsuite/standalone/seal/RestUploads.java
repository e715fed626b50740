package dev.signingsuite.standalone.seal;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignerRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Files sent to the gateway's {@code POST /v1/batches} as a tenant's REST client does: an e-service
 * sending a person's document, or {@code seal --one-container} sending a folder as one container.
 */
public final class RestUploads {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI gateway;
    private final String apiKey;
    private final HttpClient http = HttpClient.newHttpClient();

    public RestUploads(URI gateway, String apiKey) {
        this.gateway = gateway;
        this.apiKey = apiKey;
    }

    /**
     * @param format null for the gateway's default
     * @param container {@code single} for one container of every file, null for one document each
     */
    HttpResponse<String> upload(
            List<Path> inputs, SignerRef signer, SignatureLevel level, SignatureFormat format, String container)
            throws IOException {
        String boundary = "seal-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Path input : inputs) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                            + input.getFileName() + "\"\r\nContent-Type: " + Sealer.mediaType(input) + "\r\n\r\n")
                    .getBytes(UTF_8));
            body.write(Files.readAllBytes(input));
            body.write("\r\n".getBytes(UTF_8));
        }
        field(body, boundary, "provider", signer.provider().id());
        field(body, boundary, "signer", signer.identity());
        field(body, boundary, "level", level.name().toUpperCase(Locale.ROOT));
        if (format != null) {
            field(body, boundary, "format", format.name());
        }
        if (container != null) {
            field(body, boundary, "container", container);
        }
        body.write(("--" + boundary + "--\r\n").getBytes(UTF_8));
        try {
            return http.send(
                    HttpRequest.newBuilder(gateway.resolve("/v1/batches"))
                            .header("X-API-Key", apiKey)
                            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while uploading", e);
        }
    }

    /** The first document's id of an accepted upload. */
    static String firstDocumentId(HttpResponse<String> accepted) {
        return JSON.readTree(accepted.body())
                .path("documents")
                .get(0)
                .path("documentId")
                .asString();
    }

    /** What the gateway said when it refused an upload. */
    static String refusal(HttpResponse<String> refused) {
        JsonNode problem = JSON.readTree(refused.body());
        return refused.statusCode() + ": " + problem.path("detail").asString();
    }

    private static void field(ByteArrayOutputStream body, String boundary, String name, String value)
            throws IOException {
        body.write(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                        .getBytes(UTF_8));
    }
}
