package dev.signingsuite.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Base64;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a DER request/response protocol over HTTP (RFC 3161 section 3.4, RFC 6960 appendix A):
 * POST with the request as body and, when enabled, GET with the request base64-encoded in the path.
 * The handler throws {@link IllegalArgumentException} for a body it cannot parse (answered 400);
 * protocols that report malformed requests in their own response format just return that response.
 */
public final class BinaryEndpoint implements HttpHandler {

    public static final int DEFAULT_MAX_BODY = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(BinaryEndpoint.class);

    private final String requestType;
    private final String responseType;
    private final UnaryOperator<byte[]> handler;
    private final boolean acceptsGet;
    private final int maxBody;

    public BinaryEndpoint(
            String requestType, String responseType, UnaryOperator<byte[]> handler, boolean acceptsGet, int maxBody) {
        this.requestType = Objects.requireNonNull(requestType, "requestType");
        this.responseType = Objects.requireNonNull(responseType, "responseType");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.acceptsGet = acceptsGet;
        this.maxBody = maxBody;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] request = readRequest(exchange);
            if (request == null) {
                return; // already answered
            }
            byte[] response;
            try {
                response = handler.apply(request);
            } catch (IllegalArgumentException e) {
                Exchanges.sendError(exchange, 400, "Bad request: " + e.getMessage());
                return;
            }
            Exchanges.send(exchange, 200, responseType, response);
        } catch (RuntimeException e) {
            log.warn("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            Exchanges.sendError(exchange, 500, "Internal error");
        } finally {
            exchange.close();
        }
    }

    private byte[] readRequest(HttpExchange exchange) throws IOException {
        String contextPath = exchange.getHttpContext().getPath();
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if ("POST".equals(method)) {
            if (!path.equals(contextPath) && !path.equals(contextPath + "/")) {
                Exchanges.sendError(exchange, 404, "Not found: " + path);
                return null;
            }
            if (!Exchanges.mediaType(exchange).equals(requestType)) {
                Exchanges.sendError(exchange, 415, "Content-Type must be " + requestType);
                return null;
            }
            // Refused from the header first, so an oversized body is never read.
            if (Exchanges.declaredLength(exchange) > maxBody) {
                Exchanges.sendError(exchange, 413, "Body larger than " + maxBody + " bytes");
                return null;
            }
            byte[] body = Exchanges.readAtMost(exchange.getRequestBody(), maxBody);
            if (body == null) {
                Exchanges.sendError(exchange, 413, "Body larger than " + maxBody + " bytes");
                return null;
            }
            if (body.length == 0) {
                Exchanges.sendError(exchange, 400, "Empty body");
                return null;
            }
            return body;
        }
        if (acceptsGet && "GET".equals(method) && path.startsWith(contextPath + "/")) {
            String encoded = path.substring(contextPath.length() + 1);
            if (encoded.length() > maxBody * 4 / 3 + 4) {
                Exchanges.sendError(exchange, 414, "Request too long");
                return null;
            }
            return decode(encoded);
        }
        exchange.getResponseHeaders().set("Allow", acceptsGet ? "GET, POST" : "POST");
        Exchanges.sendError(exchange, 405, "Method not allowed: " + method);
        return null;
    }

    // getPath() has already undone the percent-encoding; accept the URL-safe alphabet as well.
    private static byte[] decode(String encoded) {
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            try {
                return Base64.getUrlDecoder().decode(encoded);
            } catch (IllegalArgumentException notBase64) {
                // Handed on as garbage: the protocol answers it in its own format (malformedRequest).
                return new byte[0];
            }
        }
    }
}
