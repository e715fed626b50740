package dev.signingsuite.provider.onetime.login;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.provider.onetime.enrolment.Person;
import dev.signingsuite.provider.runtime.approval.RedirectQuery;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logins one-time signings wait for: one per person named and batch, started when its first
 * document comes, with a fresh {@code state}, {@code nonce} and PKCE verifier that never leave this
 * service (the authorization URL carries only the verifier's S256 challenge). The callback's code is
 * exchanged here, with the verifier and the client secret, and the ID token verified here: the
 * identity a certificate is issued for is established by the service that asks for the certificate
 * (ADR 24). Held in memory: a restarted instance starts new logins for the documents that come again.
 */
public final class PersonLogins {

    private static final Logger log = LoggerFactory.getLogger(PersonLogins.class);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** Where a person's login stands. */
    public sealed interface Identity {

        /** Logged in: the person the ID token names, whom the certificate is issued to. */
        record Authenticated(Person person) implements Identity {}

        /**
         * Not yet: the person's browser is to go to {@code loginUrl}, which carries the login's
         * {@code state}, {@code nonce} and the verifier's S256 challenge, nothing secret; the login
         * ends unused at {@code expiresAt}.
         */
        record Waiting(URI loginUrl, String state, Instant expiresAt) implements Identity {}

        /** It ended without an identity usable for this signer; its documents fail with the reason. */
        record Refused(FailureReason reason, String message) implements Identity {}
    }

    private static final class Login {
        final Person named;
        final String key;
        final String state;
        final String nonce;
        final String verifier;
        final URI url;
        final Instant startedAt;
        Identity outcome;

        Login(Person named, String key, String state, String nonce, String verifier, URI url, Instant startedAt) {
            this.named = named;
            this.key = key;
            this.state = state;
            this.nonce = nonce;
            this.verifier = verifier;
            this.url = url;
            this.startedAt = startedAt;
        }
    }

    private final OidcClient client;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Login> byKey = new HashMap<>();
    private final Map<String, Login> byState = new HashMap<>();

    public PersonLogins(OidcClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /**
     * The identity for the signer {@code named} in {@code batchId}: a new login is started for the
     * first document (in the sandbox, played at once as the test person).
     *
     * @throws LoginUnavailable when the identity provider does not answer: nothing was decided
     */
    public synchronized Identity identify(Person named, String batchId) {
        String key = named.identifier() + "\n" + batchId;
        Login login = byKey.get(key);
        if (login == null) {
            login = start(named, key);
            LoginProperties.Automatic automatic = client.properties().automatic();
            if (automatic != null) {
                try {
                    complete(query(client.automaticLogin(login.url)));
                } catch (LoginUnavailable e) {
                    forget(login);
                    throw e;
                } catch (IllegalStateException e) {
                    // Started again at the next poll: nobody else would complete it.
                    forget(login);
                    throw new LoginUnavailable(
                            "the automatic login at the identity provider failed: " + e.getMessage(), e);
                }
            }
        }
        if (login.outcome == null
                && clock.instant()
                        .isAfter(login.startedAt.plus(client.properties().lifetime()))) {
            login.outcome = new Identity.Refused(
                    FailureReason.TIMEOUT,
                    named.masked() + " did not log in at the identity provider within "
                            + client.properties().lifetime() + "; no key was generated");
        }
        return login.outcome != null
                ? login.outcome
                : new Identity.Waiting(
                        login.url,
                        login.state,
                        login.startedAt.plus(client.properties().lifetime()));
    }

    /**
     * The browser came back to the redirect URI with these parameters ({@code state} and {@code code},
     * or {@code error}). A state this instance did not issue, or whose login already ended, changes
     * nothing.
     *
     * @return how the login ended, or empty when the state is not one of an open login here
     * @throws LoginUnavailable when the identity provider does not answer the exchange; the login stays
     *     open
     */
    public synchronized Optional<Identity> complete(Map<String, String> callback) {
        Login login = byState.get(callback.get("state"));
        if (login == null || login.outcome != null) {
            log.warn("A one-time login callback with a state that no open login here has: ignored");
            return Optional.empty();
        }
        if (callback.containsKey("error")) {
            login.outcome = new Identity.Refused(
                    FailureReason.USER_REFUSED,
                    "the identity provider refused the login of " + login.named.masked() + ": "
                            + callback.get("error")
                            + (callback.containsKey("error_description")
                                    ? " (" + callback.get("error_description") + ")"
                                    : "")
                            + "; no key was generated");
        } else if (callback.get("code") == null) {
            login.outcome = new Identity.Refused(
                    FailureReason.AUTHORISATION_REQUIRED, "the identity provider's answer carries no code");
        } else {
            login.outcome = identityOf(login, callback.get("code"));
        }
        log.info(
                "One-time login of {} ended: {}",
                login.named.masked(),
                login.outcome.getClass().getSimpleName());
        return Optional.of(login.outcome);
    }

    /** Drops logins that ended (or expired) more than a lifetime ago; the sweeper calls it. */
    public synchronized int sweep() {
        Instant before = clock.instant().minus(client.properties().lifetime().multipliedBy(2));
        int dropped = 0;
        for (Iterator<Login> logins = byKey.values().iterator(); logins.hasNext(); ) {
            Login login = logins.next();
            if (login.startedAt.isBefore(before)) {
                logins.remove();
                byState.remove(login.state);
                dropped++;
            }
        }
        return dropped;
    }

    private Identity identityOf(Login login, String code) {
        OidcClient.IdToken token;
        try {
            token = client.exchange(code, login.verifier, login.nonce);
        } catch (OidcClient.Refused e) {
            return new Identity.Refused(
                    FailureReason.AUTHORISATION_REQUIRED, e.getMessage() + "; no key was generated");
        }
        Person person;
        try {
            person = new Person(token.identifier(), token.name());
        } catch (IllegalArgumentException e) {
            return new Identity.Refused(
                    FailureReason.AUTHORISATION_REQUIRED,
                    "the ID token names no usable person ("
                            + client.properties().identifierClaim() + ", name): " + e.getMessage());
        }
        if (!person.identifier().equals(login.named.identifier())) {
            return new Identity.Refused(
                    FailureReason.SIGNER_NOT_ALLOWED,
                    "the person who logged in (" + person.masked() + ") is not the signer the request names ("
                            + login.named.masked() + "); no key was generated");
        }
        return new Identity.Authenticated(person);
    }

    private Login start(Person named, String key) {
        String state = randomToken(24);
        String nonce = randomToken(24);
        String verifier = randomToken(48);
        Login login = new Login(
                named,
                key,
                state,
                nonce,
                verifier,
                client.authorizationUrl(state, nonce, challenge(verifier)),
                clock.instant());
        byKey.put(key, login);
        byState.put(state, login);
        log.info("One-time login of {} started: the documents wait for it", named.masked());
        return login;
    }

    private void forget(Login login) {
        byKey.remove(login.key);
        byState.remove(login.state);
    }

    private String randomToken(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return B64.encodeToString(value);
    }

    private static String challenge(String verifier) {
        try {
            return B64.encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The redirect's parameters, as the gateway's callback would relay them. */
    public static Map<String, String> query(URI uri) {
        return RedirectQuery.of(uri);
    }
}
