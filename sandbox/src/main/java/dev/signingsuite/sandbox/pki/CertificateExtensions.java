package dev.signingsuite.sandbox.pki;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.qualified.ETSIQCObjectIdentifiers;
import org.bouncycastle.asn1.x509.qualified.QCStatement;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/** Writes the extensions of each {@link CertificateProfile} (ETSI EN 319 412-1/-2/-3/-5 shapes). */
final class CertificateExtensions {

    /** ETSI EN 319 411-2 QCP-n-qscd: qualified certificate of a natural person, key on a QSCD. */
    static final ASN1ObjectIdentifier QCP_N_QSCD = new ASN1ObjectIdentifier("0.4.0.194112.1.2");
    /** ETSI EN 319 411-2 QCP-l-qscd: qualified certificate of a legal person, key on a QSCD. */
    static final ASN1ObjectIdentifier QCP_L_QSCD = new ASN1ObjectIdentifier("0.4.0.194112.1.3");

    private CertificateExtensions() {}

    static void add(
            X509v3CertificateBuilder builder,
            EntitySpec spec,
            PublicKey subjectKey,
            X509Certificate issuer,
            PkiSettings settings)
            throws Exception {
        if (spec.profile() == CertificateProfile.SMART_ID_PERSON) {
            SmartIdExtensions.add(builder, spec, subjectKey, issuer, settings);
            return;
        }
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
        if (issuer != null) {
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer));
        }
        switch (spec.profile()) {
            case ROOT_CA -> ca(builder, new BasicConstraints(true));
            case ISSUING_CA -> ca(builder, new BasicConstraints(0));
            case QUALIFIED_SEAL ->
                qualified(builder, ETSIQCObjectIdentifiers.id_etsi_qct_eseal, QCP_L_QSCD, spec, settings);
            case QUALIFIED_PERSON ->
                qualified(builder, ETSIQCObjectIdentifiers.id_etsi_qct_esign, QCP_N_QSCD, spec, settings);
            case SMART_ID_PERSON -> throw new IllegalStateException("written by SmartIdExtensions");
            case TIME_STAMPING -> {
                builder.addExtension(
                        Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
                // RFC 3161 2.3: the only EKU, and critical; DSS and openssl refuse the token otherwise.
                builder.addExtension(
                        Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
                // A TSA certificate also needs revocation data at level LT, so it points at the OCSP responder.
                aia(builder, spec, settings);
            }
            case OCSP_RESPONDER -> {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(
                        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
                // RFC 6960 4.2.2.2.1: clients need not check the responder's own certificate.
                builder.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
            }
        }
    }

    /**
     * A one-time signing certificate (issue 21): nonRepudiation only, and where its OCSP responder
     * and issuer are, so that LT validation finds revocation data.
     */
    static void oneTime(
            X509v3CertificateBuilder builder, PublicKey subjectKey, X509Certificate issuer, PkiSettings settings)
            throws Exception {
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
        builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.nonRepudiation));
        builder.addExtension(
                Extension.authorityInfoAccess, false, new AuthorityInformationAccess(new AccessDescription[] {
                    new AccessDescription(
                            AccessDescription.id_ad_ocsp,
                            new GeneralName(GeneralName.uniformResourceIdentifier, settings.ocspUrl())),
                    new AccessDescription(
                            AccessDescription.id_ad_caIssuers,
                            new GeneralName(
                                    GeneralName.uniformResourceIdentifier,
                                    settings.caIssuersUrl(SandboxEntities.ISSUING_CA)))
                }));
    }

    private static void ca(X509v3CertificateBuilder builder, BasicConstraints constraints) throws CertIOException {
        builder.addExtension(Extension.basicConstraints, true, constraints);
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    }

    private static void qualified(
            X509v3CertificateBuilder builder,
            ASN1ObjectIdentifier qcType,
            ASN1ObjectIdentifier policy,
            EntitySpec spec,
            PkiSettings settings)
            throws CertIOException {
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.nonRepudiation));
        ASN1EncodableVector statements = new ASN1EncodableVector();
        statements.add(new QCStatement(ETSIQCObjectIdentifiers.id_etsi_qcs_QcCompliance));
        statements.add(new QCStatement(ETSIQCObjectIdentifiers.id_etsi_qcs_QcType, new DERSequence(qcType)));
        statements.add(new QCStatement(ETSIQCObjectIdentifiers.id_etsi_qcs_QcSSCD));
        builder.addExtension(Extension.qCStatements, false, new DERSequence(statements));
        builder.addExtension(
                Extension.certificatePolicies, false, new CertificatePolicies(new PolicyInformation(policy)));
        aia(builder, spec, settings);
    }

    private static void aia(X509v3CertificateBuilder builder, EntitySpec spec, PkiSettings settings)
            throws CertIOException {
        AccessDescription ocsp = new AccessDescription(
                AccessDescription.id_ad_ocsp,
                new GeneralName(GeneralName.uniformResourceIdentifier, settings.ocspUrl()));
        AccessDescription caIssuers = new AccessDescription(
                AccessDescription.id_ad_caIssuers,
                new GeneralName(GeneralName.uniformResourceIdentifier, settings.caIssuersUrl(spec.issuer())));
        builder.addExtension(
                Extension.authorityInfoAccess,
                false,
                new AuthorityInformationAccess(new AccessDescription[] {ocsp, caIssuers}));
    }
}
