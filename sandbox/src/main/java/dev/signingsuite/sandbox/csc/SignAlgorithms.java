package dev.signingsuite.sandbox.csc;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.util.DigestFactory;

/** The signature and digest algorithm OIDs the simulator signs with (CSC API v2 section 11). */
final class SignAlgorithms {

    static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    static final String RSASSA_PSS = "1.2.840.113549.1.1.10";
    static final String MGF1 = "1.2.840.113549.1.1.8";
    static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
    static final String P256 = "1.2.840.10045.3.1.7";
    static final String SHA256 = "2.16.840.1.101.3.4.2.1";
    static final String SHA384 = "2.16.840.1.101.3.4.2.2";
    static final String SHA512 = "2.16.840.1.101.3.4.2.3";

    enum KeyType {
        RSA,
        EC
    }

    /** A digest algorithm: its OID, the length of its values and a BouncyCastle implementation. */
    record HashAlgorithm(String oid, int length, Supplier<Digest> digest) {}

    /**
     * A signature algorithm for one key type; {@code digest} is empty when the client names it
     * ({@code hashAlgorithmOID} for rsaEncryption and ecPublicKey, {@code signAlgoParams} for PSS).
     */
    record Sign(String oid, KeyType keyType, Optional<HashAlgorithm> digest, boolean pss) {}

    static final List<HashAlgorithm> DIGESTS = List.of(
            new HashAlgorithm(SHA256, 32, DigestFactory::createSHA256),
            new HashAlgorithm(SHA384, 48, DigestFactory::createSHA384),
            new HashAlgorithm(SHA512, 64, DigestFactory::createSHA512));

    /** What {@code key.algo} lists, per key type, in this order. */
    static final List<Sign> ALL = List.of(
            new Sign("1.2.840.113549.1.1.11", KeyType.RSA, digest(SHA256), false),
            new Sign("1.2.840.113549.1.1.12", KeyType.RSA, digest(SHA384), false),
            new Sign("1.2.840.113549.1.1.13", KeyType.RSA, digest(SHA512), false),
            new Sign(RSA_ENCRYPTION, KeyType.RSA, Optional.empty(), false),
            new Sign(RSASSA_PSS, KeyType.RSA, Optional.empty(), true),
            new Sign("1.2.840.10045.4.3.2", KeyType.EC, digest(SHA256), false),
            new Sign("1.2.840.10045.4.3.3", KeyType.EC, digest(SHA384), false),
            new Sign("1.2.840.10045.4.3.4", KeyType.EC, digest(SHA512), false),
            new Sign(EC_PUBLIC_KEY, KeyType.EC, Optional.empty(), false));

    private SignAlgorithms() {}

    static Optional<HashAlgorithm> digest(String oid) {
        return DIGESTS.stream().filter(d -> d.oid().equals(oid)).findFirst();
    }

    static List<Sign> forKey(KeyType keyType) {
        return ALL.stream().filter(s -> s.keyType() == keyType).toList();
    }

    /** Every signature algorithm OID some key type supports, for {@code info.signAlgorithms}. */
    static List<String> oids(List<KeyType> keyTypes) {
        return ALL.stream()
                .filter(s -> keyTypes.contains(s.keyType()))
                .map(Sign::oid)
                .toList();
    }
}
