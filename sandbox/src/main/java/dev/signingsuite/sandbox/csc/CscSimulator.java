package dev.signingsuite.sandbox.csc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.signingsuite.sandbox.pki.PkiEntity;
import dev.signingsuite.sandbox.pki.TestPki;
import dev.signingsuite.sandbox.signing.SigningLog;
import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Cloud Signature Consortium API v2 remote signing service for tests and the standalone run,
 * served at {@code <base>/csc/v2/<method>}, with real keys from the sandbox PKI.
 *
 * <p>Methods: {@code info} (POST or GET), {@code auth/login} (HTTP Basic) and {@code auth/revoke},
 * {@code oauth2/authorize} (GET, redirects), {@code oauth2/token} ({@code client_credentials},
 * {@code authorization_code}, {@code refresh_token}), {@code oauth2/revoke}, {@code oauth2/pushed_authorize}, {@code
 * credentials/list|info|authorize|authorizeCheck|sendOTP|getChallenge}, {@code
 * signatures/signHash} (also asynchronous, {@code operationMode "A"}) and {@code
 * signatures/signPolling} ({@link CscSettings#pendingPolls()}). The OAuth base
 * URL ({@code info.oauth2}) is the API base itself: {@code <base>/csc/v2/oauth2/token}.
 *
 * <p>Test values ({@link CscSettings#defaults()}; all public, none secret):
 *
 * <ul>
 *   <li>OAuth client {@code sandbox-client} / {@code sandbox-secret} (HTTP Basic or form); redirect
 *       URIs {@code http://127.0.0.1/csc/callback} and {@code http://localhost/csc/callback}, any
 *       port on loopback (RFC 8252), otherwise exact match; PKCE {@code code_challenge} required
 *       (S256 or plain). The test user approves every {@code oauth2/authorize} at once ({@link
 *       #approving(boolean)} false makes it answer {@code access_denied}).
 *   <li>{@code auth/login} user {@code sandbox-user} / {@code sandbox-password}.
 *   <li>Lifetimes: service token 1 h, refresh token 1 day, SAD and credential-scope token 5 min,
 *       code 1 min, OTP 5 min; the clock is the constructor's.
 * </ul>
 *
 * <p>Credential catalogue:
 *
 * <table>
 *   <caption>credentials</caption>
 *   <tr><th>credentialID</th><th>PKI entity</th><th>key</th><th>SCAL</th><th>auth</th><th>multisign</th></tr>
 *   <tr><td>{@code sandbox-seal}</td><td>{@code seal}</td><td>RSA 2048</td><td>1</td>
 *       <td>implicit: {@code credentials/authorize} with {@code "authData": []}</td><td>1000</td></tr>
 *   <tr><td>{@code sandbox-seal-ec}</td><td>{@code seal-ec}</td><td>ECDSA P-256</td><td>2</td>
 *       <td>explicit, PIN {@code 123456}</td><td>1000</td></tr>
 *   <tr><td>{@code sandbox-seal-otp}</td><td>{@code seal-logistics}</td><td>RSA 2048</td><td>1</td>
 *       <td>explicit, PIN {@code 654321} AND OTP</td><td>1000</td></tr>
 *   <tr><td>{@code sandbox-seal-oauth}</td><td>{@code seal-ec-logistics}</td><td>ECDSA P-256</td><td>2</td>
 *       <td>oauth2code: {@code oauth2/authorize} with {@code scope=credential}</td><td>1000</td></tr>
 * </table>
 *
 * <p>The OTP: {@code credentials/sendOTP {"credentialID"}} (or {@code getChallenge} with {@code
 * authObjectID "OTP"}) answers 204 and puts six digits into the outbox: {@link #lastOtp(String)},
 * {@link #otpOutbox()}, or {@code GET <base>/csc/v2/mock/otp?credentialID=...} → {@code {"otp"}}.
 * SCAL 1: a SAD covers {@code numSignatures} signatures across calls. SCAL 2: {@code hashes} +
 * {@code hashAlgorithmOID} are required at authorisation, {@code numSignatures} must equal their
 * number, and signHash accepts only those hashes (each once). A refused signHash spends nothing.
 * Counters: {@link #calls}, {@link #authorizations(String)}, {@link #signHashSizes(String)}. Test
 * hooks: {@link #approving(boolean)}, {@link #disable(String, boolean)}, {@link #lockAfterFailures(int)},
 * {@link #offerAuthTypes(String...)}.
 */
public final class CscSimulator implements HttpHandler {

    /** The context path under the sandbox's base URL. */
    public static final String CONTEXT = "/csc/v2";

    /** The most signatures one approval of a device credential covers. */
    static final int DEVICE_MULTISIGN = 100;

    private static final Logger log = LoggerFactory.getLogger(CscSimulator.class);

    private final CscSettings settings;
    private final Map<String, Credential> credentials;
    private final Authorizations authorizations;
    private final Otps otps;
    private final CscCounters counters = new CscCounters();
    private final CscMethods methods;
    private final OAuthMethods oauth;
    private final CscRoutes routes;
    private final SigningLog signingLog;
    private final AtomicInteger throttled = new AtomicInteger();
    private volatile Duration throttleFor = Duration.ZERO;

    /**
     * The full catalogue ({@link CscSettings#catalogue()}), each credential with its PKI entity.
     *
     * @param baseUrl the sandbox's base URL; the API is at {@code baseUrl + CONTEXT}
     * @param clock decides token, code, SAD and OTP expiry
     */
    public CscSimulator(URI baseUrl, TestPki pki, CscSettings settings, Clock clock) {
        this(baseUrl, pki, settings, clock, new SigningLog(clock));
    }

    /** As {@link #CscSimulator(URI, TestPki, CscSettings, Clock)}, recording each signed hash in {@code log}. */
    public CscSimulator(URI baseUrl, TestPki pki, CscSettings settings, Clock clock, SigningLog log) {
        this(baseUrl, settings.catalogue(), pki::entity, settings, clock, log);
    }

    /**
     * Only the RSA seal credential ({@link CscSettings#credentialId()}), signing with {@code seal}:
     * the first version's constructor.
     */
    public CscSimulator(URI baseUrl, PkiEntity seal, CscSettings settings, Clock clock) {
        this(baseUrl, settings.catalogue().subList(0, 1), name -> seal, settings, clock, new SigningLog(clock));
    }

    private CscSimulator(
            URI baseUrl,
            List<CscCredentialSettings> catalogue,
            Function<String, PkiEntity> entities,
            CscSettings settings,
            Clock clock,
            SigningLog log) {
        this.settings = settings;
        this.signingLog = log;
        Map<String, Credential> byId = new LinkedHashMap<>();
        for (CscCredentialSettings credential : catalogue) {
            byId.put(
                    credential.id(), new Credential(credential, CredentialKey.of(entities.apply(credential.entity()))));
        }
        // Synchronized: registered devices are offered while the service runs (offerDevice).
        this.credentials = Collections.synchronizedMap(byId);
        this.authorizations = new Authorizations(clock);
        this.otps = new Otps(clock, settings.otpLifetime());
        URI api = URI.create(baseUrl + CONTEXT);
        LaterAnswers later = new LaterAnswers(authorizations, settings);
        this.methods = new CscMethods(settings, credentials, authorizations, otps, counters, api, later);
        this.oauth = new OAuthMethods(settings, credentials, authorizations, counters);
        this.routes = new CscRoutes(
                methods,
                oauth,
                new SignHash(methods, authorizations, counters, log, settings.profile(), later),
                later,
                authorizations,
                this::lastOtp,
                settings.profile(),
                api);
    }

    /**
     * Offers a registered signing device's key as a new SCAL 2 {@code oauth2code} credential: the
     * person approves each use on the authorisation page with the PIN the key's token checks.
     */
    public void offerDevice(String credentialId, CredentialKey key, String description) {
        CscCredentialSettings device = new CscCredentialSettings(
                credentialId,
                credentialId,
                "2",
                CscCredentialSettings.AuthMode.OAUTH2CODE,
                null,
                false,
                DEVICE_MULTISIGN,
                description);
        if (credentials.putIfAbsent(credentialId, new Credential(device, key)) != null) {
            throw new IllegalArgumentException("credential " + credentialId + " exists");
        }
    }

    /** Every hash this simulator signed. */
    public SigningLog signingLog() {
        return signingLog;
    }

    public CscSettings settings() {
        return settings;
    }

    /** The credentialIDs served, in {@code credentials/list} order. */
    public List<String> credentialIds() {
        return List.copyOf(credentials.keySet());
    }

    /** The signing certificate of a credential, to verify its signatures. */
    public X509Certificate certificate(String credentialId) {
        Credential credential = credentials.get(credentialId);
        if (credential == null) {
            throw new IllegalArgumentException("no credential " + credentialId + "; known: " + credentials.keySet());
        }
        return credential.certificate();
    }

    /** How often {@code method} (e.g. {@code signatures/signHash}) was called, errors included. */
    public int calls(String method) {
        return counters.calls(method);
    }

    /** The number of hashes of every successful signHash, in call order. */
    public List<Integer> signHashSizes() {
        return counters.signHashSizes();
    }

    /** The number of hashes of every successful signHash for one credential, in call order. */
    public List<Integer> signHashSizes(String credentialId) {
        return counters.signHashSizes(credentialId);
    }

    /** How many signHash calls succeeded for one credential. */
    public int signHashCalls(String credentialId) {
        return counters.signHashSizes(credentialId).size();
    }

    /**
     * Successful credential authorisations of one credential: SADs from {@code credentials/authorize}
     * plus credential-scope tokens from {@code oauth2/token}.
     */
    public int authorizations(String credentialId) {
        return counters.authorizations(credentialId);
    }

    /** Every OTP sent since the last reset, oldest first. */
    public List<SentOtp> otpOutbox() {
        return otps.outbox();
    }

    /** The newest OTP sent for a credential, if any (it may have been spent or have expired). */
    public Optional<String> lastOtp(String credentialId) {
        List<SentOtp> outbox = otps.outbox();
        for (int i = outbox.size() - 1; i >= 0; i--) {
            if (outbox.get(i).credentialId().equals(credentialId)) {
                return Optional.of(outbox.get(i).otp());
            }
        }
        return Optional.empty();
    }

    /** Whether the test user approves {@code oauth2/authorize}; false answers {@code access_denied}. */
    public void approving(boolean approve) {
        oauth.approving(approve);
    }

    /**
     * The {@code authType} values {@code info} lists (all three by default: {@code basic}, {@code
     * oauth2client}, {@code oauth2code}); without {@code oauth2client} the client credentials grant
     * is refused ({@code unauthorized_client}), as at a service that offers only {@code auth/login}.
     */
    public void offerAuthTypes(String... authTypes) {
        List<String> offered = List.of(authTypes);
        methods.authTypes(offered);
        oauth.clientCredentials(offered.contains("oauth2client"));
    }

    /**
     * Disables or enables a credential's key: {@code key.status} says so, and authorisation and
     * signing answer "The credential identified by credentialID is disabled".
     */
    public void disable(String credentialId, boolean disabled) {
        certificate(credentialId);
        credentials.get(credentialId).disabled(disabled);
    }

    /**
     * Locks a credential after {@code failures} consecutive wrong PINs or OTPs ("Credential
     * locked"), as the specification allows; 0 (the default) never locks. A right PIN/OTP before
     * the limit resets the count; {@link #unlock(String)} lifts a lock.
     */
    public void lockAfterFailures(int failures) {
        methods.lockAfterFailures(failures);
    }

    public void unlock(String credentialId) {
        certificate(credentialId);
        credentials.get(credentialId).resetFailures();
    }

    /**
     * The next {@code requests} API calls are answered 429 {@code Too Many Requests} with {@code
     * Retry-After} in whole seconds (RFC 9110 section 10.2.3; CSC API v2 section 10.1 lets any
     * method answer 429), as a rate-limited service answers.
     */
    public void throttle(int requests, Duration retryAfter) {
        throttled.set(requests);
        throttleFor = retryAfter;
    }

    public void resetCounters() {
        counters.reset();
        otps.clearOutbox();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = path.startsWith(CONTEXT + "/") ? path.substring(CONTEXT.length() + 1) : "";
        try {
            counters.called(method);
            if (throttled.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.getResponseHeaders().set("Retry-After", Long.toString(throttleFor.toSeconds()));
                throw CscError.of(429, "temporarily_unavailable", "Too many requests");
            }
            CscRoutes.Reply reply = routes.dispatch(exchange, method);
            if (reply.location() != null) {
                exchange.getResponseHeaders().set("Location", reply.location().toString());
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.sendResponseHeaders(302, -1);
            } else if (reply.body() instanceof PinPage page) {
                page.send(exchange);
            } else if (reply.body() == null) {
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.sendResponseHeaders(204, -1);
            } else {
                Requests.send(exchange, reply.status(), reply.body());
            }
        } catch (CscError e) {
            log.debug("CSC {} answered {} {}: {}", method, e.status(), e.error(), e.description());
            if (e.status() == 401) {
                exchange.getResponseHeaders()
                        .set(
                                "WWW-Authenticate",
                                "auth/login".equals(method)
                                        ? "Basic realm=\"csc\""
                                        : "Bearer error=\"" + e.error() + "\"");
            }
            Requests.send(exchange, e.status(), Map.of("error", e.error(), "error_description", e.description()));
        } catch (RuntimeException e) {
            log.warn("CSC {} failed", method, e);
            Requests.send(exchange, 500, Map.of("error", "server_error", "error_description", "Internal error"));
        } finally {
            exchange.close();
        }
    }
}
