package dev.signingsuite.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;

/**
 * Serves named DER files under its context, {@code <context>/<name>}: the CA certificates of the
 * caIssuers URLs and the CRLs of the distribution points the PKI writes into certificates, which
 * validators follow. Anything else under the context is a 404.
 */
public final class DerFileEndpoint implements HttpHandler {

    private final Function<String, byte[]> files;
    private final String contentType;
    private final String kind;

    private DerFileEndpoint(Function<String, byte[]> files, String contentType, String kind) {
        this.files = files;
        this.contentType = contentType;
        this.kind = kind;
    }

    /** @param certificates DER certificates by file name, e.g. {@code issuing-ca.cer} */
    public static DerFileEndpoint certificates(Map<String, byte[]> certificates) {
        return new DerFileEndpoint(Map.copyOf(certificates)::get, "application/pkix-cert", "certificate");
    }

    /**
     * @param crls the DER CRL of a CA by its entity name, issued afresh on each request, or null when
     *     there is no such CA; served as {@code <ca>.crl}
     */
    public static DerFileEndpoint crls(Function<String, byte[]> crls) {
        return new DerFileEndpoint(
                name -> name.endsWith(".crl") ? crls.apply(name.substring(0, name.length() - 4)) : null,
                "application/pkix-crl",
                "CRL");
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
            byte[] file = path.equals(exchange.getHttpContext().getPath() + "/" + name) ? files.apply(name) : null;
            if (file == null) {
                Exchanges.sendError(exchange, 404, "No " + kind + " " + path);
                return;
            }
            Exchanges.send(exchange, 200, contentType, file);
        } finally {
            exchange.close();
        }
    }
}
