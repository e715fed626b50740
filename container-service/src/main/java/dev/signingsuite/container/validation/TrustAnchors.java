package dev.signingsuite.container.validation;

import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

/** The root certificates a container's signature must chain to, read once from a PEM file. */
public final class TrustAnchors {

    private TrustAnchors() {}

    /**
     * @throws IllegalStateException when the file holds no certificate: a service that trusts nothing
     *     would fail every document, so it must not start
     */
    public static CommonTrustedCertificateSource load(Path pem) throws IOException {
        Collection<? extends java.security.cert.Certificate> certificates;
        try (InputStream in = Files.newInputStream(pem)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (CertificateException e) {
            throw new IllegalStateException("trust anchors " + pem + " are not PEM certificates: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalStateException("trust anchors " + pem + " hold no certificate");
        }
        CommonTrustedCertificateSource source = new CommonTrustedCertificateSource();
        for (var certificate : certificates) {
            source.addCertificate(new CertificateToken((X509Certificate) certificate));
        }
        return source;
    }
}
