package dev.signingsuite.provider.eparaksts.authorisation;

import dev.signingsuite.messaging.SigningMeters;
import dev.signingsuite.provider.eparaksts.client.EparakstsCallException;
import dev.signingsuite.provider.eparaksts.client.EparakstsClient;
import dev.signingsuite.provider.eparaksts.client.EparakstsProperties;
import dev.signingsuite.provider.eparaksts.client.SealIdentity;
import dev.signingsuite.provider.runtime.approval.RedirectQuery;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorising person's login (authorization code flow, profile scope): it names their seals
 * and certificates (spec section 11.4 steps 1-2); each group's signing token is a separate approval
 * ({@code SealApprovals}). The login's token is held encrypted, counted as ended {@code tokenRefreshMargin} before it expires or when the
 * platform refuses it. The platform has no refresh tokens, so an ended authorisation needs the
 * person again ({@link State#REAUTHORISATION_NEEDED}); in the sandbox {@code autoLogin} stands in.
 */
public final class SealAuthorisation {

    private static final Logger log = LoggerFactory.getLogger(SealAuthorisation.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration STATE_LIFETIME = Duration.ofMinutes(10);

    public enum State {
        AUTHORISED,
        REAUTHORISATION_NEEDED
    }

    /** What the operator page shows. */
    public record Status(State state, Instant expiresAt, List<String> seals) {}

    /** A usable token and the person's seals, for one signing run; never logged. */
    public record Grant(String token, List<SealIdentity> seals) {
        @Override
        public String toString() {
            return "Grant[seals=" + seals.size() + "]";
        }
    }

    private final EparakstsClient client;
    private final EparakstsProperties properties;
    private final Clock clock;
    private final TokenVault vault;
    private final Map<String, Instant> pendingStates = new ConcurrentHashMap<>();
    private volatile TokenVault.Sealed current;
    private volatile List<SealIdentity> seals = List.of();

    public SealAuthorisation(
            EparakstsClient client, EparakstsProperties properties, Clock clock, MeterRegistry meters) {
        this.client = client;
        this.properties = properties;
        this.clock = clock;
        this.vault = new TokenVault(properties.tokenKey(), properties.tokenStore());
        this.current = vault.load().orElse(null);
        // 1 while documents can be sealed: the seals are known (the login's expiry does not stop sealing).
        Gauge.builder(SigningMeters.PROVIDER_AUTHORISATION_VALID, this, a -> a.seals.isEmpty() ? 0 : 1)
                .tag("provider", "eparaksts")
                .register(meters);
    }

    /** Starts a login: the URL the person's browser is sent to. */
    public URI startLogin() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String state = HexFormat.of().formatHex(bytes);
        Instant now = clock.instant();
        pendingStates.values().removeIf(created -> created.plus(STATE_LIFETIME).isBefore(now));
        pendingStates.put(state, now);
        return client.authorizeUrl(state);
    }

    /** Finishes a login on the callback; the state must be one this service issued. */
    public synchronized void completeLogin(String code, String state) {
        if (state == null || pendingStates.remove(state) == null) {
            throw new IllegalArgumentException("unknown or expired login state");
        }
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("the callback carries no code");
        }
        EparakstsClient.UserToken token = client.exchangeCode(code);
        List<SealIdentity> found = client.seals(token.value());
        current = vault.seal(token.value(), token.expiresAt(), token.scope());
        seals = found;
        log.info("eParaksts seal authorisation granted until {} for {} seal(s)", token.expiresAt(), found.size());
    }

    /** A usable grant, logging in first in the sandbox if needed; empty while the person must act. */
    public synchronized Optional<Grant> grant() {
        if (!usable() && properties.autoLogin()) {
            autoLogin();
        }
        TokenVault.Sealed sealed = current;
        if (!usable()) {
            return Optional.empty();
        }
        String token = vault.open(sealed);
        if (seals.isEmpty()) {
            // A token kept from an earlier run: its seals are asked for again.
            try {
                seals = client.seals(token);
            } catch (EparakstsCallException e) {
                if (!e.isUnauthorized()) {
                    throw e;
                }
                ended(token);
                return Optional.empty();
            }
        }
        return Optional.of(new Grant(token, seals));
    }

    /**
     * The person's seals, known since their last login: signing needs the person again only per
     * approval group, so documents do not wait when the login's token expires. Empty while nobody
     * has logged in (in the sandbox, logs in first).
     */
    public synchronized List<SealIdentity> seals() {
        if (seals.isEmpty()) {
            grant();
        }
        return seals;
    }

    /** The platform refused {@code token}: the authorisation has ended. */
    public synchronized void ended(String token) {
        TokenVault.Sealed sealed = current;
        if (sealed != null && vault.open(sealed).equals(token)) {
            log.warn("eParaksts seal authorisation ended before its expiry: re-authorisation needed");
            current = null;
            vault.clear();
        }
    }

    public Status status() {
        TokenVault.Sealed sealed = current;
        return new Status(
                usable() ? State.AUTHORISED : State.REAUTHORISATION_NEEDED,
                sealed == null ? null : sealed.expiresAt(),
                seals.stream()
                        .map(s -> s.cnLabel() == null ? s.id() : s.cnLabel())
                        .toList());
    }

    private boolean usable() {
        TokenVault.Sealed sealed = current;
        return sealed != null
                && clock.instant().plus(properties.tokenRefreshMargin()).isBefore(sealed.expiresAt());
    }

    private void autoLogin() {
        try {
            URI location = client.visitAuthorize(startLogin());
            Map<String, String> query = RedirectQuery.of(location);
            if (query.containsKey("error")) {
                log.warn("eParaksts automatic login refused: {}", query.get("error"));
                return;
            }
            completeLogin(query.get("code"), query.get("state"));
        } catch (EparakstsCallException | IllegalArgumentException e) {
            log.warn("eParaksts automatic login failed: {}", e.getMessage());
        }
    }
}
