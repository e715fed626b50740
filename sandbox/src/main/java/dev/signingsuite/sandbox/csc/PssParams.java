package dev.signingsuite.sandbox.csc;

import dev.signingsuite.sandbox.csc.SignAlgorithms.HashAlgorithm;
import java.math.BigInteger;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/** The {@code signAlgoParams} of RSASSA-PSS; anything else in them is "Invalid parameter signAlgoParams". */
final class PssParams {

    private PssParams() {}

    /** RSASSA-PSS-params (RFC 8017 appendix A.2.3), DER in Base64: SHA-2 digest, MGF1, trailer 1. */
    static Credential.Pss parse(String params) {
        try {
            RSASSAPSSparams parsed = RSASSAPSSparams.getInstance(
                    ASN1Primitive.fromByteArray(Base64.getDecoder().decode(params)));
            HashAlgorithm hash = SignAlgorithms.digest(
                            parsed.getHashAlgorithm().getAlgorithm().getId())
                    .orElseThrow(() -> CscError.invalid("signAlgoParams"));
            AlgorithmIdentifier mgf = parsed.getMaskGenAlgorithm();
            if (!SignAlgorithms.MGF1.equals(mgf.getAlgorithm().getId())) {
                throw CscError.invalid("signAlgoParams");
            }
            HashAlgorithm mgfHash = SignAlgorithms.digest(AlgorithmIdentifier.getInstance(mgf.getParameters())
                            .getAlgorithm()
                            .getId())
                    .orElseThrow(() -> CscError.invalid("signAlgoParams"));
            if (!BigInteger.ONE.equals(parsed.getTrailerField())) {
                throw CscError.invalid("signAlgoParams");
            }
            return new Credential.Pss(hash, mgfHash, parsed.getSaltLength().intValueExact());
        } catch (CscError e) {
            throw e;
        } catch (Exception e) {
            throw CscError.invalid("signAlgoParams");
        }
    }
}
