package dev.signingsuite.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.function.Function;

/**
 * Serves a CA's CRL as DER at {@code <context>/<ca>.crl}, issued afresh on each request: the CRL
 * distribution points the PKI writes into Smart-ID certificates.
 */
public final class CrlEndpoint implements HttpHandler {

    private final Function<String, byte[]> crls;

    /** @param crls the DER CRL of a CA by its entity name, or null when there is no such CA */
    public CrlEndpoint(Function<String, byte[]> crls) {
        this.crls = crls;
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
            byte[] crl = !name.endsWith(".crl")
                            || !path.equals(exchange.getHttpContext().getPath() + "/" + name)
                    ? null
                    : crls.apply(name.substring(0, name.length() - 4));
            if (crl == null) {
                Exchanges.sendError(exchange, 404, "No CRL " + path);
                return;
            }
            Exchanges.send(exchange, 200, "application/pkix-crl", crl);
        } finally {
            exchange.close();
        }
    }
}
