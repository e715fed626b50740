package dev.signingsuite.provider.csc.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.DSSUtils;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small CSC API v2 client for hash signing with one credential: OAuth 2.0 client credentials
 * (token cached until shortly before it expires, renewed once when refused), {@code
 * credentials/info} (resolved once and cached), {@code credentials/authorize} and {@code
 * signatures/signHash}. Errors come out as {@link CscCallException}; retrying is the caller's
 * choice, because a retried signHash needs a fresh SAD.
 */
public final class CscClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final CscProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final AccessTokens tokens;
    private final CircuitBreaker breaker;
    private volatile CscCredential credential;

    /** A client with its own, unregistered circuit breaker (tests). */
    public CscClient(HttpClient http, CscProperties properties, Clock clock, MeterRegistry meters) {
        this(http, properties, clock, meters, CircuitBreaker.of("csc", breakerConfig()));
    }

    /**
     * @param breaker opened by transient failures only (no answer, 429, 5xx); while it is open every
     *     call fails at once as a transient {@code circuit_open} error, without touching the service
     */
    public CscClient(
            HttpClient http, CscProperties properties, Clock clock, MeterRegistry meters, CircuitBreaker breaker) {
        this.http = http;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.breaker = breaker;
        this.tokens = new AccessTokens(this::fetchToken, clock);
    }

    /**
     * Opens when half of the last 20 calls (at least 10) failed transiently; tries again after 30 s
     * with 2 calls. A refusal (4xx) means the service is up, so it never counts as a failure.
     */
    public static CircuitBreakerConfig breakerConfig() {
        return CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(30))
                .permittedNumberOfCallsInHalfOpenState(2)
                .recordException(e -> e instanceof CscCallException call && call.isTransient())
                .build();
    }

    /** The credential if it has been described already; never calls the service (for gauges). */
    public Optional<CscCredential> resolvedCredential() {
        return Optional.ofNullable(credential);
    }

    /** The configured credential, described by the service on first use and cached afterwards. */
    public CscCredential credential() {
        CscCredential resolved = credential;
        if (resolved == null) {
            synchronized (this) {
                if (credential == null) {
                    credential = describe(properties.credentialId());
                }
                resolved = credential;
            }
        }
        return resolved;
    }

    /** A SAD for {@code numSignatures} signatures (RSSP-managed authorisation: no factors to send). */
    public Sad authorize(int numSignatures) {
        CscWire.AuthorizeResponse answer = call(
                "credentials/authorize",
                new CscWire.AuthorizeRequest(properties.credentialId(), numSignatures, List.of(), null),
                CscWire.AuthorizeResponse.class);
        if (answer.sad() == null || answer.sad().isBlank()) {
            throw unreadable("credentials/authorize", "no SAD in the answer");
        }
        long expiresIn = answer.expiresIn() == null ? 3600 : answer.expiresIn();
        return new Sad(answer.sad(), numSignatures, clock.instant().plusSeconds(expiresIn));
    }

    /** Signatures over {@code hashes}, in the same order; the service must answer one per hash. */
    public List<byte[]> signHash(Sad sad, List<byte[]> hashes, CscCredential.HashSigning algorithm) {
        Base64.Encoder base64 = Base64.getEncoder();
        CscWire.SignHashResponse answer = call(
                "signatures/signHash",
                new CscWire.SignHashRequest(
                        properties.credentialId(),
                        sad.value(),
                        hashes.stream().map(base64::encodeToString).toList(),
                        algorithm.hashAlgorithmOid(),
                        algorithm.signAlgo()),
                CscWire.SignHashResponse.class);
        if (answer.signatures() == null || answer.signatures().size() != hashes.size()) {
            throw unreadable(
                    "signatures/signHash",
                    (answer.signatures() == null ? 0 : answer.signatures().size()) + " signatures for " + hashes.size()
                            + " hashes");
        }
        try {
            return answer.signatures().stream().map(Base64.getDecoder()::decode).toList();
        } catch (IllegalArgumentException e) {
            throw unreadable("signatures/signHash", "a signature is not base64");
        }
    }

    private CscCredential describe(String credentialId) {
        CscWire.CredentialInfo info = call(
                "credentials/info",
                new CscWire.CredentialInfoRequest(credentialId, "chain", true, true),
                CscWire.CredentialInfo.class);
        if (info.key() == null
                || info.cert() == null
                || info.cert().certificates() == null
                || info.cert().certificates().isEmpty()) {
            throw unreadable("credentials/info", "no key or certificate chain");
        }
        List<CertificateToken> chain;
        try {
            chain = info.cert().certificates().stream()
                    .map(b64 -> DSSUtils.loadCertificate(Base64.getDecoder().decode(b64)))
                    .toList();
        } catch (RuntimeException e) {
            throw new CscCallException(
                    "credentials/info", 200, "unreadable_answer", "a certificate is not base64 DER", e);
        }
        return new CscCredential(
                credentialId,
                chain.get(0),
                chain.subList(1, chain.size()),
                info.key().algo() == null ? List.of() : info.key().algo(),
                info.multisign() == null ? 1 : info.multisign(),
                "enabled".equals(info.key().status()),
                info.cert().status());
    }

    /** A JSON method with the service token; a refused token is replaced once. */
    private <T> T call(String method, Object body, Class<T> answerType) {
        byte[] json = JSON.writeValueAsBytes(body);
        String token = tokens.get();
        try {
            return send(method, jsonRequest(method, json, token), answerType);
        } catch (CscCallException e) {
            if (!e.isUnauthorized()) {
                throw e;
            }
            tokens.invalidate(token);
            return send(method, jsonRequest(method, json, tokens.get()), answerType);
        }
    }

    private HttpRequest jsonRequest(String method, byte[] json, String token) {
        return HttpRequest.newBuilder(properties.methodUrl(method))
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build();
    }

    private AccessTokens.Token fetchToken() {
        String form = "grant_type=client_credentials&client_id=" + encode(properties.clientId()) + "&client_secret="
                + encode(properties.clientSecret());
        URI tokenUrl = properties.tokenUrl();
        HttpRequest request = HttpRequest.newBuilder(tokenUrl)
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        Instant asked = clock.instant();
        CscWire.TokenResponse answer = send("oauth2/token", request, CscWire.TokenResponse.class);
        if (answer.accessToken() == null || answer.accessToken().isBlank()) {
            throw unreadable("oauth2/token", "no access_token in the answer");
        }
        if (answer.tokenType() != null && !"Bearer".equalsIgnoreCase(answer.tokenType())) {
            throw unreadable("oauth2/token", "token_type " + answer.tokenType() + " is not Bearer");
        }
        long expiresIn = answer.expiresIn() == null ? 3600 : answer.expiresIn();
        return new AccessTokens.Token(
                answer.accessToken(), AccessTokens.renewAt(asked, expiresIn, properties.tokenRefreshMargin()));
    }

    private <T> T send(String method, HttpRequest request, Class<T> answerType) {
        try {
            return breaker.executeSupplier(() -> sendOnce(method, request, answerType));
        } catch (CallNotPermittedException e) {
            Timer.builder("signing.provider.requests")
                    .tag("provider", "csc")
                    .tag("operation", method)
                    .tag("outcome", "circuit_open")
                    .register(meters)
                    .record(Duration.ZERO);
            throw new CscCallException(
                    method, 0, "circuit_open", "circuit breaker " + breaker.getName() + " is open", e);
        }
    }

    private <T> T sendOnce(String method, HttpRequest request, Class<T> answerType) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "io_error";
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            outcome = outcome(response.statusCode());
            if (response.statusCode() != 200) {
                throw error(method, response);
            }
            try {
                return Objects.requireNonNull(JSON.readValue(response.body(), answerType), "empty body");
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
            sample.stop(Timer.builder("signing.provider.requests")
                    .tag("provider", "csc")
                    .tag("operation", method)
                    .tag("outcome", outcome)
                    .register(meters));
        }
    }

    private static CscCallException error(String method, HttpResponse<byte[]> response) {
        try {
            CscWire.ErrorResponse error = JSON.readValue(response.body(), CscWire.ErrorResponse.class);
            if (error != null && error.error() != null) {
                return new CscCallException(
                        method, response.statusCode(), error.error(), error.errorDescription(), null);
            }
        } catch (JacksonException e) {
            // Not the CSC error format (a proxy's HTML page, say): reported by status alone.
        }
        return new CscCallException(method, response.statusCode(), "http_" + response.statusCode(), null, null);
    }

    private static String outcome(int status) {
        if (status == 200) {
            return "success";
        }
        if (status == 401) {
            return "unauthorized";
        }
        return status >= 500 || status == 429 ? "server_error" : "client_error";
    }

    private static CscCallException unreadable(String method, String why) {
        return new CscCallException(method, 200, "unreadable_answer", why, null);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, UTF_8);
    }

    /** A credential authorisation: the SAD and how many signatures it covers. Never logged. */
    public record Sad(String value, int numSignatures, Instant expiresAt) {

        @Override
        public String toString() {
            return "Sad[numSignatures=" + numSignatures + ", expiresAt=" + expiresAt + "]";
        }
    }
}
