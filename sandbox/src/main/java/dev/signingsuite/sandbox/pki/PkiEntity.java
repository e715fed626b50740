package dev.signingsuite.sandbox.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A key and its certificate.
 *
 * @param chain the certificate path from this certificate (first) to the root (last)
 */
public record PkiEntity(String name, PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> chain) {

    public PkiEntity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        chain = List.copyOf(chain);
        if (chain.isEmpty() || !chain.get(0).equals(certificate)) {
            throw new IllegalArgumentException("chain must start with the certificate of " + name);
        }
    }

    /** The certificate of the entity that issued this one; the root's own for the root. */
    public X509Certificate issuerCertificate() {
        return chain.size() > 1 ? chain.get(1) : certificate;
    }

    /** The JCA algorithm this entity signs with (SHA256withRSA or SHA256withECDSA). */
    public String signatureAlgorithm() {
        return KeyKind.of(certificate.getPublicKey()).signatureAlgorithm();
    }

    @Override
    public String toString() {
        // Keeps the private key out of logs and assertion messages.
        return "PkiEntity[" + name + ", " + certificate.getSubjectX500Principal() + "]";
    }
}
