package dev.signingsuite.sandbox.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;

/** Key types an entity may have; the issuer's kind decides the certificate's signature algorithm. */
public enum KeyKind {
    RSA_2048("RSA", 2048, "SHA256withRSA"),
    RSA_3072("RSA", 3072, "SHA256withRSA"),
    EC_P256("EC", 256, "SHA256withECDSA");

    private final String algorithm;
    private final int size;
    private final String signatureAlgorithm;

    KeyKind(String algorithm, int size, String signatureAlgorithm) {
        this.algorithm = algorithm;
        this.size = size;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The JCA signature algorithm a key of this kind signs certificates and tokens with. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (this == EC_P256) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(size);
        }
        return generator.generateKeyPair();
    }

    static KeyKind of(PublicKey key) {
        if (key instanceof ECKey) {
            return EC_P256;
        }
        int bits = ((RSAKey) key).getModulus().bitLength();
        return bits > 2048 ? RSA_3072 : RSA_2048;
    }
}
