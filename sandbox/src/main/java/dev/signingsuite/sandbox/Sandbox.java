package dev.signingsuite.sandbox;

import dev.signingsuite.sandbox.http.BinaryEndpoint;
import dev.signingsuite.sandbox.http.CertificateEndpoint;
import dev.signingsuite.sandbox.http.SandboxHttpServer;
import dev.signingsuite.sandbox.ocsp.OcspResponder;
import dev.signingsuite.sandbox.pki.PkiEntity;
import dev.signingsuite.sandbox.pki.PkiSettings;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.sandbox.pki.TestPki;
import dev.signingsuite.sandbox.tsa.TimeStampAuthority;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trust services of the outside world on one local HTTP port: an RFC 3161 TSA at {@code /tsa},
 * an OCSP responder at {@code /ocsp} and CA certificates at {@code /certs}, all backed by a test
 * PKI kept in the data directory.
 */
public final class Sandbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Sandbox.class);

    private final SandboxHttpServer server;
    private final TestPki pki;
    private final Path trustAnchorPem;
    private final TimeStampAuthority timeStampAuthority;
    private final OcspResponder ocspResponder;

    private Sandbox(
            SandboxHttpServer server,
            TestPki pki,
            Path trustAnchorPem,
            TimeStampAuthority timeStampAuthority,
            OcspResponder ocspResponder) {
        this.server = server;
        this.pki = pki;
        this.trustAnchorPem = trustAnchorPem;
        this.timeStampAuthority = timeStampAuthority;
        this.ocspResponder = ocspResponder;
    }

    public static Sandbox start(SandboxSettings settings) throws IOException {
        // Bound first: with port 0 the base URL, which a new PKI writes into its AIA, is known only now.
        SandboxHttpServer server = SandboxHttpServer.bind(settings.host(), settings.port());
        try {
            TestPki pki = TestPki.loadOrCreate(settings.dataDir().resolve("pki"), new PkiSettings(server.baseUrl()));
            Path trustAnchor = pki.exportTrustAnchor(settings.dataDir().resolve("trust-anchor.pem"));
            TimeStampAuthority tsa = new TimeStampAuthority(pki.entity(SandboxEntities.TSA));
            OcspResponder ocsp = new OcspResponder(pki);
            server.register(
                    "/tsa",
                    new BinaryEndpoint(
                            "application/timestamp-query",
                            "application/timestamp-reply",
                            tsa::respond,
                            false,
                            BinaryEndpoint.DEFAULT_MAX_BODY));
            server.register(
                    "/ocsp",
                    new BinaryEndpoint(
                            "application/ocsp-request",
                            "application/ocsp-response",
                            ocsp::respond,
                            true,
                            BinaryEndpoint.DEFAULT_MAX_BODY));
            server.register("/certs", new CertificateEndpoint(caCertificates(pki)));
            server.start();
            Sandbox sandbox = new Sandbox(server, pki, trustAnchor, tsa, ocsp);
            log.info(
                    "Sandbox started: TSA {}, OCSP {}, trust anchor {}",
                    sandbox.tsaUrl(),
                    sandbox.ocspUrl(),
                    trustAnchor.toAbsolutePath());
            return sandbox;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public URI baseUrl() {
        return server.baseUrl();
    }

    public URI tsaUrl() {
        return URI.create(server.baseUrl() + "/tsa");
    }

    public URI ocspUrl() {
        return URI.create(server.baseUrl() + "/ocsp");
    }

    public Path trustAnchorPem() {
        return trustAnchorPem;
    }

    public TestPki pki() {
        return pki;
    }

    /** The TSA behind {@link #tsaUrl()}. */
    public TimeStampAuthority timeStampAuthority() {
        return timeStampAuthority;
    }

    /** The responder behind {@link #ocspUrl()}; its request count shows whether clients cache. */
    public OcspResponder ocspResponder() {
        return ocspResponder;
    }

    @Override
    public void close() {
        server.close();
    }

    // The CAs that certificates name in their caIssuers URLs.
    private static Map<String, byte[]> caCertificates(TestPki pki) {
        Map<String, byte[]> certificates = new HashMap<>();
        for (PkiEntity ca : new PkiEntity[] {pki.root(), pki.issuingCa()}) {
            try {
                certificates.put(ca.name() + ".cer", ca.certificate().getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("cannot encode " + ca, e);
            }
        }
        return certificates;
    }
}
