package dev.signingsuite.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A back office's webhook endpoint, a real HTTP server: records every request; on {@code /flaky}
 * answers 500 to the first {@link #FLAKY_FAILURES} attempts of each message, on {@code /down} always. Also a verifier of
 * Standard Webhooks signatures written from the specification, independent of the gateway's code.
 */
final class WebhookReceiver implements AutoCloseable {

    static final int FLAKY_FAILURES = 3;

    /** One request as it arrived. */
    record Received(String path, String id, String timestamp, String signature, String body, int answered) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), UTF_8);
            }
            String path = exchange.getRequestURI().getPath();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            int status = 204;
            if (path.equals("/down")) {
                status = 500;
            } else if (path.equals("/flaky")
                    && attempts.computeIfAbsent(id, i -> new AtomicInteger()).incrementAndGet() <= FLAKY_FAILURES) {
                status = 500;
            }
            received.add(new Received(
                    path,
                    id,
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"),
                    body,
                    status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * Standard Webhooks: the secret after {@code whsec_} is base64 of the key; the signed content is
     * {@code id.timestamp.body}; the header holds space-separated {@code v1,<base64 HMAC-SHA256>}
     * signatures, any of which may match; compared in constant time.
     */
    static boolean verifies(String secret, String id, String timestamp, String body, String signatureHeader) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(UTF_8));
            for (String signature : signatureHeader.split(" ")) {
                int comma = signature.indexOf(',');
                if (comma > 0
                        && signature.substring(0, comma).equals("v1")
                        && MessageDigest.isEqual(
                                expected, Base64.getDecoder().decode(signature.substring(comma + 1)))) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
