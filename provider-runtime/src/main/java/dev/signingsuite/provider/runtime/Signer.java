package dev.signingsuite.provider.runtime;

import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.x509.CertificateToken;
import java.util.List;
import java.util.Objects;

/**
 * A signing key as the runtime needs it: documents resolved to signers of the same {@code id} are
 * signed together, in calls of at most {@code maxBatchSize}.
 *
 * @param id the provider's name for the key (credential, seal, approval); opaque to the runtime
 * @param certificate the signing certificate every value is verified against
 * @param chain its issuers, nearest first, carried into the signature
 * @param algorithm what the service computes; its digest algorithm hashes the data to be signed
 */
public record Signer(
        String id,
        CertificateToken certificate,
        List<CertificateToken> chain,
        SignatureAlgorithm algorithm,
        int maxBatchSize) {

    public Signer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(algorithm, "algorithm");
        chain = List.copyOf(chain);
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, not " + maxBatchSize);
        }
    }
}
