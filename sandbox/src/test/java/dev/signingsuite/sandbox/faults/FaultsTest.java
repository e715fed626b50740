package dev.signingsuite.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import dev.signingsuite.sandbox.http.SandboxHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each fault kind, the outage window and the control endpoint, seen by a real HTTP client. */
class FaultsTest {

    static final AtomicLong nanos = new AtomicLong();
    static final Faults faults = new Faults(nanos::get, new SplittableRandom(16));
    static SandboxHttpServer server;
    static URI tsa;
    static URI control;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        server = SandboxHttpServer.bind("127.0.0.1", 0);
        server.register("/tsa", FaultsTest::ok, faults.filter(Simulator.TSA));
        server.register(Faults.CONTROL_PATH, faults.controlEndpoint());
        server.start();
        tsa = URI.create(server.baseUrl() + "/tsa");
        control = URI.create(server.baseUrl() + Faults.CONTROL_PATH);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clear() {
        faults.clear();
    }

    @Test
    void offByDefault() throws Exception {
        assertThat(faults.profile(Simulator.OCSP)).isEqualTo(FaultProfile.OFF);
        assertThat(get(tsa, Duration.ofSeconds(5)).statusCode()).isEqualTo(200);
    }

    @Test
    void statusFaults() throws Exception {
        for (var expected :
                List.of(new Object[] {Fault.HTTP_500, 500}, new Object[] {Fault.HTTP_503, 503}, new Object[] {
                    Fault.HTTP_429, 429
                })) {
            faults.set(Simulator.TSA, FaultProfile.of(1, (Fault) expected[0]));
            HttpResponse<String> response = get(tsa, Duration.ofSeconds(5));
            assertThat(response.statusCode()).isEqualTo(expected[1]);
            assertThat(response.body()).doesNotContain("ok");
        }
        assertThat(get(tsa, Duration.ofSeconds(5)).headers().firstValue("Retry-After"))
                .contains("1");
    }

    @Test
    void resetClosesWithoutAnAnswer() {
        faults.set(Simulator.TSA, FaultProfile.of(1, Fault.RESET));
        assertThatThrownBy(() -> get(tsa, Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void timeoutNeverAnswers() {
        faults.set(Simulator.TSA, FaultProfile.of(1, Fault.TIMEOUT));
        assertThatThrownBy(() -> get(tsa, Duration.ofMillis(200))).isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void slowAnswersLate() throws Exception {
        faults.set(Simulator.TSA, FaultProfile.slow(1, Duration.ofMillis(300)));
        assertThatThrownBy(() -> get(tsa, Duration.ofMillis(50))).isInstanceOf(HttpTimeoutException.class);
        HttpResponse<String> late = get(tsa, Duration.ofSeconds(5));
        assertThat(late.statusCode()).isEqualTo(200);
        assertThat(late.body()).isEqualTo("ok");
    }

    @Test
    void outageFailsEveryRequestForItsWindow() throws Exception {
        faults.outage(Simulator.TSA, Duration.ofMinutes(2));
        for (int i = 0; i < 6; i++) {
            assertThat(statusOrFailure(tsa)).isIn(503, -1);
        }
        assertThat(faults.active()).containsKey(Simulator.TSA);
        nanos.addAndGet(Duration.ofMinutes(2).minusMillis(1).toNanos());
        assertThat(statusOrFailure(tsa)).isIn(503, -1);
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(statusOrFailure(tsa)).isEqualTo(200);
    }

    @Test
    void shareHitsThatFractionOfRequests() {
        faults.set(Simulator.OCSP, FaultProfile.of(0.3, Fault.HTTP_503, Fault.TIMEOUT));
        int hits = 0;
        int timeouts = 0;
        for (int i = 0; i < 2000; i++) {
            var fault = faults.next(Simulator.OCSP);
            hits += fault.isPresent() ? 1 : 0;
            timeouts += fault.filter(Fault.TIMEOUT::equals).isPresent() ? 1 : 0;
        }
        assertThat(hits).isBetween(500, 700);
        assertThat(timeouts).isBetween(hits / 2 - 100, hits / 2 + 100);
        assertThat(faults.next(Simulator.TSA)).isEmpty();
    }

    @Test
    void controlEndpointSetsOutagesAndClears() throws Exception {
        HttpResponse<String> put = send("PUT", control.resolve(Faults.CONTROL_PATH + "/tsa"), """
                {"share":0.3,"kinds":["HTTP_503","TIMEOUT"],"slowBy":"PT2S"}""");
        assertThat(put.statusCode()).isEqualTo(204);
        assertThat(faults.profile(Simulator.TSA))
                .isEqualTo(new FaultProfile(0.3, List.of(Fault.HTTP_503, Fault.TIMEOUT), Duration.ofSeconds(2)));

        assertThat(send("POST", control.resolve(Faults.CONTROL_PATH + "/ocsp/outage?duration=PT2M"), "")
                        .statusCode())
                .isEqualTo(204);
        HttpResponse<String> active = send("GET", control, "");
        assertThat(active.body()).contains("\"TSA\"", "\"OCSP\"").doesNotContain("CSC");

        assertThat(send("DELETE", control, "").statusCode()).isEqualTo(204);
        assertThat(faults.active()).isEmpty();
    }

    @Test
    void controlEndpointRejectsWhatItCannotApply() throws Exception {
        assertThat(send("PUT", control.resolve(Faults.CONTROL_PATH + "/fax"), "{\"share\":1,\"kinds\":[\"HTTP_500\"]}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(send("PUT", control.resolve(Faults.CONTROL_PATH + "/tsa"), "{\"share\":2,\"kinds\":[\"HTTP_500\"]}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(send("PUT", control.resolve(Faults.CONTROL_PATH + "/tsa"), "{\"share\":1}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(send("POST", control.resolve(Faults.CONTROL_PATH + "/tsa/outage"), "")
                        .statusCode())
                .isEqualTo(400);
        assertThat(faults.active()).isEmpty();
    }

    private int statusOrFailure(URI uri) throws InterruptedException {
        try {
            return get(uri, Duration.ofSeconds(5)).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private HttpResponse<String> get(URI uri, Duration timeout) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri)
                        .timeout(timeout)
                        .POST(BodyPublishers.ofString("query"))
                        .build(),
                BodyHandlers.ofString());
    }

    // A control request only has to end: a short timeout on a loaded machine (the time-shifted run,
    // load average 40) gave up on requests the server then applied during the next test.
    private HttpResponse<String> send(String method, URI uri, String body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(60))
                        .method(method, BodyPublishers.ofString(body))
                        .header("Content-Type", "application/json")
                        .build(),
                BodyHandlers.ofString());
    }

    private static void ok(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
