package dev.signingsuite.provider.csc.client;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A CSC API v2 client for hash signing. The service's {@code info} (asked once) decides how the
 * service token is obtained: OAuth 2.0 client credentials at {@code info.oauth2}, or {@code
 * auth/login} with HTTP Basic; the token is cached until shortly before it expires, renewed once
 * when refused, and revoked at {@link #close()}. Credentials are described by {@code
 * credentials/info} once each and cached; {@code credentials/authorize} takes the factors of an
 * explicit credential and, for SCAL 2, the hashes the SAD is bound to; {@code signatures/signHash}
 * signs many hashes under one SAD. Errors come out as {@link CscCallException}; retrying is the
 * caller's choice, because a retried signHash needs a fresh SAD.
 *
 * <p>The work is done by one package-private class per concern: {@code CscTransport} (HTTP, circuit
 * breaker, metrics), {@code ServiceTokens} (the service token), {@code OAuthEndpoints}, {@code
 * Credentials} and {@code Signatures}; this class is the one the provider's other packages see, so
 * they keep one stable surface while the parts change.
 */
public final class CscClient implements AutoCloseable {

    private final CscProperties properties;
    private final ServiceInfoCache info;
    private final OAuthEndpoints oauth;
    private final ServiceTokens service;
    private final Credentials credentials;
    private final Signatures signatures;

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
        CscTransport transport = new CscTransport(http, properties, meters, breaker);
        this.properties = properties;
        this.info = new ServiceInfoCache(transport);
        this.oauth = new OAuthEndpoints(transport, properties, clock, info);
        this.service = new ServiceTokens(transport, properties, clock, info, oauth);
        this.credentials = new Credentials(service);
        this.signatures = new Signatures(
                service,
                transport,
                info,
                clock,
                properties.behaviours(),
                new LaterAnswers(
                        service,
                        transport,
                        properties.polling(),
                        properties.behaviours().pendingAs400()));
    }

    /**
     * Opens when half of the last 20 calls (at least 10) failed transiently; tries again after 30 s
     * with 2 calls. A refusal (4xx) means the service is up, so it never counts as a failure.
     */
    public static CircuitBreakerConfig breakerConfig() {
        return CscTransport.breakerConfig();
    }

    /**
     * Retries of transient errors only, with exponential backoff and jitter; a {@code Retry-After}
     * the service sent with its 429 or 503 is waited for instead when longer, and a {@code
     * Retry-After} beyond {@code retry.maxRetryAfter} ends the retries (the documents are parked).
     */
    public static RetryConfig retryConfig(CscProperties.Retry retry) {
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(retry.initialBackoff(), 2.0, 0.5);
        return RetryConfig.custom()
                .maxAttempts(retry.maxAttempts())
                .intervalBiFunction((Integer attempt, Either<Throwable, Object> outcome) -> {
                    long millis = backoff.apply(attempt);
                    if (outcome.isLeft()
                            && outcome.getLeft() instanceof CscCallException call
                            && call.retryAfter() != null) {
                        return Math.max(millis, call.retryAfter().toMillis());
                    }
                    return millis;
                })
                .retryOnException(e -> e instanceof CscCallException call
                        && call.isTransient()
                        && (call.retryAfter() == null || call.retryAfter().compareTo(retry.maxRetryAfter()) <= 0))
                .build();
    }

    /**
     * The service's {@code info}, asked once. A service that does not implement it (404, 405, 501)
     * is assumed to take client credentials at {@code baseUrl} and to offer every method.
     */
    public ServiceInfo info() {
        return info.get();
    }

    /** The default credential if it has been described already; never calls the service (gauges). */
    public Optional<CscCredential> resolvedCredential() {
        return credentials.resolved(properties.credentialId());
    }

    /** The default credential ({@code signing.csc.credential-id}). */
    public CscCredential credential() {
        return credential(properties.credentialId());
    }

    /** The credential, described by the service on first use and cached afterwards. */
    public CscCredential credential(String credentialId) {
        return credentials.get(credentialId);
    }

    /** The credential ids {@code credentials/list} names for this client's token. */
    public List<String> listCredentials() {
        return credentials.list();
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
        return signatures.authorize(credentialId, numSignatures, hashes, hashAlgorithmOid, factors);
    }

    /**
     * Asks the service to send the credential's one-time password to its holder: v1's {@code
     * credentials/sendOTP}, or v2's {@code credentials/getChallenge} for the factor {@code
     * otpObjectId}, whichever {@code info} lists. Does nothing when the service offers neither.
     */
    public void sendOtp(String credentialId, String otpObjectId) {
        signatures.sendOtp(credentialId, otpObjectId);
    }

    /** Signatures over {@code hashes}, in the same order; the service must answer one per hash. */
    public List<byte[]> signHash(Sad sad, List<byte[]> hashes, CscCredential.HashSigning algorithm) {
        return signatures.signHash(sad, hashes, algorithm);
    }

    /**
     * Signatures under a {@code scope=credential} token instead of a SAD: the token goes in the
     * Authorization header and {@code SAD} is left out (CSC API v2 section 8.2).
     */
    public List<byte[]> signHash(
            Grant credentialGrant, String credentialId, List<byte[]> hashes, CscCredential.HashSigning algorithm) {
        return signatures.signHash(credentialGrant, credentialId, hashes, algorithm);
    }

    /**
     * The {@code oauth2/authorize} URL a person's browser is sent to: PKCE S256, and for {@code
     * scope=credential} the credential, the number of signatures and (SCAL 2) the hashes, base64url
     * and comma-separated as the specification has them in the query.
     */
    public URI authorizationUrl(AuthorizationRequest request) {
        return oauth.authorizationUrl(request);
    }

    /** Exchanges an authorisation code (PKCE verifier, the same redirect URI) for tokens. */
    public Grant exchangeCode(String code, String codeVerifier, URI redirectUri) {
        return oauth.exchangeCode(code, codeVerifier, redirectUri);
    }

    /** New tokens for a {@code scope=service} refresh token. */
    public Grant refresh(String refreshToken) {
        return oauth.refresh(refreshToken);
    }

    /** {@code oauth2/revoke} of a token ({@code access_token} or {@code refresh_token}). */
    public void revoke(String token, String tokenTypeHint) {
        oauth.revoke(token, tokenTypeHint);
    }

    /**
     * Uses a service authorisation a person gave (authorisation code, {@code scope=service}) instead
     * of client credentials or {@code auth/login}.
     */
    public void useOperatorAuthorisation(OperatorAuthorisation authorisation) {
        service.useOperatorAuthorisation(authorisation);
    }

    /** The person's service authorisation this client uses, if any. */
    public Optional<OperatorAuthorisation> operatorAuthorisation() {
        return service.operatorAuthorisation();
    }

    /**
     * Revokes the service token, if one was obtained and the service offers revocation ({@code
     * oauth2/revoke}, or {@code auth/revoke} after {@code auth/login}). Failures are only logged:
     * the token expires anyway.
     */
    @Override
    public void close() {
        service.close();
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
