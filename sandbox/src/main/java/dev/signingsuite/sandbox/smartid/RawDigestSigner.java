package dev.signingsuite.sandbox.smartid;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.util.DigestFactory;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/**
 * What the phone does with {@code RAW_DIGEST_SIGNATURE}: signs the given digest as a pre-hashed
 * value, RSASSA-PSS (MGF1 with the same hash, salt = hash length, trailer 0xbc) or PKCS#1 v1.5 with
 * the DigestInfo of the named hash.
 */
final class RawDigestSigner {

    /** Hash name of the API → (output length, OID). */
    static final Map<String, Integer> HASH_LENGTHS =
            Map.of("SHA-256", 32, "SHA-384", 48, "SHA-512", 64, "SHA3-256", 32, "SHA3-384", 48, "SHA3-512", 64);

    static final Map<String, String> PKCS1_HASHES = Map.of(
            "sha256WithRSAEncryption", "SHA-256",
            "sha384WithRSAEncryption", "SHA-384",
            "sha512WithRSAEncryption", "SHA-512");

    private RawDigestSigner() {}

    static byte[] sign(PrivateKey key, String signatureAlgorithm, String hashAlgorithm, byte[] digest) {
        try {
            if ("rsassa-pss".equals(signatureAlgorithm)) {
                AsymmetricKeyParameter parameters = PrivateKeyFactory.createKey(key.getEncoded());
                PSSSigner signer = PSSSigner.createRawSigner(
                        new RSABlindedEngine(), digest(hashAlgorithm), digest(hashAlgorithm), digest.length, (byte)
                                0xbc);
                signer.init(true, parameters);
                signer.update(digest, 0, digest.length);
                return signer.generateSignature();
            }
            String hash = PKCS1_HASHES.get(signatureAlgorithm);
            Signature rsa = Signature.getInstance("NONEwithRSA");
            rsa.initSign(key);
            rsa.update(new DigestInfo(new AlgorithmIdentifier(oid(hash), DERNull.INSTANCE), digest).getEncoded());
            return rsa.sign();
        } catch (IOException | GeneralSecurityException | CryptoException e) {
            throw new IllegalStateException("cannot sign with " + signatureAlgorithm, e);
        }
    }

    private static Digest digest(String hashAlgorithm) {
        return switch (hashAlgorithm) {
            case "SHA-256" -> DigestFactory.createSHA256();
            case "SHA-384" -> DigestFactory.createSHA384();
            case "SHA-512" -> DigestFactory.createSHA512();
            case "SHA3-256" -> DigestFactory.createSHA3_256();
            case "SHA3-384" -> DigestFactory.createSHA3_384();
            case "SHA3-512" -> DigestFactory.createSHA3_512();
            default -> throw new IllegalArgumentException("unknown hash " + hashAlgorithm);
        };
    }

    private static ASN1ObjectIdentifier oid(String hash) {
        return switch (hash) {
            case "SHA-256" -> NISTObjectIdentifiers.id_sha256;
            case "SHA-384" -> NISTObjectIdentifiers.id_sha384;
            default -> NISTObjectIdentifiers.id_sha512;
        };
    }
}
