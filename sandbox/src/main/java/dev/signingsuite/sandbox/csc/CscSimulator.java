package dev.signingsuite.sandbox.csc;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.signingsuite.sandbox.pki.PkiEntity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
 * A Cloud Signature Consortium API v2 remote signing service for tests and the standalone run:
 * {@code info}, OAuth 2.0 client credentials, {@code credentials/list|info|authorize} and {@code
 * signatures/signHash} with a real RSA key, served at {@code <base>/csc/v2/<method>}. It counts the
 * calls per method and the hashes per signHash so that tests can see how a client batches.
 */
public final class CscSimulator implements HttpHandler {

    /** The context path under the sandbox's base URL. */
    public static final String CONTEXT = "/csc/v2";

    private static final Logger log = LoggerFactory.getLogger(CscSimulator.class);
    private static final int MAX_BODY = 1024 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CscSettings settings;
    private final Authorizations authorizations;
    private final CscMethods methods;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<Integer> signHashSizes = new CopyOnWriteArrayList<>();

    /**
     * @param baseUrl the sandbox's base URL; the API is at {@code baseUrl + CONTEXT}
     * @param seal the key and chain the credential signs with
     * @param clock decides token and SAD expiry
     */
    public CscSimulator(URI baseUrl, PkiEntity seal, CscSettings settings, Clock clock) {
        this.settings = settings;
        this.authorizations = new Authorizations(clock);
        this.methods = new CscMethods(
                settings,
                new SealCredential(settings.credentialId(), seal, settings.multisign()),
                authorizations,
                URI.create(baseUrl + CONTEXT));
    }

    public CscSettings settings() {
        return settings;
    }

    /** How often {@code method} (e.g. {@code signatures/signHash}) was called, errors included. */
    public int calls(String method) {
        AtomicInteger count = calls.get(method);
        return count == null ? 0 : count.get();
    }

    /** The number of hashes of every successful signHash, in call order. */
    public List<Integer> signHashSizes() {
        return List.copyOf(signHashSizes);
    }

    public void resetCounters() {
        calls.clear();
        signHashSizes.clear();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = path.startsWith(CONTEXT + "/") ? path.substring(CONTEXT.length() + 1) : "";
        try {
            calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
            Object answer = dispatch(exchange, method);
            send(exchange, 200, answer);
        } catch (CscError e) {
            log.debug("CSC {} answered {} {}: {}", method, e.status(), e.error(), e.description());
            if (e.status() == 401) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"" + e.error() + "\"");
            }
            send(exchange, e.status(), Map.of("error", e.error(), "error_description", e.description()));
        } catch (RuntimeException e) {
            log.warn("CSC {} failed", method, e);
            send(exchange, 500, Map.of("error", "server_error", "error_description", "Internal error"));
        } finally {
            exchange.close();
        }
    }

    private Object dispatch(HttpExchange exchange, String method) throws IOException {
        String httpMethod = exchange.getRequestMethod();
        // Some clients read info with GET (CZERTAINLY's server serves it so); both are accepted.
        if ("info".equals(method) && ("GET".equals(httpMethod) || "POST".equals(httpMethod))) {
            return methods.info();
        }
        if (!"info".equals(method) && !CscMethods.IMPLEMENTED.contains(method)) {
            throw CscError.of(404, "invalid_request", "Unknown or not implemented method: " + method);
        }
        if (!"POST".equals(httpMethod)) {
            exchange.getResponseHeaders().set("Allow", "POST");
            throw CscError.of(405, "invalid_request", "Method not allowed: " + httpMethod);
        }
        if ("oauth2/token".equals(method)) {
            requireMediaType(exchange, "application/x-www-form-urlencoded");
            return methods.token(form(readBody(exchange)), basic(exchange));
        }
        authorizations.requireToken(exchange.getRequestHeaders().getFirst("Authorization"));
        requireMediaType(exchange, "application/json");
        JsonNode request = json(readBody(exchange));
        return switch (method) {
            case "credentials/list" -> methods.credentialsList(request);
            case "credentials/info" -> methods.credentialsInfo(request);
            case "credentials/authorize" -> methods.credentialsAuthorize(request);
            case "signatures/signHash" -> {
                Map<String, Object> signed = methods.signHash(request);
                signHashSizes.add(((List<?>) signed.get("signatures")).size());
                yield signed;
            }
            default -> throw new IllegalStateException("unrouted method " + method);
        };
    }

    private static void requireMediaType(HttpExchange exchange, String expected) {
        String header = exchange.getRequestHeaders().getFirst("Content-Type");
        String mediaType = header == null ? "" : header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!expected.equals(mediaType)) {
            throw CscError.invalidRequest("Content-Type must be " + expected);
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw CscError.of(413, "invalid_request", "Body larger than " + MAX_BODY + " bytes");
            }
            return body;
        }
    }

    private static JsonNode json(byte[] body) {
        if (body.length == 0) {
            throw CscError.invalidRequest("Empty body: a method without input takes {}");
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw CscError.invalidRequest("The body must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw CscError.invalidRequest("Malformed JSON body");
        }
    }

    private static Map<String, String> form(byte[] body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(body, UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), UTF_8);
            form.putIfAbsent(name, value);
        }
        return form;
    }

    private static CscMethods.ClientAuthentication basic(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), UTF_8);
        } catch (IllegalArgumentException e) {
            throw CscError.invalidRequest("Malformed authorization header");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw CscError.invalidRequest("Malformed authorization header");
        }
        return new CscMethods.ClientAuthentication(
                URLDecoder.decode(decoded.substring(0, colon), UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), UTF_8));
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
