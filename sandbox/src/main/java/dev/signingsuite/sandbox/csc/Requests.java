package dev.signingsuite.sandbox.csc;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading requests and writing answers on the JDK HTTP server, with CSC errors for bad input. */
final class Requests {

    private static final int MAX_BODY = 1024 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Requests() {}

    static JsonNode emptyObject() {
        return JSON.createObjectNode();
    }

    static void requireHttpMethod(HttpExchange exchange, String expected) {
        if (!expected.equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", expected);
            throw CscError.of(405, "invalid_request", "Method not allowed: " + exchange.getRequestMethod());
        }
    }

    static void requireMediaType(HttpExchange exchange, String expected) {
        String header = exchange.getRequestHeaders().getFirst("Content-Type");
        String mediaType = header == null ? "" : header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!expected.equals(mediaType)) {
            throw CscError.invalidRequest("Content-Type must be " + expected);
        }
    }

    static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw CscError.of(413, "invalid_request", "Body larger than " + MAX_BODY + " bytes");
            }
            return body;
        }
    }

    static JsonNode json(HttpExchange exchange, byte[] body) {
        requireMediaType(exchange, "application/json");
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

    static Map<String, String> query(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawQuery();
        return form(raw == null ? new byte[0] : raw.getBytes(UTF_8));
    }

    static Map<String, String> form(byte[] body) {
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

    static OAuthMethods.Secret clientBasic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        OAuthMethods.Secret secret = OAuthMethods.basic(header);
        if (secret == null) {
            throw CscError.invalidRequest("Malformed authorization header");
        }
        return secret;
    }

    static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
