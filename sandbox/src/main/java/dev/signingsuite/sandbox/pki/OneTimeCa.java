package dev.signingsuite.sandbox.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * The sandbox's one-time CA (GovStack eSignature one-time signing, issue 21): issues a short-lived
 * nonRepudiation certificate under the sandbox's issuing CA for a PKCS#10 request whose proof of
 * possession verifies and whose subject is the one the registration authority vouched for, and
 * publishes it to the OCSP responder. Thread-safe.
 */
public final class OneTimeCa {

    public static final Duration DEFAULT_VALIDITY = Duration.ofSeconds(60);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TestPki pki;
    private final PkiSettings settings;
    private final Duration validity;
    private final Clock clock;

    public OneTimeCa(TestPki pki, PkiSettings settings, Duration validity, Clock clock) {
        this.pki = Objects.requireNonNull(pki, "pki");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.validity = Objects.requireNonNull(validity, "validity");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive: " + validity);
        }
    }

    /**
     * Issues the certificate of one authorised signing.
     *
     * @param request the DER PKCS#10 request, signed with the key it names
     * @param vouched the subject the registration authority authenticated
     * @return the certificate, valid from now for the configured time
     * @throws Refused when the request does not parse, its proof of possession fails or its subject
     *     differs from {@code vouched}
     */
    public X509Certificate enrol(byte[] request, X500Name vouched) {
        JcaPKCS10CertificationRequest csr;
        PublicKey subjectKey;
        try {
            csr = new JcaPKCS10CertificationRequest(new PKCS10CertificationRequest(request));
            subjectKey = csr.getPublicKey();
        } catch (IOException | RuntimeException | GeneralSecurityException e) {
            throw new Refused("not a PKCS#10 certificate signing request: " + e.getMessage());
        }
        if (!possessionProven(csr, subjectKey)) {
            throw new Refused("the request's proof of possession does not verify against its public key");
        }
        if (!csr.getSubject().equals(vouched)) {
            throw new Refused("the request's subject " + csr.getSubject()
                    + " differs from the one the registration authority vouched for");
        }
        try {
            return issue(csr.getSubject(), subjectKey);
        } catch (Exception e) {
            throw new IllegalStateException("the one-time CA cannot issue a certificate", e);
        }
    }

    /** The issuing CA and the root, nearest first: the chain of every certificate issued here. */
    public List<X509Certificate> issuers() {
        return pki.issuingCa().chain();
    }

    /**
     * A TLS server certificate for the CA's EST endpoint on this machine (127.0.0.1 and localhost),
     * valid for a day from now.
     */
    public X509Certificate tlsServerCertificate(PublicKey key) {
        PkiEntity ca = pki.issuingCa();
        Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(
                            ca.certificate().getSubjectX500Principal().getEncoded()),
                    new BigInteger(127, RANDOM).setBit(126),
                    Date.from(notBefore),
                    Date.from(notBefore.plus(1, ChronoUnit.DAYS)),
                    new X500Name("CN=Sandbox EST"),
                    key);
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(
                    Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")
            }));
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder(ca.signatureAlgorithm()).build(ca.privateKey())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue the EST endpoint's TLS certificate", e);
        }
    }

    private static boolean possessionProven(JcaPKCS10CertificationRequest csr, PublicKey key) {
        try {
            return csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
        } catch (Exception e) {
            return false;
        }
    }

    private X509Certificate issue(X500Name subject, PublicKey subjectKey) throws Exception {
        PkiEntity ca = pki.issuingCa();
        Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        BigInteger serial = new BigInteger(127, RANDOM).setBit(126);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
                serial,
                Date.from(notBefore),
                Date.from(notBefore.plus(validity)),
                subject,
                subjectKey);
        CertificateExtensions.oneTime(builder, subjectKey, ca.certificate(), settings);
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(
                        builder.build(new JcaContentSignerBuilder(ca.signatureAlgorithm()).build(ca.privateKey())));
        pki.published(serial);
        return certificate;
    }

    /** The CA refused the request; the message says why (an RFC 7030 client gets it with a 400). */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }
}
