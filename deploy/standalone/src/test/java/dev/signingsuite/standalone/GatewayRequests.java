package dev.signingsuite.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The gateway's REST API as the end-to-end ITs drive it: the demo tenant's uploads and statuses. */
final class GatewayRequests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI gateway;

    /** @param gateway the gateway's base URL, ending in {@code /} */
    GatewayRequests(URI gateway) {
        this.gateway = gateway;
    }

    /**
     * {@code POST /v1/documents?query} of one XML file; asserts 202.
     *
     * @return the document id
     */
    String upload(String fileName, String content, String query) throws Exception {
        String boundary = "----suite" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/xml\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> response = HTTP.send(
                request("v1/documents?" + query)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofString(body, UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).get("documentId").stringValue();
    }

    /** {@code GET /v1/documents/{id}}; asserts 200. */
    JsonNode status(String id) throws Exception {
        HttpResponse<String> response = get("v1/documents/" + id);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The status once it is {@code expected}; fails at once when the document ends otherwise. */
    JsonNode awaitStatus(String id, String expected, Duration atMost) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = status(id);
            String status = last[0].get("status").stringValue();
            if (!status.equals(expected) && (status.equals("FAILED") || status.equals("ASSEMBLED"))) {
                throw new AssertionError("document ended " + status + ", expected " + expected + ": " + last[0]);
            }
            return status.equals(expected);
        });
        return last[0];
    }

    /** {@code GET path} (relative to the gateway) with the demo tenant's API key. */
    HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(gateway.resolve(path)).header("X-API-Key", "demo-key");
    }
}
