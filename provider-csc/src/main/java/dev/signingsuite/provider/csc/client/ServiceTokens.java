package dev.signingsuite.provider.csc.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service token and the calls made with it. The token comes from a person's service
 * authorisation when one is used, else the way {@code info.authType} allows: OAuth 2.0 client
 * credentials, or {@code auth/login} with HTTP Basic. It is cached until shortly before it expires,
 * renewed once when refused, and revoked at {@link #close()}.
 */
final class ServiceTokens implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceTokens.class);

    private final CscTransport transport;
    private final CscProperties properties;
    private final Clock clock;
    private final ServiceInfoCache info;
    private final OAuthEndpoints oauth;
    private final AccessTokens tokens;
    private volatile ServiceInfo.ServiceAuth tokenKind;
    private volatile OperatorAuthorisation operator;

    ServiceTokens(
            CscTransport transport,
            CscProperties properties,
            Clock clock,
            ServiceInfoCache info,
            OAuthEndpoints oauth) {
        this.transport = transport;
        this.properties = properties;
        this.clock = clock;
        this.info = info;
        this.oauth = oauth;
        this.tokens = new AccessTokens(this::fetch, clock);
    }

    /** A JSON method with the service token; a refused token is replaced once. */
    <T> T call(String method, Object body, Class<T> answerType) {
        byte[] json = CscTransport.json(body);
        String token = tokens.get();
        try {
            return transport.send(method, transport.jsonRequest(method, json, "Bearer " + token), answerType);
        } catch (CscCallException e) {
            if (!e.isUnauthorized()) {
                throw e;
            }
            tokens.invalidate(token);
            return transport.send(method, transport.jsonRequest(method, json, "Bearer " + tokens.get()), answerType);
        }
    }

    /** As {@link #call}, with a 202 ("still going on") as an answer: see {@link CscTransport#sendAnswered}. */
    <T> CscTransport.Answered<T> callAnswered(String method, Object body, Class<T> answerType) {
        byte[] json = CscTransport.json(body);
        String token = tokens.get();
        try {
            return transport.sendAnswered(
                    method, transport.jsonRequest(method, json, "Bearer " + token), answerType, true);
        } catch (CscCallException e) {
            if (!e.isUnauthorized()) {
                throw e;
            }
            tokens.invalidate(token);
            return transport.sendAnswered(
                    method, transport.jsonRequest(method, json, "Bearer " + tokens.get()), answerType, true);
        }
    }

    void useOperatorAuthorisation(OperatorAuthorisation authorisation) {
        this.operator = authorisation;
        tokens.clear();
    }

    Optional<OperatorAuthorisation> operatorAuthorisation() {
        return Optional.ofNullable(operator);
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
        ServiceInfo known = info.known();
        if (token.isEmpty() || known == null) {
            return;
        }
        tokens.clear();
        try {
            if (tokenKind == ServiceInfo.ServiceAuth.CLIENT_CREDENTIALS
                    && known.methods().contains("oauth2/revoke")) {
                oauth.revoke(token.get(), "access_token");
            } else if (tokenKind == ServiceInfo.ServiceAuth.LOGIN
                    && known.methods().contains("auth/revoke")) {
                byte[] body = CscTransport.json(Map.of("token", token.get()));
                transport.send(
                        "auth/revoke", transport.jsonRequest("auth/revoke", body, "Bearer " + token.get()), Void.class);
            }
        } catch (CscCallException e) {
            log.info("Could not revoke the CSC service token: {}", e.getMessage());
        }
    }

    private AccessTokens.Token fetch() {
        OperatorAuthorisation given = operator;
        if (given != null) {
            tokenKind = null;
            return operatorToken(given.serviceGrant());
        }
        ServiceInfo.ServiceAuth kind = info.get().serviceAuth(properties.serviceAccount() != null);
        tokenKind = kind;
        Instant asked = clock.instant();
        CscWire.TokenResponse answer = switch (kind) {
            case CLIENT_CREDENTIALS -> oauth.clientCredentials();
            case LOGIN -> login();
            default ->
                throw new CscCallException(
                        "info",
                        200,
                        "unsupported_auth_type",
                        "the service offers authType " + info.get().authTypes()
                                + "; provider-csc authenticates with oauth2client or basic (auth/login)",
                        null);
        };
        if (answer.accessToken() == null || answer.accessToken().isBlank()) {
            throw CscCallException.unreadable(
                    kind == ServiceInfo.ServiceAuth.LOGIN ? "auth/login" : "oauth2/token", "no access_token");
        }
        long lifetime = answer.expiresIn() == null ? 3600 : answer.expiresIn();
        return new AccessTokens.Token(
                answer.accessToken(), AccessTokens.renewAt(asked, lifetime, properties.tokenRefreshMargin()));
    }

    private AccessTokens.Token operatorToken(CscClient.Grant grant) {
        Instant now = clock.instant();
        long lifetime =
                Math.max(1, Duration.between(clock.instant(), grant.expiresAt()).toSeconds());
        return new AccessTokens.Token(
                grant.accessToken(), AccessTokens.renewAt(now, lifetime, properties.tokenRefreshMargin()));
    }

    /**
     * {@code auth/login} answers with the token endpoint's fields. The Basic user is the service's
     * account (CSC API v2 section 11.2), never the OAuth 2.0 client: a service that offers only
     * {@code basic} without a configured account is a configuration error, not an outage.
     */
    private CscWire.TokenResponse login() {
        CscProperties.ServiceAccount account = properties.serviceAccount();
        if (account == null) {
            throw new CscCallException(
                    "info",
                    200,
                    "service_account_required",
                    "the service offers only auth/login (authType basic): set signing.csc.service-account",
                    null);
        }
        String basic =
                Base64.getEncoder().encodeToString((account.username() + ":" + account.password()).getBytes(UTF_8));
        return transport.send(
                "auth/login",
                transport.jsonRequest("auth/login", CscTransport.noParameters(), "Basic " + basic),
                CscWire.TokenResponse.class);
    }
}
