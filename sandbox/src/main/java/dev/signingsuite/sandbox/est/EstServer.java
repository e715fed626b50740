package dev.signingsuite.sandbox.est;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.signingsuite.sandbox.http.SandboxHttpServer;
import dev.signingsuite.sandbox.pki.CertificationRequests;
import dev.signingsuite.sandbox.pki.OneTimeCa;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-time CA's RFC 7030 (EST) endpoint over TLS: {@code GET /.well-known/est/cacerts} and
 * {@code POST /.well-known/est/<label>/simpleenroll}. The suite enrols as a registration authority
 * with HTTP Basic credentials and names the subject it vouched for as the request's label (the
 * base64url DER name, RFC 7030 3.2.2's additional path segment): a request whose subject differs,
 * or whose proof of possession fails, gets 400 with the reason.
 */
public final class EstServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EstServer.class);
    private static final String PREFIX = "/.well-known/est/";

    private final HttpsServer server;
    private final ExecutorService executor;
    private final OneTimeCa ca;
    private final String authorization;

    private EstServer(HttpsServer server, ExecutorService executor, OneTimeCa ca, String authorization) {
        this.server = server;
        this.executor = executor;
        this.ca = ca;
        this.authorization = authorization;
    }

    /**
     * Starts on 127.0.0.1 (port 0: any free one).
     *
     * @param raUser the registration authority's user name
     * @param raSecret its password
     */
    public static EstServer start(OneTimeCa ca, int port, String raUser, String raSecret) throws IOException {
        try {
            KeyPair tls = CertificationRequests.p256();
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(ca.tlsServerCertificate(tls.getPublic()));
            chain.addAll(ca.issuers());
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            char[] password = "est".toCharArray();
            keys.setKeyEntry("tls", tls.getPrivate(), password, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, password);
            SSLContext tlsContext = SSLContext.getInstance("TLS");
            tlsContext.init(managers.getKeyManagers(), null, null);
            SandboxHttpServer.noDelay();
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            server.setHttpsConfigurator(new HttpsConfigurator(tlsContext));
            ExecutorService executor = Executors.newFixedThreadPool(2);
            server.setExecutor(executor);
            String basic = "Basic "
                    + Base64.getEncoder().encodeToString((raUser + ":" + raSecret).getBytes(StandardCharsets.UTF_8));
            EstServer est = new EstServer(server, executor, ca, basic);
            server.createContext(PREFIX, est::handle);
            server.start();
            return est;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot start the sandbox EST server", e);
        }
    }

    /** {@code host:port}, as an EST client names the server. */
    public String authority() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            if (path.equals("cacerts") && exchange.getRequestMethod().equals("GET")) {
                reply(exchange, 200, "application/pkcs7-mime", certsOnly(ca.issuers()));
            } else if (path.endsWith("/simpleenroll")
                    && exchange.getRequestMethod().equals("POST")) {
                enrol(exchange, path.substring(0, path.length() - "/simpleenroll".length()));
            } else {
                reply(exchange, 404, "text/plain", "no such EST operation".getBytes(StandardCharsets.UTF_8));
            }
        } catch (RuntimeException e) {
            log.warn("EST request failed", e);
        }
    }

    private void enrol(HttpExchange exchange, String label) throws IOException {
        // Read first: an unread request body makes the JDK server drop the answer with the connection.
        byte[] body = exchange.getRequestBody().readAllBytes();
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        if (given == null
                || !MessageDigest.isEqual(
                        given.getBytes(StandardCharsets.UTF_8), authorization.getBytes(StandardCharsets.UTF_8))) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"sandbox-est\"");
            // No body: BouncyCastle's client closes a challenge unread and fails on an unread body.
            exchange.sendResponseHeaders(401, -1);
            return;
        }
        byte[] request;
        X500Name vouched;
        try {
            request = Base64.getMimeDecoder().decode(body);
            vouched = X500Name.getInstance(Base64.getUrlDecoder().decode(label));
        } catch (IllegalArgumentException e) {
            reply(exchange, 400, "text/plain", ("unreadable request or label: " + e.getMessage()).getBytes());
            return;
        }
        try {
            X509Certificate issued = ca.enrol(request, vouched);
            reply(exchange, 200, "application/pkcs7-mime; smime-type=certs-only", certsOnly(List.of(issued)));
        } catch (OneTimeCa.Refused e) {
            reply(exchange, 400, "text/plain", e.getMessage().getBytes(StandardCharsets.UTF_8));
        }
    }

    // RFC 7030 4.1.3, 4.2.3: a certs-only CMS SignedData, base64.
    private static byte[] certsOnly(List<X509Certificate> certificates) throws IOException {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addCertificates(new JcaCertStore(certificates));
            return Base64.getMimeEncoder()
                    .encode(generator.generate(new CMSAbsentContent()).getEncoded());
        } catch (Exception e) {
            throw new IOException("cannot encode certificates", e);
        }
    }

    private static void reply(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        if (status == 200) {
            exchange.getResponseHeaders().add("Content-Transfer-Encoding", "base64");
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
