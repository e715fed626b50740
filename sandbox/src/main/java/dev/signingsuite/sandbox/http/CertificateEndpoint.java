package dev.signingsuite.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;

/**
 * Serves CA certificates as DER at {@code <context>/<name>.cer}: the caIssuers URLs the PKI writes
 * into authorityInfoAccess, which validators follow to complete a chain.
 */
public final class CertificateEndpoint implements HttpHandler {

    private final Map<String, byte[]> certificates;

    /** @param certificates DER certificates by file name, e.g. {@code issuing-ca.cer} */
    public CertificateEndpoint(Map<String, byte[]> certificates) {
        this.certificates = Map.copyOf(certificates);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                Exchanges.sendError(exchange, 405, "Method not allowed: " + exchange.getRequestMethod());
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String name = path.substring(path.lastIndexOf('/') + 1);
            byte[] certificate = certificates.get(name);
            if (certificate == null || !path.equals(exchange.getHttpContext().getPath() + "/" + name)) {
                Exchanges.sendError(exchange, 404, "No certificate " + path);
                return;
            }
            Exchanges.send(exchange, 200, "application/pkix-cert", certificate);
        } finally {
            exchange.close();
        }
    }
}
