package dev.signingsuite.sandbox.csc;

import java.util.List;
import java.util.Optional;

/** The signature and digest algorithm OIDs the simulator signs with (CSC API v2 section 11). */
final class HashAlgorithms {

    static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    static final String SHA256 = "2.16.840.1.101.3.4.2.1";
    static final String SHA384 = "2.16.840.1.101.3.4.2.2";
    static final String SHA512 = "2.16.840.1.101.3.4.2.3";

    /** A digest algorithm: its OID and the length of its values. */
    record Digest(String oid, int length) {}

    /** A signature algorithm; {@code digest} is empty when the client names it (rsaEncryption). */
    record Sign(String oid, Optional<Digest> digest) {}

    static final List<Digest> DIGESTS = List.of(new Digest(SHA256, 32), new Digest(SHA384, 48), new Digest(SHA512, 64));

    /** RSA PKCS#1 v1.5: what {@code key.algo} lists for the RSA seal. */
    static final List<Sign> RSA = List.of(
            new Sign("1.2.840.113549.1.1.11", digest(SHA256)),
            new Sign("1.2.840.113549.1.1.12", digest(SHA384)),
            new Sign("1.2.840.113549.1.1.13", digest(SHA512)),
            new Sign(RSA_ENCRYPTION, Optional.empty()));

    private HashAlgorithms() {}

    static Optional<Digest> digest(String oid) {
        return DIGESTS.stream().filter(d -> d.oid().equals(oid)).findFirst();
    }

    static Optional<Sign> rsa(String oid) {
        return RSA.stream().filter(s -> s.oid().equals(oid)).findFirst();
    }
}
