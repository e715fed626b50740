package dev.signingsuite.provider.csc.client;

import eu.europa.esig.dss.model.x509.CertificateToken;
import java.util.List;
import java.util.Optional;

/**
 * A credential as {@code credentials/info} described it: the signing certificate, its issuers
 * (nearest first, the form {@code DssParameters.describe} takes), the signature algorithms the key
 * supports and how many signatures one authorisation may cover.
 *
 * @param keyEnabled {@code key.status} is {@code enabled}
 * @param certificateStatus {@code cert.status} ({@code valid}, {@code expired}, …), or null if the
 *     service did not say
 */
public record CscCredential(
        String id,
        CertificateToken signingCertificate,
        List<CertificateToken> issuers,
        List<String> keyAlgorithms,
        int multisign,
        boolean keyEnabled,
        String certificateStatus) {

    public static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
    public static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    public static final String SHA256 = "2.16.840.1.101.3.4.2.1";

    public CscCredential {
        issuers = List.copyOf(issuers);
        keyAlgorithms = List.copyOf(keyAlgorithms);
        if (multisign < 1) {
            throw new IllegalArgumentException("multisign must be at least 1: " + multisign);
        }
    }

    /**
     * How to ask for an RSA PKCS#1 v1.5 signature over a SHA-256 digest with this key: {@code
     * sha256WithRSAEncryption}, or bare {@code rsaEncryption} with {@code hashAlgorithmOID} (the
     * specification's two spellings); empty if the key offers neither.
     */
    public Optional<HashSigning> rsaSha256() {
        if (keyAlgorithms.contains(SHA256_WITH_RSA)) {
            return Optional.of(new HashSigning(SHA256_WITH_RSA, null));
        }
        if (keyAlgorithms.contains(RSA_ENCRYPTION)) {
            return Optional.of(new HashSigning(RSA_ENCRYPTION, SHA256));
        }
        return Optional.empty();
    }

    /**
     * @param signAlgo the {@code signAlgo} OID
     * @param hashAlgorithmOid the {@code hashAlgorithmOID}, only when {@code signAlgo} does not imply it
     */
    public record HashSigning(String signAlgo, String hashAlgorithmOid) {}
}
