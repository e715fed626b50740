package dev.signingsuite.sandbox.eparaksts;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.signingsuite.sandbox.http.ApiExchanges;
import dev.signingsuite.sandbox.pki.TestPki;
import dev.signingsuite.sandbox.signing.SigningLog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The LVRTC eParaksts integration platform (TrustedX) as far as eZīmogs+ cloud sealing needs it:
 * OAuth 2.0 authorization code (auto-approved for the configured test person), client credentials
 * for the introspect token, RFC 7662 introspection, {@code users/me}, {@code sign_identities/{id}}
 * and {@code signatures/server/raw[/batch]} with the sandbox PKI's seal keys. Register it at
 * {@link #AUTHSERVER} and {@link #RESOURCES}. It counts calls and batch sizes for tests.
 *
 * <p>Signing tokens (spec sections 2, 9.1, 11.3-11.4, 15): a {@code use:server} authorization must
 * name {@code sign_identity_id}, {@code digests_summary} and {@code digests_summary_algorithm}; its
 * token signs only that identity's digests the summary covers, and is spent by its first signature
 * call (the spec's stricter reading of section 15 item 11, as LVRTC's CSC layer does). Each such
 * approval is logged ({@link #approvals()}).
 */
public final class EparakstsSimulator implements HttpHandler {

    public static final String AUTHSERVER = "/trustedx-authserver";
    public static final String RESOURCES = "/trustedx-resources";

    private static final Logger log = LoggerFactory.getLogger(EparakstsSimulator.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final EparakstsSettings settings;
    private final Grants grants;
    private final PlatformOAuth oauth;
    private final IdentityLookup identities;
    private final ServerSigning signing;
    private final SigningLog signingLog;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final AtomicInteger batchesInFlight = new AtomicInteger();
    private final AtomicInteger mostBatchesInFlight = new AtomicInteger();
    private volatile Duration batchLatency = Duration.ZERO;

    public EparakstsSimulator(URI baseUrl, TestPki pki, EparakstsSettings settings, Clock clock) {
        this(baseUrl, pki, settings, clock, new SigningLog(clock));
    }

    /** As {@link #EparakstsSimulator(URI, TestPki, EparakstsSettings, Clock)}, recording each signed digest in {@code log}. */
    public EparakstsSimulator(URI baseUrl, TestPki pki, EparakstsSettings settings, Clock clock, SigningLog log) {
        this.signingLog = log;
        this.settings = settings;
        this.grants = new Grants(clock);
        this.identities = new IdentityLookup(settings, pki, grants, URI.create(baseUrl + RESOURCES));
        this.oauth = new PlatformOAuth(settings, grants, clock, identities);
        this.signing = new ServerSigning(settings, grants, identities, log);
    }

    /** Every digest this simulator signed. */
    public SigningLog signingLog() {
        return signingLog;
    }

    public EparakstsSettings settings() {
        return settings;
    }

    /**
     * How often an endpoint was called, errors included: {@code authorize}, {@code token}, {@code
     * introspect}, {@code users/me}, {@code sign_identities}, {@code server/raw}, {@code server/raw/batch}.
     */
    public int calls(String endpoint) {
        AtomicInteger count = calls.get(endpoint);
        return count == null ? 0 : count.get();
    }

    /** The number of requests of every successful {@code raw/batch}, in call order. */
    public List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    /** A person's confirmation of one set of digests for one seal identity, as the authorize endpoint gave it. */
    public record SigningApproval(String signIdentityId, String digestsSummary) {}

    /** Every signing approval given, in order (reset by {@link #resetCounters()}). */
    public List<SigningApproval> approvals() {
        return oauth.approvals();
    }

    /** Signature values handed out by successful raw and batch calls. */
    public int signatures() {
        return batchSizes.stream().mapToInt(Integer::intValue).sum() + signing.singleSignatures();
    }

    /** The most {@code raw/batch} calls that were being answered at the same time, since the last reset. */
    public int mostConcurrentBatches() {
        return mostBatchesInFlight.get();
    }

    /**
     * Test hook: each {@code raw/batch} takes at least {@code latency} (a remote platform's round
     * trip), holding one of the sandbox's HTTP threads meanwhile; zero ends it.
     */
    public void batchLatency(Duration latency) {
        batchLatency = latency;
    }

    public void resetCounters() {
        calls.clear();
        batchSizes.clear();
        mostBatchesInFlight.set(0);
        oauth.clearApprovals();
        signing.resetSingleSignatures();
    }

    /** Expires every user token now (an authorisation ending mid-run); returns how many there were. */
    public int expireUserTokens() {
        return grants.expireUserTokens();
    }

    /** Test hook: every {@code n}th value of a batch is a valid signature over the wrong digest; 0 ends it. */
    public void corruptEveryNthSignature(int n) {
        signing.corruptEveryNth(n);
    }

    /**
     * Test hook: each sign identity is not found by {@code sign_identities/{id}} for its first {@code
     * lookups} look-ups from now on, as identities that appear a little after the first login (spec
     * section 5.1); 0 ends it.
     */
    public void materialiseIdentitiesAfter(int lookups) {
        identities.materialiseAfter(lookups);
    }

    /** Test hook: whether the test person approves; when not, authorize answers {@code access_denied}. */
    public void approving(boolean approve) {
        oauth.approving(approve);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String endpoint = endpoint(path);
        try {
            calls.computeIfAbsent(endpoint, e -> new AtomicInteger()).incrementAndGet();
            dispatch(exchange, path, endpoint);
        } catch (PlatformError e) {
            log.debug("eParaksts {} answered {} {}: {}", endpoint, e.status(), e.error(), e.description());
            if (e.status() == 401) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"" + e.error() + "\"");
            }
            ApiExchanges.sendJson(
                    exchange, e.status(), Map.of("error", e.error(), "error_description", e.description()));
        } catch (RuntimeException e) {
            log.warn("eParaksts {} failed", endpoint, e);
            ApiExchanges.sendJson(
                    exchange, 500, Map.of("error", "server_error", "error_description", "Internal error"));
        } finally {
            exchange.close();
        }
    }

    private void dispatch(HttpExchange exchange, String path, String endpoint) throws IOException {
        String http = exchange.getRequestMethod();
        switch (endpoint) {
            case "authorize" -> {
                requireMethod(exchange, "GET");
                PlatformOAuth.Redirect redirect = oauth.authorize(asName(path), ApiExchanges.query(exchange));
                exchange.getResponseHeaders()
                        .set("Location", redirect.location().toString());
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.sendResponseHeaders(302, -1);
            }
            case "token" -> {
                requireMethod(exchange, "POST");
                requireForm(exchange);
                ApiExchanges.sendJson(
                        exchange,
                        200,
                        oauth.token(asName(path), ApiExchanges.form(readBody(exchange)), basic(exchange)));
            }
            case "introspect" -> {
                requireMethod(exchange, "POST");
                requireForm(exchange);
                ApiExchanges.sendJson(
                        exchange, 200, oauth.introspect(ApiExchanges.form(readBody(exchange)), basic(exchange)));
            }
            case "logout" -> {
                String redirect = ApiExchanges.query(exchange).get("redirect_uri");
                exchange.getResponseHeaders().set("Location", redirect == null ? "/" : redirect);
                exchange.sendResponseHeaders(302, -1);
            }
            case "users/me" -> {
                if (!"GET".equals(http) && !"POST".equals(http)) {
                    throw new PlatformError(405, "invalid_request", "Method not allowed: " + http);
                }
                ApiExchanges.sendJson(exchange, 200, identities.usersMe(bearer(exchange)));
            }
            case "sign_identities" -> {
                requireMethod(exchange, "GET");
                String id = path.substring(path.lastIndexOf('/') + 1);
                ApiExchanges.sendJson(exchange, 200, identities.signIdentity(bearer(exchange), id));
            }
            case "server/raw" -> {
                requireMethod(exchange, "POST");
                String token = bearer(exchange);
                JsonNode request = json(exchange);
                byte[] signature = signing.raw(token, request);
                exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.sendResponseHeaders(200, signature.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(signature);
                }
            }
            case "server/raw/batch" -> {
                requireMethod(exchange, "POST");
                String token = bearer(exchange);
                mostBatchesInFlight.accumulateAndGet(batchesInFlight.incrementAndGet(), Math::max);
                try {
                    hold(batchLatency);
                    List<String> signatures = signing.batch(token, json(exchange));
                    batchSizes.add(signatures.size());
                    ApiExchanges.sendJson(exchange, 200, Map.of("signatures", signatures));
                } finally {
                    batchesInFlight.decrementAndGet();
                }
            }
            default -> throw PlatformError.notFound("NotFoundException: " + path);
        }
    }

    private static void hold(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String endpoint(String path) {
        if (path.matches("/trustedx-authserver/oauth/[^/]+")) {
            return "authorize";
        }
        if (path.matches("/trustedx-authserver/oauth/[^/]+/token")) {
            return "token";
        }
        if (path.matches("/trustedx-authserver/oauth/[^/]+/introspect")) {
            return "introspect";
        }
        return switch (path) {
            case "/trustedx-authserver/lvrtc-eipsign-idp/logout" -> "logout";
            case "/trustedx-resources/openid/v1/users/me" -> "users/me";
            case "/trustedx-resources/esigp/v1/signatures/server/raw" -> "server/raw";
            case "/trustedx-resources/esigp/v1/signatures/server/raw/batch" -> "server/raw/batch";
            default -> path.matches("/trustedx-resources/esigp/v1/sign_identities/[^/]+") ? "sign_identities" : "other";
        };
    }

    private static String asName(String path) {
        String[] parts = path.split("/");
        return parts[3];
    }

    private static void requireMethod(HttpExchange exchange, String method) {
        ApiExchanges.requireMethod(
                exchange,
                method,
                () -> new PlatformError(405, "invalid_request", "Method not allowed: " + exchange.getRequestMethod()));
    }

    private static void requireForm(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            throw PlatformError.invalidRequest("Content-Type must be application/x-www-form-urlencoded");
        }
    }

    private static String bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null
                || !header.regionMatches(true, 0, "Bearer ", 0, 7)
                || header.substring(7).isBlank()) {
            throw PlatformError.invalidToken("Missing access token");
        }
        return header.substring(7).trim();
    }

    private static JsonNode json(HttpExchange exchange) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            throw PlatformError.invalidRequest("Content-Type must be application/json");
        }
        try {
            JsonNode node = JSON.readTree(readBody(exchange));
            if (node == null || !node.isObject()) {
                throw PlatformError.invalidRequest("The body must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw PlatformError.invalidRequest("Malformed JSON body");
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        return ApiExchanges.readBody(
                exchange,
                MAX_BODY,
                () -> new PlatformError(413, "invalid_request", "Body larger than " + MAX_BODY + " bytes"));
    }

    /** The API key: base64 of urlencode(client_id) ":" urlencode(client_secret) (spec §3.2). */
    private static PlatformOAuth.Client basic(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), UTF_8);
        } catch (IllegalArgumentException e) {
            throw new PlatformError(401, "invalid_client", "Malformed authorization header");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new PlatformError(401, "invalid_client", "Malformed authorization header");
        }
        return new PlatformOAuth.Client(
                URLDecoder.decode(decoded.substring(0, colon), UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), UTF_8));
    }

    static List<String> split(String scopes) {
        List<String> list = new ArrayList<>();
        for (String scope : scopes.trim().split("\\s+")) {
            if (!scope.isEmpty()) {
                list.add(scope);
            }
        }
        return list;
    }
}
