package dev.signingsuite.sandbox.pki;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Vector;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.Attribute;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.PolicyQualifierInfo;
import org.bouncycastle.asn1.x509.SubjectDirectoryAttributes;
import org.bouncycastle.asn1.x509.qualified.ETSIQCObjectIdentifiers;
import org.bouncycastle.asn1.x509.qualified.QCStatement;
import org.bouncycastle.asn1.x509.qualified.RFC3739QCObjectIdentifiers;
import org.bouncycastle.asn1.x509.qualified.SemanticsInformation;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * The extensions of a Smart-ID signing certificate, in the order and shape of SK's (a demo
 * certificate of {@code TEST of SK ID Solutions EID-Q 2024E}, kept as a test resource, is the
 * reference): only the URLs of AIA and the CRL point at the sandbox.
 */
final class SmartIdExtensions {

    /** SK's Smart-ID policy of qualified and of non-qualified certificates. */
    static final ASN1ObjectIdentifier SK_QUALIFIED = new ASN1ObjectIdentifier("1.3.6.1.4.1.10015.17.2");

    static final ASN1ObjectIdentifier SK_NON_QUALIFIED = new ASN1ObjectIdentifier("1.3.6.1.4.1.10015.17.1");
    /** ETSI EN 319 411-1 NCP+, the non-qualified certificates' ETSI policy. */
    static final ASN1ObjectIdentifier NCP_PLUS = new ASN1ObjectIdentifier("0.4.0.2042.1.1");
    /** ETSI EN 319 411-1 policy of qualified Smart-ID authentication certificates (reference §10). */
    static final ASN1ObjectIdentifier NCP_PLUS_QUALIFIED_AUTH = new ASN1ObjectIdentifier("0.4.0.2042.1.2");
    /** Smart-ID's authentication EKU (certificates from April 2025 on, reference §10). */
    public static final ASN1ObjectIdentifier AUTHENTICATION = new ASN1ObjectIdentifier("1.3.6.1.4.1.62306.5.7.0");
    /** ETSI EN 319 412-1 semantics identifier of natural persons (id-etsi-qcs-semanticsId-Natural). */
    static final ASN1ObjectIdentifier SEMANTICS_NATURAL = new ASN1ObjectIdentifier("0.4.0.194121.1.1");

    static final String CPS = "https://www.skidsolutions.eu/resources/certification-practice-statement/";
    static final String PDS = "https://www.skidsolutions.eu/resources/conditions-for-use-of-certificates/";

    private SmartIdExtensions() {}

    static void add(
            X509v3CertificateBuilder builder,
            EntitySpec spec,
            PublicKey subjectKey,
            X509Certificate issuer,
            PkiSettings settings)
            throws Exception {
        EntitySpec.SmartIdDocument account = spec.smartId();
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, false, new BasicConstraints(false));
        // The key identifier only, as SK's (no issuer name and serial).
        builder.addExtension(
                Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer.getPublicKey()));
        builder.addExtension(
                Extension.authorityInfoAccess, false, new AuthorityInformationAccess(new AccessDescription[] {
                    new AccessDescription(
                            AccessDescription.id_ad_caIssuers,
                            new GeneralName(
                                    GeneralName.uniformResourceIdentifier, settings.caIssuersUrl(spec.issuer()))),
                    new AccessDescription(
                            AccessDescription.id_ad_ocsp,
                            new GeneralName(GeneralName.uniformResourceIdentifier, settings.ocspUrl()))
                }));
        builder.addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(new GeneralName(new X500Name(BCStyle.INSTANCE, "CN=" + account.documentNumber()))));
        builder.addExtension(
                Extension.certificatePolicies,
                false,
                account.authentication() ? authenticationPolicies(account.qualified()) : policies(account.qualified()));
        if (account.dateOfBirth() != null) {
            Vector<Attribute> attributes = new Vector<>();
            attributes.add(new Attribute(
                    BCStyle.DATE_OF_BIRTH, // id-pda-dateOfBirth 1.3.6.1.5.5.7.9.1
                    new DERSet(new DERGeneralizedTime(
                            Date.from(account.dateOfBirth().atTime(12, 0).toInstant(ZoneOffset.UTC))))));
            builder.addExtension(
                    Extension.subjectDirectoryAttributes, false, new SubjectDirectoryAttributes(attributes));
        }
        if (account.qualified() && !account.authentication()) {
            builder.addExtension(Extension.qCStatements, false, qcStatements());
        }
        builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
            new DistributionPoint(
                    new DistributionPointName(new GeneralNames(
                            new GeneralName(GeneralName.uniformResourceIdentifier, settings.crlUrl(spec.issuer())))),
                    null,
                    null)
        }));
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
        if (account.authentication()) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(
                    Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.getInstance(AUTHENTICATION)));
        } else {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.nonRepudiation));
        }
    }

    private static CertificatePolicies authenticationPolicies(boolean qualified) {
        return new CertificatePolicies(new PolicyInformation[] {
            new PolicyInformation(
                    qualified ? SK_QUALIFIED : SK_NON_QUALIFIED, new DERSequence(new PolicyQualifierInfo(CPS))),
            new PolicyInformation(qualified ? NCP_PLUS_QUALIFIED_AUTH : NCP_PLUS)
        });
    }

    private static CertificatePolicies policies(boolean qualified) {
        if (!qualified) {
            return new CertificatePolicies(new PolicyInformation[] {
                new PolicyInformation(SK_NON_QUALIFIED, new DERSequence(new PolicyQualifierInfo(CPS))),
                new PolicyInformation(NCP_PLUS)
            });
        }
        return new CertificatePolicies(new PolicyInformation[] {
            new PolicyInformation(SK_QUALIFIED, new DERSequence(new PolicyQualifierInfo(CPS))),
            new PolicyInformation(CertificateExtensions.QCP_N_QSCD)
        });
    }

    private static DERSequence qcStatements() {
        ASN1EncodableVector statements = new ASN1EncodableVector();
        statements.add(new QCStatement(
                RFC3739QCObjectIdentifiers.id_qcs_pkixQCSyntax_v2, new SemanticsInformation(SEMANTICS_NATURAL)));
        statements.add(new QCStatement(ETSIQCObjectIdentifiers.id_etsi_qcs_QcCompliance));
        statements.add(new QCStatement(ETSIQCObjectIdentifiers.id_etsi_qcs_QcSSCD));
        statements.add(new QCStatement(
                ETSIQCObjectIdentifiers.id_etsi_qcs_QcType,
                new DERSequence(ETSIQCObjectIdentifiers.id_etsi_qct_esign)));
        statements.add(new QCStatement(
                ETSIQCObjectIdentifiers.id_etsi_qcs_QcPds,
                new DERSequence(new DERSequence(
                        new org.bouncycastle.asn1.ASN1Encodable[] {new DERIA5String(PDS), new DERPrintableString("en")
                        }))));
        return new DERSequence(statements);
    }
}
