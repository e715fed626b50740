package dev.signingsuite.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * What a client meets at the door: file names that hide what they are, the gateway's own upload
 * limits, and errors raised before the gateway's code runs, every one of them problem+json.
 */
class FrontDoorIT extends RunningGateway {

    /** signing.gateway.authentication.failures in RunningGateway. */
    private static final int FAILURES = 50;

    private static final Map<String, String> FIELDS = Map.of("provider", "csc", "signer", "sandbox-seal");

    @Test
    void invisibleFormatCharactersAndInvalidUtf8InAFileNameAreRefusedByCodePoint() {
        Map<String, String> refused = Map.of(
                "invoice\u202Egpj.exe", "U+202E",
                "\uFEFFinvoice.pdf", "U+FEFF",
                "in\u200Bvoice.pdf", "U+200B",
                "isolate\u2066d.pdf", "U+2066");
        refused.forEach((name, codePoint) -> {
            JsonNode problem = postHandWritten(name.getBytes(UTF_8), "", 400);
            assertProblem(problem, 400);
            assertThat(problem.get("reason").asString()).isEqualTo("INVALID_FILE_NAME");
            assertThat(problem.get("detail").asString()).contains(codePoint).contains("file 1 of 1");
        });

        byte[] invalid = {'a', (byte) 0xC3, '(', '.', 'p', 'd', 'f'};
        JsonNode problem = postHandWritten(invalid, "", 400);
        assertThat(problem.get("reason").asString()).isEqualTo("INVALID_FILE_NAME");
        assertThat(problem.get("detail").asString()).contains("not valid UTF-8").contains("U+FFFD");

        // A name beyond ASCII that shows what it is stays welcome.
        postHandWritten("läbi_ööd_Ūdens.pdf".getBytes(UTF_8), "", 202);
    }

    @Test
    void aThousandFilesAreOneUploadAndOneMoreIsRefusedWithTheLimit() {
        String[] names =
                IntStream.rangeClosed(1, 1000).mapToObj(i -> "f" + i + ".pdf").toArray(String[]::new);
        // One container of one-byte files: the limits under test are the upload's, and one document
        // instead of a thousand keeps the test to seconds (both modes pass the same checks first).
        Uploads thousand = new Uploads("files");
        for (int i = 0; i < names.length; i++) {
            thousand.add(names[i], new byte[] {(byte) i});
        }
        JsonNode accepted = post(
                "/v1/batches",
                DEMO_KEY,
                thousand.field("provider", "csc")
                        .field("signer", "sandbox-seal")
                        .field("container", "single"),
                202);
        assertThat(accepted.get("documents").get(0).get("files")).hasSize(1000);

        String[] oneMore = Arrays.copyOf(names, 1001);
        oneMore[1000] = "f1001.pdf";
        for (String container : new String[] {"per-document", "single"}) {
            Uploads tooMany = Uploads.files("files", oneMore)
                    .field("provider", "csc")
                    .field("signer", "sandbox-seal")
                    .field("container", container);
            JsonNode problem = post("/v1/batches", DEMO_KEY, tooMany, 400);
            assertThat(problem.get("detail").asString()).as(container).contains("at most 1000 files, not 1001");
        }
    }

    @Test
    void aLongFileNameOrPartHeaderIsRefusedWithTheLimitNotAsTooLarge() {
        JsonNode longName = post(
                "/v1/documents",
                DEMO_KEY,
                Uploads.files("file", "n".repeat(400) + ".pdf")
                        .field("provider", "csc")
                        .field("signer", "sandbox-seal"),
                400);
        assertThat(longName.get("reason").asString()).isEqualTo("INVALID_FILE_NAME");
        assertThat(longName.get("detail").asString()).contains("file 1 of 1").contains("at most 255 UTF-8 bytes");

        JsonNode bigHeader =
                postHandWritten("ok.pdf".getBytes(UTF_8), "X-Padding: " + "p".repeat(5 * 1024) + "\r\n", 400);
        assertThat(bigHeader.get("detail").asString()).contains("file 1 of 1").contains("at most 2048");

        JsonNode hugeHeader =
                postHandWritten("ok.pdf".getBytes(UTF_8), "X-Padding: " + "p".repeat(20 * 1024) + "\r\n", 400);
        assertThat(hugeHeader.get("detail").asString())
                .contains("over 8192 bytes")
                .contains("at most 2048");
    }

    @Test
    void whatTomcatRefusesBeforeTheGatewayRunsIsProblemJson() {
        RawHttp.Answer bigKey = RawHttp.send(
                port,
                "GET /v1/batches/" + UUID.randomUUID() + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
                        + "k".repeat(100 * 1024) + "\r\nConnection: close\r\n\r\n",
                new byte[0]);
        assertRawProblem(bigKey, 400);

        StringBuilder many = new StringBuilder("GET /v1/batches/x HTTP/1.1\r\nHost: localhost\r\n");
        IntStream.range(0, 200).forEach(i -> many.append("X-H").append(i).append(": v\r\n"));
        RawHttp.Answer manyHeaders =
                RawHttp.send(port, many.append("Connection: close\r\n\r\n").toString(), new byte[0]);
        assertRawProblem(manyHeaders, 400);
    }

    @Test
    void aBodyCutOffHalfWayIsProblemJson() {
        String boundary = "b-" + UUID.randomUUID();
        byte[] whole = Uploads.handWritten(boundary, "file", "cut.pdf", FIELDS);
        byte[] half = Arrays.copyOf(whole, whole.length / 2);
        RawHttp.Answer answer = RawHttp.send(
                port,
                "POST /v1/documents HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + DEMO_KEY
                        + "\r\nContent-Type: multipart/form-data; boundary=" + boundary
                        + "\r\nContent-Length: " + half.length + "\r\nConnection: close\r\n\r\n",
                half);
        JsonNode problem = assertRawProblem(answer, 400);
        assertThat(problem.get("detail").asString()).contains("multipart body cannot be read");
    }

    @Test
    void unknownPathsMethodsAndMediaTypesAreProblemJson() {
        assertProblem(get("/v1/nowhere", DEMO_KEY, 404), 404);
        assertProblem(get("/nowhere", null, 404), 404);
        assertProblem(
                read(
                        http.delete()
                                .uri("/v1/documents")
                                .header("X-API-Key", DEMO_KEY)
                                .exchange(),
                        405),
                405);
        assertProblem(
                read(
                        http.post()
                                .uri("/v1/documents")
                                .header("X-API-Key", DEMO_KEY)
                                .contentType(MediaType.APPLICATION_JSON)
                                .body("{}")
                                .exchange(),
                        415),
                415);
    }

    @Test
    void anUnknownValueNamesTheValuesThereAre() {
        JsonNode provider = post(
                "/v1/documents",
                DEMO_KEY,
                Uploads.files("file", "a.pdf").field("provider", "docusign").field("signer", "x"),
                400);
        assertThat(provider.get("detail").asString())
                .contains("docusign")
                .contains("smartid, eparaksts, csc or onetime");

        JsonNode level = post(
                "/v1/documents",
                DEMO_KEY,
                Uploads.files("file", "a.pdf")
                        .field("provider", "csc")
                        .field("signer", "sandbox-seal")
                        .field("level", "XL"),
                400);
        assertThat(level.get("detail").asString()).contains("XL").contains("B, T, LT or LTA");

        JsonNode unknown = post(
                "/v1/documents",
                DEMO_KEY,
                Uploads.files("file", "a.pdf")
                        .field("provider", "csc")
                        .field("signer", "sandbox-seal")
                        .field("format", "CADES_DETACHED"),
                400);
        assertThat(unknown.get("detail").asString())
                .contains("CADES_DETACHED")
                .contains("ASIC_E_CADES, ASIC_E_XADES or PADES");
    }

    @Test
    void repeatedFailedKeysAreRefusedWith429PerAddressAndPerKeyId() {
        String keyId = "probe-" + UUID.randomUUID();
        for (int i = 0; i < FAILURES; i++) {
            assertRawProblem(wrongKey("127.0.0.5", keyId + ".guess-" + i), 401);
        }

        RawHttp.Answer limited = wrongKey("127.0.0.5", DEMO_KEY);
        JsonNode problem = assertRawProblem(limited, 429);
        assertThat(problem.get("detail").asString()).contains("try again");
        assertThat(Long.parseLong(limited.retryAfter())).isPositive();

        assertRawProblem(wrongKey("127.0.0.6", keyId + ".from-elsewhere"), 429);
        assertRawProblem(wrongKey("127.0.0.6", "unrelated.guess"), 401);
    }

    private RawHttp.Answer wrongKey(String clientAddress, String key) {
        return RawHttp.send(
                clientAddress,
                port,
                "GET /v1/batches/" + UUID.randomUUID() + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + key
                        + "\r\nConnection: close\r\n\r\n",
                new byte[0]);
    }

    private JsonNode postHandWritten(byte[] fileName, String extraHeaders, int expectedStatus) {
        String boundary = "b-" + UUID.randomUUID();
        var response = http.post()
                .uri("/v1/documents")
                .contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary))
                .header("X-API-Key", DEMO_KEY)
                .body(Uploads.handWritten(boundary, "file", fileName, extraHeaders, FIELDS))
                .exchange();
        return read(response, expectedStatus);
    }

    private static JsonNode assertRawProblem(RawHttp.Answer answer, int status) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode problem = JSON.readTree(answer.body());
        assertProblem(problem, status);
        return problem;
    }
}
