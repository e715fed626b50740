package dev.signingsuite.provider.csc.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.messaging.SigningMeters;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One HTTP exchange with the CSC service: a POST, its answer read into a {@link CscWire} record or
 * its error mapped to a {@link CscCallException}, behind the circuit breaker and timed as {@code
 * signing.provider.requests{provider="csc"}}. No retries here: a retried signHash needs a fresh SAD,
 * so retrying is the caller's choice.
 */
final class CscTransport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROVIDER = "csc";

    private final HttpClient http;
    private final CscProperties properties;
    private final MeterRegistry meters;
    private final CircuitBreaker breaker;

    CscTransport(HttpClient http, CscProperties properties, MeterRegistry meters, CircuitBreaker breaker) {
        this.http = http;
        this.properties = properties;
        this.meters = meters;
        this.breaker = breaker;
    }

    /**
     * Opens when half of the last 20 calls (at least 10) failed transiently; tries again after 30 s
     * with 2 calls. A refusal (4xx) means the service is up, so it never counts as a failure.
     */
    static CircuitBreakerConfig breakerConfig() {
        return CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(30))
                .permittedNumberOfCallsInHalfOpenState(2)
                .recordException(e -> e instanceof CscCallException call && call.isTransient())
                .build();
    }

    static byte[] json(Object body) {
        return JSON.writeValueAsBytes(body);
    }

    /** The body of a method without parameters ({@code info}, {@code auth/login}): an empty object. */
    static byte[] noParameters() {
        return "{}".getBytes(UTF_8);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, UTF_8);
    }

    /**
     * A JSON POST to a method under {@code baseUrl}.
     *
     * @param authorization the Authorization header ({@code Bearer …}, {@code Basic …}), or null
     */
    HttpRequest jsonRequest(String method, byte[] body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(properties.methodUrl(method))
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** A form POST: the OAuth 2.0 endpoints, which live under their own base. */
    HttpRequest formRequest(URI url, String form) {
        return formRequest(url, form, null);
    }

    /** @param authorization the Authorization header (client authentication by Basic), or null */
    HttpRequest formRequest(URI url, String form, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    /**
     * The answer as {@code answerType}; {@code Void.class} takes 200 or 204 with any body.
     *
     * @throws CscCallException {@code circuit_open} at once, without a request, while the breaker is open
     */
    <T> T send(String method, HttpRequest request, Class<T> answerType) {
        return sendAnswered(method, request, answerType, false).body();
    }

    /**
     * The status with the answer: with {@code accepted} true a 202 is an answer too ("still going
     * on": {@code credentials/authorize} with a handle, {@code signatures/signPolling}), its body
     * read as {@code answerType} where it can be, else null.
     */
    <T> Answered<T> sendAnswered(String method, HttpRequest request, Class<T> answerType, boolean accepted) {
        try {
            return breaker.executeSupplier(() -> sendOnce(method, request, answerType, accepted));
        } catch (CallNotPermittedException e) {
            SigningMeters.providerRequests(meters, PROVIDER, method, "circuit_open")
                    .record(Duration.ZERO);
            throw new CscCallException(
                    method, 0, "circuit_open", "circuit breaker " + breaker.getName() + " is open", e);
        }
    }

    private <T> Answered<T> sendOnce(String method, HttpRequest request, Class<T> answerType, boolean accepted) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "io_error";
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            outcome = outcome(status);
            if (answerType == Void.class && (status == 204 || status == 200)) {
                return new Answered<>(status, null);
            }
            if (accepted && status == 202) {
                outcome = "success";
                return new Answered<>(status, readOrNull(response.body(), answerType));
            }
            // 201: a pushed authorisation request (RFC 9126 section 2.2).
            if (status != 200 && status != 201) {
                throw error(method, response);
            }
            try {
                return new Answered<>(
                        status, Objects.requireNonNull(JSON.readValue(response.body(), answerType), "empty body"));
            } catch (JacksonException | NullPointerException e) {
                outcome = "unreadable_answer";
                throw new CscCallException(method, 200, "unreadable_answer", "not the expected JSON", e);
            }
        } catch (IOException e) {
            throw new CscCallException(method, 0, "io_error", e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CscCallException(method, 0, "interrupted", null, e);
        } finally {
            sample.stop(SigningMeters.providerRequests(meters, PROVIDER, method, outcome));
        }
    }

    /** A 202's body: the specification gives one to authorize ({@code handle}) but not to signPolling. */
    private static <T> T readOrNull(byte[] body, Class<T> answerType) {
        try {
            return body.length == 0 ? null : JSON.readValue(body, answerType);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** An HTTP status and the answer read from its body (null for none). */
    record Answered<T>(int status, T body) {

        boolean accepted() {
            return status == 202;
        }
    }

    private static CscCallException error(String method, HttpResponse<byte[]> response) {
        Duration retryAfter = retryAfter(response);
        try {
            CscWire.ErrorResponse error = JSON.readValue(response.body(), CscWire.ErrorResponse.class);
            if (error != null && error.error() != null) {
                return new CscCallException(
                        method, response.statusCode(), error.error(), error.errorDescription(), null, retryAfter);
            }
        } catch (JacksonException e) {
            // Not the CSC error format (a proxy's HTML page, say): reported by status alone.
        }
        return new CscCallException(
                method, response.statusCode(), "http_" + response.statusCode(), null, null, retryAfter);
    }

    /**
     * {@code Retry-After} in delta-seconds (RFC 9110 section 10.2.3); an HTTP-date is not read, so
     * the caller's own backoff applies.
     */
    private static Duration retryAfter(HttpResponse<byte[]> response) {
        if (response.statusCode() != 429 && response.statusCode() != 503) {
            return null;
        }
        return response.headers()
                .firstValue("Retry-After")
                .filter(value -> value.trim().matches("\\d{1,9}"))
                .map(value -> Duration.ofSeconds(Long.parseLong(value.trim())))
                .orElse(null);
    }

    private static String outcome(int status) {
        if (status == 200 || status == 204) {
            return "success";
        }
        if (status == 401) {
            return "unauthorized";
        }
        return status >= 500 || status == 429 ? "server_error" : "client_error";
    }
}
