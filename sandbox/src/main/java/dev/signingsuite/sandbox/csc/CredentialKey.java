package dev.signingsuite.sandbox.csc;

import dev.signingsuite.sandbox.pki.PkiEntity;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a credential signs with: a sandbox PKI entity's software key, or a registered signing
 * device's key in its person's PKCS#11 token (the remote SCD service, {@code scd/}), which only the
 * person's PIN unlocks.
 */
public interface CredentialKey {

    X509Certificate certificate();

    /** The certificate first, then its issuers. */
    List<X509Certificate> chain();

    /** The private key; for a device, only between a right {@link #unlock} and the signature. */
    PrivateKey privateKey();

    /** The JCA provider that holds the key, or null for the JDK's own. */
    default Provider provider() {
        return null;
    }

    /**
     * Whether {@link #unlock} must be given the person's PIN before the key signs: the {@code
     * oauth2code} authorisation page asks for it.
     */
    default boolean needsPin() {
        return false;
    }

    /** Unlocks the key with the person's PIN; false when the key's token refuses it. */
    default boolean unlock(String pin) {
        return true;
    }

    /** A sandbox PKI entity's key: no PIN. */
    static CredentialKey of(PkiEntity entity) {
        return new CredentialKey() {
            @Override
            public X509Certificate certificate() {
                return entity.certificate();
            }

            @Override
            public List<X509Certificate> chain() {
                return entity.chain();
            }

            @Override
            public PrivateKey privateKey() {
                return entity.privateKey();
            }

            @Override
            public String toString() {
                return entity.toString();
            }
        };
    }
}
