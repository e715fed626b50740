package dev.signingsuite.sandbox.pki;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Generates a key pair and a certificate for one {@link EntitySpec}. */
final class CertificateIssuer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final PkiSettings settings;
    private final Instant now;

    CertificateIssuer(PkiSettings settings, Instant now) {
        this.settings = settings;
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * @param issuer the issuing entity, or {@code null} when {@code spec} is self-signed
     * @param keyPair the entity's key: a new one, or its own when the certificate is renewed
     */
    PkiEntity issue(EntitySpec spec, PkiEntity issuer, KeyPair keyPair) throws Exception {
        X500Name subject = new X500Name(BCStyle.INSTANCE, spec.subject());
        X509Certificate issuerCert = issuer == null ? null : issuer.certificate();
        X500Name issuerName = issuer == null
                ? subject
                : X500Name.getInstance(issuerCert.getSubjectX500Principal().getEncoded());
        PrivateKey signingKey = issuer == null ? keyPair.getPrivate() : issuer.privateKey();
        KeyKind signingKind = issuer == null ? spec.keyKind() : KeyKind.of(issuerCert.getPublicKey());

        // A day in the past tolerates clock skew between the sandbox and its clients.
        Instant notBefore = now.minus(1, ChronoUnit.DAYS);
        Instant notAfter =
                notBefore.atOffset(ZoneOffset.UTC).plus(spec.validity()).toInstant();
        // 127 random bits: positive, unique across runs and data directories (RFC 5280 allows 20 octets).
        BigInteger serial = new BigInteger(127, RANDOM).setBit(126);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                issuerName, serial, Date.from(notBefore), Date.from(notAfter), subject, keyPair.getPublic());
        CertificateExtensions.add(builder, spec, keyPair.getPublic(), issuerCert, settings);

        ContentSigner signer = new JcaContentSignerBuilder(signingKind.signatureAlgorithm()).build(signingKey);
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));

        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        if (issuer != null) {
            chain.addAll(issuer.chain());
        }
        return new PkiEntity(spec.name(), keyPair.getPrivate(), certificate, chain);
    }

    Instant now() {
        return now;
    }
}
