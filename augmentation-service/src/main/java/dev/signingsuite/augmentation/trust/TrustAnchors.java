package dev.signingsuite.augmentation.trust;

import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

/** Reads the trust anchors from a PEM file, once, at start-up. */
final class TrustAnchors {

    private TrustAnchors() {}

    /** @throws IllegalStateException naming the file when it is missing, unreadable or holds no certificate */
    public static CommonTrustedCertificateSource load(Path pemFile) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pemFile)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException(
                    "signing.augmentation.trust-anchors: cannot read certificates from " + pemFile.toAbsolutePath(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalStateException(
                    "signing.augmentation.trust-anchors: " + pemFile.toAbsolutePath() + " holds no certificate");
        }
        CommonTrustedCertificateSource source = new CommonTrustedCertificateSource();
        certificates.forEach(certificate -> source.addCertificate(new CertificateToken((X509Certificate) certificate)));
        return source;
    }
}
