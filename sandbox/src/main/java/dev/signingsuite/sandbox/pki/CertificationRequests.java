package dev.signingsuite.sandbox.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Software P-256 keys and PKCS#10 requests: the sandbox's own TLS key, and what the one-time CA's
 * clients send in their tests (also requests whose proof of possession fails: signed by another key).
 */
public final class CertificationRequests {

    private CertificationRequests() {}

    public static KeyPair p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no P-256 in this JVM", e);
        }
    }

    /** A DER request for {@code subject} and {@code named}, signed with {@code signing}. */
    public static byte[] signed(X500Name subject, PublicKey named, PrivateKey signing) {
        try {
            return new JcaPKCS10CertificationRequestBuilder(subject, named)
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signing))
                    .getEncoded();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign a request", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
