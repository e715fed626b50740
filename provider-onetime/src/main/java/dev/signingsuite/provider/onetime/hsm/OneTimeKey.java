package dev.signingsuite.provider.onetime.hsm;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * One authorised signing's key: generated in the token, never extractable, used for that signing's
 * digests and destroyed by {@link #close()}. Thread-safe for signing; closed once.
 */
public final class OneTimeKey implements AutoCloseable {

    private final KeyStore keyStore;
    private final Provider provider;
    private final String alias;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String publicKeyHash;
    private final Clock clock;
    private volatile Instant destroyedAt;

    private OneTimeKey(
            KeyStore keyStore, Provider provider, String alias, PrivateKey privateKey, PublicKey publicKey, Clock clock)
            throws GeneralSecurityException {
        this.keyStore = keyStore;
        this.provider = provider;
        this.alias = alias;
        this.privateKey = privateKey;
        // A software copy: the token's public key object lives in a session and need not outlast it.
        this.publicKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(publicKey.getEncoded()));
        this.publicKeyHash =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(this.publicKey.getEncoded()));
        this.clock = clock;
    }

    static OneTimeKey bound(KeyPair pair, String alias, KeyStore keyStore, Provider provider, Clock clock)
            throws GeneralSecurityException {
        OneTimeKey key = new OneTimeKey(keyStore, provider, alias, pair.getPrivate(), pair.getPublic(), clock);
        try {
            keyStore.setKeyEntry(alias, pair.getPrivate(), null, new X509Certificate[] {key.placeholder()});
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new HsmUnavailable("cannot bind the new key " + alias + " in the token: " + e.getMessage(), e);
        }
        return key;
    }

    /** The key's alias in the token. */
    public String alias() {
        return alias;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** SHA-256 of the public key's SubjectPublicKeyInfo, hex: how the audit names the key. */
    public String publicKeyHash() {
        return publicKeyHash;
    }

    /** Whether the token would hand out the private key's value: never for a one-time key. */
    public boolean extractable() {
        return privateKey.getEncoded() != null;
    }

    /** Signs with the key in the token: for the certificate signing request (proof of possession). */
    public ContentSigner contentSigner() {
        try {
            return new JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(provider)
                    .build(privateKey);
        } catch (OperatorCreationException e) {
            throw new HsmUnavailable("the token cannot sign with " + alias + ": " + e.getMessage(), e);
        }
    }

    /** Stores the issued certificate beside the key (replacing the placeholder; the key stays). */
    public void certified(List<X509Certificate> chain) {
        try {
            keyStore.setKeyEntry(alias, privateKey, null, chain.toArray(X509Certificate[]::new));
        } catch (GeneralSecurityException e) {
            throw new HsmUnavailable("cannot store the certificate of " + alias + ": " + e.getMessage(), e);
        }
    }

    /**
     * ECDSA over a digest already computed (the runtime's digest of DSS's data to be signed).
     *
     * @return the DER {@code ECDSA-Sig-Value}
     * @throws IllegalStateException once the key was destroyed
     */
    public byte[] sign(byte[] digest) {
        if (destroyedAt != null) {
            throw new IllegalStateException("the one-time key " + alias + " was destroyed at " + destroyedAt);
        }
        try {
            Signature signature = Signature.getInstance("NONEwithECDSA", provider);
            signature.initSign(privateKey);
            signature.update(digest);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new HsmUnavailable("the token cannot sign with " + alias + ": " + e.getMessage(), e);
        }
    }

    /** When {@link #close()} destroyed the key, or null while it exists. */
    public Instant destroyedAt() {
        return destroyedAt;
    }

    /** Destroys the private key and its certificate in the token. */
    @Override
    public synchronized void close() {
        if (destroyedAt != null) {
            return;
        }
        try {
            keyStore.deleteEntry(alias);
        } catch (GeneralSecurityException e) {
            throw new HsmUnavailable("cannot destroy the one-time key " + alias + ": " + e.getMessage(), e);
        }
        destroyedAt = clock.instant();
    }

    // SunPKCS11 stores a private key only with a certificate: this one is never used outside the token.
    private X509Certificate placeholder() throws GeneralSecurityException {
        X500Name name = new X500Name("CN=" + alias);
        Instant now = clock.instant();
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(new JcaX509v3CertificateBuilder(
                                    name,
                                    BigInteger.ONE,
                                    Date.from(now),
                                    Date.from(now.plusSeconds(60)),
                                    name,
                                    publicKey)
                            .build(contentSigner()));
        } catch (RuntimeException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
