package dev.signingsuite.provider.csc.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service authorisation a person gives through the operator page: OAuth 2.0 authorisation code
 * with {@code scope=service} and PKCE. The provider keeps the tokens for its lifetime, refreshes
 * the access token with the refresh token, and revokes the refresh token (and with it the access
 * tokens) at shutdown. The person's browser only meets the gateway; code and state reach this class
 * server to server, and the tokens never leave it. Nothing of it is logged.
 */
public final class OperatorAuthorisation {

    private static final Logger log = LoggerFactory.getLogger(OperatorAuthorisation.class);
    private static final Duration LOGIN_LIFETIME = Duration.ofMinutes(10);
    private static final int MAX_PENDING_LOGINS = 20;

    private final CscClient client;
    private final URI redirectUri;
    private final Clock clock;
    private final Duration refreshMargin;
    private final Map<String, PendingLogin> pending = new LinkedHashMap<>();
    private CscClient.Grant grant;

    /**
     * @param redirectUri registered with the service: the gateway's {@code /csc/callback}
     * @param refreshMargin the access token is refreshed this long before it expires
     */
    public OperatorAuthorisation(CscClient client, URI redirectUri, Clock clock, Duration refreshMargin) {
        this.client = client;
        this.redirectUri = redirectUri;
        this.clock = clock;
        this.refreshMargin = refreshMargin;
    }

    /** Where the person's browser goes to log in: a new state and PKCE verifier each time. */
    public synchronized URI startLogin() {
        Instant now = clock.instant();
        pending.values().removeIf(login -> now.isAfter(login.expiresAt()));
        if (pending.size() >= MAX_PENDING_LOGINS) {
            pending.remove(pending.keySet().iterator().next());
        }
        String state = Pkce.random();
        String verifier = Pkce.verifier();
        pending.put(state, new PendingLogin(verifier, now.plus(LOGIN_LIFETIME)));
        return client.authorizationUrl(
                CscClient.AuthorizationRequest.service(redirectUri, state, Pkce.challenge(verifier)));
    }

    /**
     * Finishes the login the service redirected back with.
     *
     * @throws IllegalArgumentException for a state this instance did not issue, or an expired one
     * @throws CscCallException when the service refuses the code
     */
    public synchronized void completeLogin(String code, String state) {
        PendingLogin login = state == null ? null : pending.remove(state);
        if (login == null || clock.instant().isAfter(login.expiresAt()) || code == null) {
            throw new IllegalArgumentException("unknown or expired login state");
        }
        CscClient.Grant previous = grant;
        grant = client.exchangeCode(code, login.verifier(), redirectUri);
        if (previous != null && previous.refreshToken() != null) {
            revokeQuietly(previous.refreshToken());
        }
        log.info("CSC service authorised by an operator until {}", grant.expiresAt());
    }

    /**
     * The current service grant, refreshed when its access token is about to expire.
     *
     * @throws CscCallException {@code operator_authorisation_required} when no person has authorised
     *     the service yet, or the refresh token was refused
     */
    public synchronized CscClient.Grant serviceGrant() {
        if (grant == null) {
            throw required("no operator has authorised the CSC service yet (gateway /operator/csc)");
        }
        if (!clock.instant().plus(refreshMargin).isBefore(grant.expiresAt())) {
            if (grant.refreshToken() == null) {
                grant = null;
                throw required("the operator's CSC authorisation expired and cannot be refreshed");
            }
            try {
                CscClient.Grant refreshed = client.refresh(grant.refreshToken());
                grant = refreshed.refreshToken() == null
                        ? new CscClient.Grant(
                                refreshed.accessToken(),
                                grant.refreshToken(),
                                refreshed.expiresAt(),
                                refreshed.credentialId())
                        : refreshed;
            } catch (CscCallException e) {
                if (e.isTransient()) {
                    throw e;
                }
                grant = null;
                throw required("the CSC service refused the refresh token: " + e.getMessage());
            }
        }
        return grant;
    }

    /** Whether a person's authorisation is held, and until when its access token runs. */
    public synchronized Status status() {
        return grant == null
                ? new Status("AUTHORISATION_REQUIRED", null, false)
                : new Status("AUTHORISED", grant.expiresAt(), grant.refreshToken() != null);
    }

    /** Revokes the refresh token (which revokes its access tokens) and forgets the grant. */
    public synchronized void revoke() {
        if (grant == null) {
            return;
        }
        if (grant.refreshToken() != null) {
            revokeQuietly(grant.refreshToken());
        } else {
            try {
                client.revoke(grant.accessToken(), "access_token");
            } catch (CscCallException e) {
                log.info("Could not revoke the operator's CSC access token: {}", e.getMessage());
            }
        }
        grant = null;
    }

    private void revokeQuietly(String refreshToken) {
        try {
            client.revoke(refreshToken, "refresh_token");
        } catch (CscCallException e) {
            log.info("Could not revoke the operator's CSC refresh token: {}", e.getMessage());
        }
    }

    /** @param state {@code AUTHORISED} or {@code AUTHORISATION_REQUIRED} */
    public record Status(String state, Instant accessTokenExpiresAt, boolean refreshable) {}

    private record PendingLogin(String verifier, Instant expiresAt) {

        @Override
        public String toString() {
            return "PendingLogin[expiresAt=" + expiresAt + "]";
        }
    }

    private static CscCallException required(String why) {
        return new CscCallException("oauth2/token", 401, "operator_authorisation_required", why, null);
    }
}
