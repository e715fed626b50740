package dev.signingsuite.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.sandbox.Sandbox;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Documents of the CSC simulator's {@code oauth2code} credential ({@code sandbox-seal-oauth}),
 * uploaded over the gateway's REST API, wait for a person's approval instead of failing; the
 * gateway's {@code /operator/csc} page lists the group with an "Approve 10 documents" link; both
 * redirect legs pass through the gateway only (the simulator's test user approves at once); then
 * all ten are signed with one signHash under the approval's credential token and assembled into
 * valid containers, without any {@code credentials/authorize}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CscCredentialApprovalIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int DOCUMENTS = 10;
    private static final Pattern APPROVE =
            Pattern.compile("href=\"(/operator/csc/approvals/[^\"]+)\">Approve (\\d+) documents");

    @TempDir
    static Path work;

    private ConfigurableApplicationContext suite;
    private Sandbox sandbox;
    private URI gateway;

    @BeforeAll
    void startSuite() {
        suite = StandaloneApplication.start(SuiteArguments.onFreePorts(
                work.resolve("data"), "--standalone.services.log-level=WARN", "--standalone.ready-banner=false"));
        sandbox = suite.getBean(Sandbox.class);
        gateway = URI.create("http://127.0.0.1:" + port("gateway") + "/");
    }

    @AfterAll
    void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void tenDocumentsWaitForOneApprovalThroughTheGatewayAndAreSignedWithOneSignHash() throws Exception {
        sandbox.csc().resetCounters();
        Map<String, Path> originals = new LinkedHashMap<>();
        for (int i = 1; i <= DOCUMENTS; i++) {
            Path original = Files.writeString(
                    work.resolve("approval-%02d.xml".formatted(i)),
                    "<Invoice><ID>approval-%d</ID></Invoice>\n".formatted(i));
            originals.put(upload(original), original);
        }

        // All ten wait in one pending approval; none fails while no one has approved.
        Matcher link = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> {
                            Matcher matcher =
                                    APPROVE.matcher(get("operator/csc").body());
                            return matcher.find() ? matcher : null;
                        },
                        matcher -> matcher != null && matcher.group(2).equals(Integer.toString(DOCUMENTS)));
        JsonNode pending = JSON.readTree(HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port("provider-csc") + "/csc/approvals"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).get("subject").stringValue()).isEqualTo("sandbox-seal-oauth");
        assertThat(pending.get(0).get("documentIds").valueStream().map(JsonNode::stringValue))
                .containsExactlyInAnyOrderElementsOf(originals.keySet());
        assertThat(pending.get(0).toString()).doesNotContain("token");
        // Handed back at least once more meanwhile (approval-recheck 5 s): still waiting, none failed.
        Thread.sleep(6_000);
        for (String id : originals.keySet()) {
            JsonNode waiting = status(id);
            assertThat(waiting.get("status").stringValue())
                    .as(waiting.toString())
                    .isEqualTo("AWAITING_PERSON");
            assertThat(waiting.get("awaiting").get("provider").stringValue()).isEqualTo("csc");
            assertThat(waiting.get("awaiting").get("signer").stringValue()).isEqualTo("sandbox-seal-oauth");
            assertThat(waiting.get("awaiting").get("what").stringValue()).contains("approval");
        }
        assertThat(sandbox.csc().calls("signatures/signHash")).isZero();

        // The browser: gateway -> (provider-csc) -> the service's oauth2/authorize with scope=credential.
        HttpResponse<String> start = get(link.group(1).substring(1));
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        Map<String, String> query = query(authorize);
        assertThat(authorize.toString()).startsWith(sandbox.cscBaseUrl() + "/oauth2/authorize?");
        assertThat(query)
                .containsEntry("scope", "credential")
                .containsEntry("credentialID", "sandbox-seal-oauth")
                .containsEntry("numSignatures", Integer.toString(DOCUMENTS))
                .containsEntry("hashAlgorithmOID", "2.16.840.1.101.3.4.2.1")
                .containsEntry("code_challenge_method", "S256")
                .containsKey("code_challenge")
                .containsKey("state");
        assertThat(query.get("hashes").split(",")).hasSize(DOCUMENTS).doesNotHaveDuplicates();

        HttpResponse<String> approved =
                HTTP.send(HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(approved.statusCode()).isEqualTo(302);
        URI redirect = URI.create(approved.headers().firstValue("Location").orElseThrow());
        assertThat(redirect.getPort()).isEqualTo(gateway.getPort());
        assertThat(redirect.getPath()).isEqualTo("/csc/callback");
        HttpResponse<String> callback =
                HTTP.send(HttpRequest.newBuilder(redirect).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(303);
        assertThat(callback.headers().firstValue("Location")).contains("/operator/csc");
        assertThat(HTTP.send(HttpRequest.newBuilder(redirect).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("a replayed callback")
                .isEqualTo(400);

        ContainerChecks checks = new ContainerChecks(sandbox.trustAnchorPem());
        List<String> assembled = new ArrayList<>();
        for (Map.Entry<String, Path> document : originals.entrySet()) {
            String id = document.getKey();
            JsonNode done = awaitEnd(id);
            assertThat(done.get("status").stringValue()).as(done.toString()).isEqualTo("ASSEMBLED");
            Path container = work.resolve(id + ".asice");
            HttpResponse<Path> download = HTTP.send(
                    request("v1/documents/" + id + "/container").build(), HttpResponse.BodyHandlers.ofFile(container));
            assertThat(download.statusCode()).isEqualTo(200);
            checks.assertValidWithDss(container, document.getValue(), SignatureLevel.B);
            assembled.add(id);
        }
        assertThat(assembled).hasSize(DOCUMENTS);
        assertThat(sandbox.csc().authorizations("sandbox-seal-oauth"))
                .as("one credential-scope authorisation")
                .isEqualTo(1);
        assertThat(sandbox.csc().signHashSizes("sandbox-seal-oauth"))
                .as("one signHash for the approved group")
                .containsExactly(DOCUMENTS);
        assertThat(sandbox.csc().calls("credentials/authorize")).isZero();
        assertThat(get("operator/csc").body()).doesNotContain("Approve ");
    }

    private String upload(Path file) throws Exception {
        return new GatewayRequests(gateway)
                .upload(
                        file.getFileName().toString(),
                        Files.readString(file),
                        "provider=csc&signer=sandbox-seal-oauth&level=B");
    }

    private JsonNode awaitEnd(String id) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    last[0] = status(id);
                    String status = last[0].get("status").stringValue();
                    return status.equals("FAILED") || status.equals("ASSEMBLED");
                });
        return last[0];
    }

    private JsonNode status(String id) throws Exception {
        return new GatewayRequests(gateway).status(id);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], URLDecoder.decode(parts[1], UTF_8));
        }
        return query;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(gateway.resolve(path)).header("X-API-Key", "demo-key");
    }

    private int port(String service) {
        return suite.getBean(SuiteServices.class).running().stream()
                .filter(r -> r.name().equals(service))
                .findFirst()
                .orElseThrow()
                .port();
    }
}
