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
    /** Smart-ID's person keys (768-byte signatures); slow to generate, so kept in {@link KeyCache}. */
    RSA_6144("RSA", 6144, "SHA256withRSA"),
    EC_P256("EC", 256, "SHA256withECDSA"),
    /** SK's "E" CAs (EID-Q 2024E, ROOT G1E): certificates signed ecdsa-with-SHA384. */
    EC_P384("EC", 384, "SHA384withECDSA");

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

    /** Bits of the modulus (RSA) or of the curve's field (EC). */
    public int size() {
        return size;
    }

    KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (this == EC_P256) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else if (this == EC_P384) {
            generator.initialize(new ECGenParameterSpec("secp384r1"));
        } else {
            generator.initialize(size);
        }
        return generator.generateKeyPair();
    }

    /** A new key for the entity {@code name}; an RSA-6144 key comes from the {@link KeyCache}. */
    KeyPair generate(String name) throws GeneralSecurityException {
        return this == RSA_6144 ? KeyCache.shared().rsa6144(name, this::generate) : generate();
    }

    static KeyKind of(PublicKey key) {
        if (key instanceof ECKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize() > 256 ? EC_P384 : EC_P256;
        }
        int bits = ((RSAKey) key).getModulus().bitLength();
        return bits > 3072 ? RSA_6144 : bits > 2048 ? RSA_3072 : RSA_2048;
    }
}
