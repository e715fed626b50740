package dev.signingsuite.sandbox.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code PUT /_sandbox/faults/{simulator}} (a {@link FaultProfile} as JSON), {@code POST
 * /_sandbox/faults/{simulator}/outage?duration=PT2M}, {@code DELETE /_sandbox/faults} and {@code GET
 * /_sandbox/faults} (what is on now). Changes answer 204.
 */
final class FaultsEndpoint implements HttpHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_BODY = 4096;

    private final Faults faults;

    FaultsEndpoint(Faults faults) {
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String rest = exchange.getRequestURI().getPath().substring(Faults.CONTROL_PATH.length());
            String[] parts = rest.isEmpty() || rest.equals("/")
                    ? new String[0]
                    : rest.substring(1).split("/");
            String method = exchange.getRequestMethod();
            try {
                if (parts.length == 0 && method.equals("DELETE")) {
                    faults.clear();
                    send(exchange, 204, "");
                } else if (parts.length == 0 && method.equals("GET")) {
                    send(exchange, 200, JSON.writeValueAsString(faults.active()));
                } else if (parts.length == 1 && method.equals("PUT")) {
                    FaultProfile profile = JSON.readValue(body(exchange), FaultProfile.class);
                    faults.set(simulator(parts[0]), profile);
                    send(exchange, 204, "");
                } else if (parts.length == 2 && parts[1].equals("outage") && method.equals("POST")) {
                    faults.outage(
                            simulator(parts[0]),
                            duration(exchange.getRequestURI().getQuery()));
                    send(exchange, 204, "");
                } else {
                    send(exchange, 404, "no such fault control: " + method + " " + exchange.getRequestURI());
                }
            } catch (IllegalArgumentException | DateTimeParseException | JacksonException e) {
                send(exchange, 400, e.getMessage());
            }
        }
    }

    private static Simulator simulator(String name) {
        try {
            return Simulator.valueOf(name.toUpperCase(Locale.ROOT).replace("-", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown simulator " + name + ", one of TSA, OCSP, CSC, EPARAKSTS, SMARTID");
        }
    }

    private static Duration duration(String query) {
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("duration=")) {
                    return Duration.parse(pair.substring("duration=".length()));
                }
            }
        }
        throw new IllegalArgumentException("outage needs ?duration=, an ISO-8601 duration such as PT2M");
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new IllegalArgumentException("body over " + MAX_BODY + " bytes");
            }
            return body;
        }
    }

    private static void send(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        String type = status == 200 ? "application/json" : "text/plain; charset=utf-8";
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
