package dev.signingsuite.sandbox.csc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.sandbox.SharedPki;
import dev.signingsuite.sandbox.http.SandboxHttpServer;
import dev.signingsuite.testclock.MutableClock;
import dev.signingsuite.testclock.TestClock;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A running simulator with the full default catalogue on a free port, and a plain java.net.http
 * client that talks to it as a CSC client would: JSON, forms, Bearer and Basic headers, redirects
 * read from {@code Location} (never followed).
 */
final class CscHttp implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final MutableClock clock = TestClock.startingAt(SharedPki.FIXED_NOW);
    final SandboxHttpServer server;
    final CscSimulator simulator;
    final URI base;

    CscHttp(CscSettings settings) throws Exception {
        server = SandboxHttpServer.bind("127.0.0.1", 0);
        simulator = new CscSimulator(server.baseUrl(), SharedPki.fixed(), settings, clock);
        server.register(CscSimulator.CONTEXT, simulator);
        server.start();
        base = URI.create(server.baseUrl() + CscSimulator.CONTEXT + "/");
    }

    @Override
    public void close() {
        server.close();
    }

    String serviceToken() throws Exception {
        return ok(form(
                        "oauth2/token",
                        "grant_type=client_credentials&client_id=sandbox-client&client_secret=sandbox-secret"))
                .get("access_token")
                .stringValue();
    }

    HttpResponse<byte[]> call(String method, String json, String bearer) throws Exception {
        return post(method, "application/json", json, bearer == null ? null : "Bearer " + bearer);
    }

    HttpResponse<byte[]> form(String method, String body) throws Exception {
        return post(method, "application/x-www-form-urlencoded", body, null);
    }

    HttpResponse<byte[]> post(String method, String contentType, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(method))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> get(String pathAndQuery) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The query parameters of a 302's Location. */
    static Map<String, String> redirectQuery(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(new String(response.body(), UTF_8)).isEqualTo(302);
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        Map<String, String> query = new HashMap<>();
        query.put("#base", location.getScheme() + "://" + location.getAuthority() + location.getPath());
        for (String pair : location.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(
                    URLDecoder.decode(pair.substring(0, eq), UTF_8), URLDecoder.decode(pair.substring(eq + 1), UTF_8));
        }
        return query;
    }

    static JsonNode ok(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(new String(response.body(), UTF_8)).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static void assertError(HttpResponse<byte[]> response, int status, String error, String description) {
        JsonNode body = JSON.readTree(response.body());
        assertThat(response.statusCode()).as(body.toString()).isEqualTo(status);
        assertThat(body.get("error").stringValue()).isEqualTo(error);
        assertThat(body.get("error_description").stringValue()).isEqualTo(description);
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.values().forEach(node -> texts.add(node.stringValue()));
        return texts;
    }

    static byte[] digest(String algorithm, byte[] data) throws Exception {
        return MessageDigest.getInstance(algorithm).digest(data);
    }

    static String b64(byte[] value) {
        return Base64.getEncoder().encodeToString(value);
    }

    static String json(Object value) {
        return JSON.writeValueAsString(value);
    }
}
