package dev.signingsuite.provider.runtime;

import dev.signingsuite.signature.DssSignatures;
import eu.europa.esig.dss.enumerations.EncryptionAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.DSSASN1Utils;
import java.util.Optional;

/**
 * The one check every returned signature value passes before it is published: it must verify over
 * DSS's data to be signed with the signer's certificate. ECDSA values are first brought into the
 * DER {@code ECDSA-Sig-Value} that CAdES carries (DSS turns it back into {@code r‖s} for XAdES): services may answer raw {@code r‖s} (P1363).
 */
final class SignatureValueCheck {

    private final DssSignatures signatures;

    SignatureValueCheck(DssSignatures signatures) {
        this.signatures = signatures;
    }

    /** The value as DSS takes it, if it verifies; empty if it does not. */
    Optional<byte[]> verified(
            byte[] dataToSign, byte[] value, SignatureAlgorithm algorithm, CertificateToken certificate) {
        if (value == null || value.length == 0) {
            return Optional.empty();
        }
        byte[] normalised = algorithm.getEncryptionAlgorithm() == EncryptionAlgorithm.ECDSA ? derEcdsa(value) : value;
        if (normalised == null) {
            return Optional.empty();
        }
        try {
            boolean valid = signatures.isValidSignatureValue(
                    new ToBeSigned(dataToSign), new SignatureValue(algorithm, normalised), certificate);
            return valid ? Optional.of(normalised) : Optional.empty();
        } catch (RuntimeException e) {
            // A value of the wrong length or shape is as unusable as a wrong one.
            return Optional.empty();
        }
    }

    private static byte[] derEcdsa(byte[] value) {
        try {
            return DSSASN1Utils.isAsn1EncodedSignatureValue(value)
                    ? value
                    : DSSASN1Utils.toStandardDSASignatureValue(value);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
