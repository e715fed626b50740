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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A CSC API v2 client for hash signing. The service's {@code info} (asked once) decides how the
 * service token is obtained: OAuth 2.0 client credentials at {@code info.oauth2}, or {@code
 * auth/login} with HTTP Basic; the token is cached until shortly before it expires, renewed once
 * when refused, and revoked at {@link #close()}. Credentials are described by {@code
 * credentials/info} once each and cached; {@code credentials/authorize} takes the factors of an
 * explicit credential and, for SCAL 2, the hashes the SAD is bound to; {@code signatures/signHash}
 * signs many hashes under one SAD. Errors come out as {@link CscCallException}; retrying is the
 * caller's choice, because a retried signHash needs a fresh SAD.
 */
public final class CscClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Logger log = LoggerFactory.getLogger(CscClient.class);

    private final HttpClient http;
    private final CscProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final AccessTokens tokens;
    private final CircuitBreaker breaker;
    private final Map<String, CscCredential> credentials = new ConcurrentHashMap<>();
    private volatile ServiceInfo info;
    private volatile ServiceInfo.ServiceAuth tokenKind;
    private volatile OperatorAuthorisation operator;

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

    /**
     * The service's {@code info}, asked once. A service that does not implement it (404, 405, 501)
     * is assumed to take client credentials at {@code baseUrl} and to offer every method.
     */
    public ServiceInfo info() {
        ServiceInfo known = info;
        if (known == null) {
            synchronized (this) {
                if (info == null) {
                    info = askInfo();
                }
                known = info;
            }
        }
        return known;
    }

    private ServiceInfo askInfo() {
        HttpRequest request = HttpRequest.newBuilder(properties.methodUrl("info"))
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        try {
            CscWire.InfoResponse answer = send("info", request, CscWire.InfoResponse.class);
            return new ServiceInfo(
                    answer.specs(),
                    answer.name(),
                    answer.authType(),
                    answer.oauth2(),
                    answer.methods(),
                    answer.signAlgorithms() == null
                            ? List.of()
                            : answer.signAlgorithms().algos());
        } catch (CscCallException e) {
            if (e.status() == 404 || e.status() == 405 || e.status() == 501) {
                return ServiceInfo.ASSUMED;
            }
            throw e;
        }
    }

    /** The default credential if it has been described already; never calls the service (gauges). */
    public Optional<CscCredential> resolvedCredential() {
        return Optional.ofNullable(credentials.get(properties.credentialId()));
    }

    /** The default credential ({@code signing.csc.credential-id}). */
    public CscCredential credential() {
        return credential(properties.credentialId());
    }

    /** The credential, described by the service on first use and cached afterwards. */
    public CscCredential credential(String credentialId) {
        CscCredential known = credentials.get(credentialId);
        if (known != null) {
            return known;
        }
        // Not computeIfAbsent: a failed description must not be cached, nor block other credentials.
        CscCredential described = describe(credentialId);
        CscCredential raced = credentials.putIfAbsent(credentialId, described);
        return raced == null ? described : raced;
    }

    /** The credential ids {@code credentials/list} names for this client's token. */
    public List<String> listCredentials() {
        CscWire.ListResponse answer =
                call("credentials/list", new CscWire.ListRequest(null, null, null, null), CscWire.ListResponse.class);
        if (answer.credentialIds() == null) {
            throw unreadable("credentials/list", "no credentialIDs in the answer");
        }
        return List.copyOf(answer.credentialIds());
    }

    /** A SAD of the default credential for {@code numSignatures} signatures (RSSP-managed: no factors). */
    public Sad authorize(int numSignatures) {
        return authorize(properties.credentialId(), numSignatures, null, null, List.of());
    }

    /**
     * A SAD for {@code numSignatures} signatures.
     *
     * @param hashes the digests the SAD is bound to (SCAL 2), or null (SCAL 1)
     * @param hashAlgorithmOid their digest algorithm, with {@code hashes}
     * @param factors the values of an explicit credential's factors; empty for an implicit one
     */
    public Sad authorize(
            String credentialId,
            int numSignatures,
            List<byte[]> hashes,
            String hashAlgorithmOid,
            List<Factor> factors) {
        Base64.Encoder base64 = Base64.getEncoder();
        CscWire.AuthorizeResponse answer = call(
                "credentials/authorize",
                new CscWire.AuthorizeRequest(
                        credentialId,
                        numSignatures,
                        hashes == null
                                ? null
                                : hashes.stream().map(base64::encodeToString).toList(),
                        hashes == null ? null : hashAlgorithmOid,
                        factors.stream()
                                .map(f -> new CscWire.AuthData(f.id(), f.value()))
                                .toList(),
                        null),
                CscWire.AuthorizeResponse.class);
        if (answer.sad() == null || answer.sad().isBlank()) {
            throw unreadable("credentials/authorize", "no SAD in the answer");
        }
        long expiresIn = answer.expiresIn() == null ? 3600 : answer.expiresIn();
        return new Sad(
                credentialId, answer.sad(), numSignatures, clock.instant().plusSeconds(expiresIn));
    }

    /**
     * Asks the service to send the credential's one-time password to its holder: v1's {@code
     * credentials/sendOTP}, or v2's {@code credentials/getChallenge} for the factor {@code
     * otpObjectId}, whichever {@code info} lists. Does nothing when the service offers neither.
     */
    public void sendOtp(String credentialId, String otpObjectId) {
        if (info().methods().contains("credentials/sendOTP")) {
            call("credentials/sendOTP", new CscWire.CredentialRequest(credentialId), Void.class);
        } else if (info().methods().contains("credentials/getChallenge")) {
            call("credentials/getChallenge", new CscWire.ChallengeRequest(credentialId, otpObjectId), Void.class);
        }
    }

    /** Signatures over {@code hashes}, in the same order; the service must answer one per hash. */
    public List<byte[]> signHash(Sad sad, List<byte[]> hashes, CscCredential.HashSigning algorithm) {
        Base64.Encoder base64 = Base64.getEncoder();
        CscWire.SignHashResponse answer = call(
                "signatures/signHash",
                new CscWire.SignHashRequest(
                        sad.credentialId(),
                        sad.value(),
                        hashes.stream().map(base64::encodeToString).toList(),
                        algorithm.hashAlgorithmOid(),
                        algorithm.signAlgo(),
                        algorithm.signAlgoParams()),
                CscWire.SignHashResponse.class);
        return signatures(answer, hashes.size());
    }

    private static List<byte[]> signatures(CscWire.SignHashResponse answer, int expected) {
        if (answer.signatures() == null || answer.signatures().size() != expected) {
            throw unreadable(
                    "signatures/signHash",
                    (answer.signatures() == null ? 0 : answer.signatures().size()) + " signatures for " + expected
                            + " hashes");
        }
        try {
            return answer.signatures().stream().map(Base64.getDecoder()::decode).toList();
        } catch (IllegalArgumentException e) {
            throw unreadable("signatures/signHash", "a signature is not base64");
        }
    }

    /**
     * The {@code oauth2/authorize} URL a person's browser is sent to: PKCE S256, and for {@code
     * scope=credential} the credential, the number of signatures and (SCAL 2) the hashes, base64url
     * and comma-separated as the specification has them in the query.
     */
    public URI authorizationUrl(AuthorizationRequest request) {
        StringBuilder query = new StringBuilder("response_type=code&client_id=")
                .append(encode(properties.clientId()))
                .append("&redirect_uri=")
                .append(encode(request.redirectUri().toString()))
                .append("&scope=")
                .append(request.credentialId() == null ? "service" : "credential")
                .append("&code_challenge=")
                .append(encode(request.codeChallenge()))
                .append("&code_challenge_method=S256&state=")
                .append(encode(request.state()));
        if (request.credentialId() != null) {
            query.append("&credentialID=")
                    .append(encode(request.credentialId()))
                    .append("&numSignatures=")
                    .append(request.numSignatures());
            if (request.hashes() != null) {
                Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
                query.append("&hashes=")
                        .append(encode(String.join(
                                ",",
                                request.hashes().stream()
                                        .map(url::encodeToString)
                                        .toList())))
                        .append("&hashAlgorithmOID=")
                        .append(encode(request.hashAlgorithmOid()));
            }
        }
        return URI.create(oauth2Url("oauth2/authorize") + "?" + query);
    }

    /** Exchanges an authorisation code (PKCE verifier, the same redirect URI) for tokens. */
    public Grant exchangeCode(String code, String codeVerifier, URI redirectUri) {
        return grant("grant_type=authorization_code&code=" + encode(code) + "&code_verifier=" + encode(codeVerifier)
                + "&redirect_uri=" + encode(redirectUri.toString()));
    }

    /** New tokens for a {@code scope=service} refresh token. */
    public Grant refresh(String refreshToken) {
        return grant("grant_type=refresh_token&refresh_token=" + encode(refreshToken));
    }

    /** {@code oauth2/revoke} of a token ({@code access_token} or {@code refresh_token}). */
    public void revoke(String token, String tokenTypeHint) {
        String form = "token=" + encode(token) + "&token_type_hint=" + encode(tokenTypeHint) + "&client_id="
                + encode(properties.clientId()) + "&client_secret=" + encode(properties.clientSecret());
        send("oauth2/revoke", formRequest(oauth2Url("oauth2/revoke"), form), Void.class);
    }

    /**
     * Signatures under a {@code scope=credential} token instead of a SAD: the token goes in the
     * Authorization header and {@code SAD} is left out (CSC API v2 section 8.2).
     */
    public List<byte[]> signHash(
            Grant credentialGrant, String credentialId, List<byte[]> hashes, CscCredential.HashSigning algorithm) {
        Base64.Encoder base64 = Base64.getEncoder();
        byte[] json = JSON.writeValueAsBytes(new CscWire.SignHashRequest(
                credentialId,
                null,
                hashes.stream().map(base64::encodeToString).toList(),
                algorithm.hashAlgorithmOid(),
                algorithm.signAlgo(),
                algorithm.signAlgoParams()));
        CscWire.SignHashResponse answer = send(
                "signatures/signHash",
                jsonRequest("signatures/signHash", json, credentialGrant.accessToken()),
                CscWire.SignHashResponse.class);
        return signatures(answer, hashes.size());
    }

    /**
     * Uses a service authorisation a person gave (authorisation code, {@code scope=service}) instead
     * of client credentials or {@code auth/login}.
     */
    public void useOperatorAuthorisation(OperatorAuthorisation authorisation) {
        this.operator = authorisation;
        tokens.clear();
    }

    /** The person's service authorisation this client uses, if any. */
    public Optional<OperatorAuthorisation> operatorAuthorisation() {
        return Optional.ofNullable(operator);
    }

    private Grant grant(String form) {
        String authenticated = form + "&client_id=" + encode(properties.clientId()) + "&client_secret="
                + encode(properties.clientSecret());
        Instant asked = clock.instant();
        CscWire.TokenResponse answer = send(
                "oauth2/token", formRequest(oauth2Url("oauth2/token"), authenticated), CscWire.TokenResponse.class);
        if (answer.accessToken() == null || answer.accessToken().isBlank()) {
            throw unreadable("oauth2/token", "no access_token in the answer");
        }
        long expiresIn = answer.expiresIn() == null ? 3600 : answer.expiresIn();
        return new Grant(
                answer.accessToken(), answer.refreshToken(), asked.plusSeconds(expiresIn), answer.credentialId());
    }

    /**
     * Revokes the service token, if one was obtained and the service offers revocation ({@code
     * oauth2/revoke}, or {@code auth/revoke} after {@code auth/login}). Failures are only logged:
     * the token expires anyway.
     */
    @Override
    public void close() {
        OperatorAuthorisation given = operator;
        if (given != null) {
            tokens.clear();
            given.revoke();
            return;
        }
        Optional<String> token = tokens.current();
        if (token.isEmpty() || info == null) {
            return;
        }
        tokens.clear();
        try {
            if (tokenKind == ServiceInfo.ServiceAuth.CLIENT_CREDENTIALS
                    && info.methods().contains("oauth2/revoke")) {
                String form = "token=" + encode(token.get()) + "&token_type_hint=access_token&client_id="
                        + encode(properties.clientId()) + "&client_secret=" + encode(properties.clientSecret());
                send("oauth2/revoke", formRequest(oauth2Url("oauth2/revoke"), form), Void.class);
            } else if (tokenKind == ServiceInfo.ServiceAuth.LOGIN
                    && info.methods().contains("auth/revoke")) {
                send(
                        "auth/revoke",
                        jsonRequest("auth/revoke", JSON.writeValueAsBytes(Map.of("token", token.get())), token.get()),
                        Void.class);
            }
        } catch (CscCallException e) {
            log.info("Could not revoke the CSC service token: {}", e.getMessage());
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
        List<CscCredential.AuthObject> objects = new ArrayList<>();
        if (info.auth() != null && info.auth().objects() != null) {
            for (CscWire.AuthObject object : info.auth().objects()) {
                if (object.id() != null) {
                    objects.add(new CscCredential.AuthObject(object.id(), object.type()));
                }
            }
        }
        int scal;
        try {
            scal = info.scal() == null ? 1 : Integer.parseInt(info.scal().trim());
        } catch (NumberFormatException e) {
            throw unreadable("credentials/info", "SCAL " + info.scal() + " is neither 1 nor 2");
        }
        try {
            return new CscCredential(
                    credentialId,
                    chain.get(0),
                    chain.subList(1, chain.size()),
                    info.key().algo() == null ? List.of() : info.key().algo(),
                    info.multisign() == null ? 1 : info.multisign(),
                    "enabled".equals(info.key().status()),
                    info.cert().status(),
                    authMode(info, objects),
                    scal,
                    objects);
        } catch (IllegalArgumentException e) {
            throw unreadable("credentials/info", e.getMessage());
        }
    }

    /** v2 {@code auth.mode}; v1 {@code authMode}; an explicit credential with no factors is RSSP-managed. */
    private static CscCredential.AuthMode authMode(
            CscWire.CredentialInfo info, List<CscCredential.AuthObject> objects) {
        String mode =
                info.auth() != null && info.auth().mode() != null ? info.auth().mode() : info.authMode();
        if ("oauth2code".equals(mode)) {
            return CscCredential.AuthMode.OAUTH2CODE;
        }
        if ("explicit".equals(mode) && !objects.isEmpty()) {
            return CscCredential.AuthMode.EXPLICIT;
        }
        return CscCredential.AuthMode.IMPLICIT;
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

    private HttpRequest formRequest(URI url, String form) {
        return HttpRequest.newBuilder(url)
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
    }

    private URI oauth2Url(String path) {
        return URI.create(properties.oauth2Base(info().oauth2()) + "/" + path);
    }

    /** A service token the way {@code info.authType} allows. */
    private AccessTokens.Token fetchToken() {
        OperatorAuthorisation given = operator;
        if (given != null) {
            tokenKind = null;
            Grant grant = given.serviceGrant();
            return new AccessTokens.Token(
                    grant.accessToken(),
                    AccessTokens.renewAt(
                            clock.instant(),
                            Math.max(
                                    1,
                                    Duration.between(clock.instant(), grant.expiresAt())
                                            .toSeconds()),
                            properties.tokenRefreshMargin()));
        }
        ServiceInfo.ServiceAuth kind = info().serviceAuth();
        tokenKind = kind;
        Instant asked = clock.instant();
        String accessToken;
        Long expiresIn;
        switch (kind) {
            case CLIENT_CREDENTIALS -> {
                String form = "grant_type=client_credentials&client_id=" + encode(properties.clientId())
                        + "&client_secret=" + encode(properties.clientSecret());
                CscWire.TokenResponse answer =
                        send("oauth2/token", formRequest(oauth2Url("oauth2/token"), form), CscWire.TokenResponse.class);
                if (answer.tokenType() != null && !"Bearer".equalsIgnoreCase(answer.tokenType())) {
                    throw unreadable("oauth2/token", "token_type " + answer.tokenType() + " is not Bearer");
                }
                accessToken = answer.accessToken();
                expiresIn = answer.expiresIn();
            }
            case LOGIN -> {
                String basic = Base64.getEncoder()
                        .encodeToString((properties.clientId() + ":" + properties.clientSecret()).getBytes(UTF_8));
                HttpRequest request = HttpRequest.newBuilder(properties.methodUrl("auth/login"))
                        .timeout(properties.requestTimeout())
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .header("Authorization", "Basic " + basic)
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build();
                CscWire.LoginResponse answer = send("auth/login", request, CscWire.LoginResponse.class);
                accessToken = answer.accessToken();
                expiresIn = answer.expiresIn();
            }
            default ->
                throw new CscCallException(
                        "info",
                        200,
                        "unsupported_auth_type",
                        "the service offers authType " + info().authTypes()
                                + "; provider-csc authenticates with oauth2client or basic (auth/login)",
                        null);
        }
        if (accessToken == null || accessToken.isBlank()) {
            throw unreadable(kind == ServiceInfo.ServiceAuth.LOGIN ? "auth/login" : "oauth2/token", "no access_token");
        }
        long lifetime = expiresIn == null ? 3600 : expiresIn;
        return new AccessTokens.Token(
                accessToken, AccessTokens.renewAt(asked, lifetime, properties.tokenRefreshMargin()));
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
            if (answerType == Void.class && (response.statusCode() == 204 || response.statusCode() == 200)) {
                return null;
            }
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
        if (status == 200 || status == 204) {
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
    public record Sad(String credentialId, String value, int numSignatures, Instant expiresAt) {

        @Override
        public String toString() {
            return "Sad[credentialID=" + credentialId + ", numSignatures=" + numSignatures + ", expiresAt=" + expiresAt
                    + "]";
        }
    }

    /**
     * Tokens from the OAuth 2.0 token endpoint. Never logged.
     *
     * @param refreshToken only for {@code scope=service}, else null
     * @param credentialId the credential a {@code scope=credential} token is for, when the service says
     */
    public record Grant(String accessToken, String refreshToken, Instant expiresAt, String credentialId) {

        @Override
        public String toString() {
            return "Grant[expiresAt=" + expiresAt + ", refreshable=" + (refreshToken != null) + ", credentialID="
                    + credentialId + "]";
        }
    }

    /**
     * What a person is asked to authorise at {@code oauth2/authorize}.
     *
     * @param credentialId null for {@code scope=service}; else {@code scope=credential} for it
     * @param hashes the hashes a SCAL 2 credential's token is bound to, or null
     */
    public record AuthorizationRequest(
            URI redirectUri,
            String state,
            String codeChallenge,
            String credentialId,
            int numSignatures,
            List<byte[]> hashes,
            String hashAlgorithmOid) {

        public static AuthorizationRequest service(URI redirectUri, String state, String codeChallenge) {
            return new AuthorizationRequest(redirectUri, state, codeChallenge, null, 0, null, null);
        }
    }

    /** The value of one factor of an explicit credential ({@code PIN}, {@code OTP}). Never logged. */
    public record Factor(String id, String value) {

        @Override
        public String toString() {
            return "Factor[id=" + id + "]";
        }
    }
}
