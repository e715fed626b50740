package dev.signingsuite.sandbox.csc;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The authorisation page of a registered device's credential: the person types the PIN, and the
 * form POSTs the authorisation request back with it (never in a URL, so never in a log).
 */
record PinPage(Map<String, String> request, String credentialId) {

    PinPage {
        request = new TreeMap<>(request);
        request.remove("pin");
    }

    void send(HttpExchange exchange) throws IOException {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><title>Sign with your device</title>")
                .append("</head><body><h1>Sign with ")
                .append(escape(credentialId))
                .append("</h1><form method=\"post\">");
        request.forEach((name, value) -> html.append("<input type=\"hidden\" name=\"")
                .append(escape(name))
                .append("\" value=\"")
                .append(escape(value))
                .append("\">"));
        html.append("<label>PIN <input type=\"password\" name=\"pin\" inputmode=\"numeric\"")
                .append(" autocomplete=\"off\"></label><button type=\"submit\">Sign</button></form></body></html>");
        byte[] body = html.toString().getBytes(UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
