package dev.signingsuite.sandbox.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading requests and writing JSON answers for the simulated remote-signing APIs (Smart-ID,
 * eParaksts, CSC). Each simulator keeps its own error shape: a failed check throws the exception the
 * caller supplies, which the simulator then maps to its API's error body.
 */
public final class ApiExchanges {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ApiExchanges() {}

    /** Answers {@code body} as JSON; never cached, since answers carry tokens and session secrets. */
    public static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Sets {@code Allow} and throws {@code notAllowed} unless the request uses {@code method}. */
    public static void requireMethod(
            HttpExchange exchange, String method, Supplier<? extends RuntimeException> notAllowed) {
        if (!method.equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", method);
            throw notAllowed.get();
        }
    }

    /** The whole body; reads one byte past {@code limit} to tell a too large body without buffering it all. */
    public static byte[] readBody(HttpExchange exchange, int limit, Supplier<? extends RuntimeException> tooLarge)
            throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw tooLarge.get();
            }
            return body;
        }
    }

    /** The request's query parameters; the first of a repeated name wins, as in {@link #form}. */
    public static Map<String, String> query(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawQuery();
        return form(raw == null ? new byte[0] : raw.getBytes(UTF_8));
    }

    /** An {@code application/x-www-form-urlencoded} body; the first of a repeated name wins. */
    public static Map<String, String> form(byte[] body) {
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
}
