package dev.signingsuite.sandbox.csc;

import com.sun.net.httpserver.HttpExchange;
import dev.signingsuite.sandbox.http.ApiExchanges;
import java.io.IOException;
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
        ApiExchanges.requireMethod(
                exchange,
                expected,
                () -> CscError.of(405, "invalid_request", "Method not allowed: " + exchange.getRequestMethod()));
    }

    static void requireMediaType(HttpExchange exchange, String expected) {
        String header = exchange.getRequestHeaders().getFirst("Content-Type");
        String mediaType = header == null ? "" : header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!expected.equals(mediaType)) {
            throw CscError.invalidRequest("Content-Type must be " + expected);
        }
    }

    static byte[] readBody(HttpExchange exchange) throws IOException {
        return ApiExchanges.readBody(
                exchange,
                MAX_BODY,
                () -> CscError.of(413, "invalid_request", "Body larger than " + MAX_BODY + " bytes"));
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
        return ApiExchanges.query(exchange);
    }

    static Map<String, String> form(byte[] body) {
        return ApiExchanges.form(body);
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
        ApiExchanges.sendJson(exchange, status, body);
    }
}
