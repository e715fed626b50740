package dev.signingsuite.sandbox.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.sandbox.SharedPki;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.qualified.QCStatement;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.Test;

/** Each certificate carries exactly the extensions of its profile, parsed back with BouncyCastle. */
class CertificateProfilesTest {

    private static final ASN1ObjectIdentifier QC_COMPLIANCE = new ASN1ObjectIdentifier("0.4.0.1862.1.1");
    private static final ASN1ObjectIdentifier QC_SSCD = new ASN1ObjectIdentifier("0.4.0.1862.1.4");
    private static final ASN1ObjectIdentifier QC_TYPE = new ASN1ObjectIdentifier("0.4.0.1862.1.6");
    private static final ASN1ObjectIdentifier ESIGN = new ASN1ObjectIdentifier("0.4.0.1862.1.6.1");
    private static final ASN1ObjectIdentifier ESEAL = new ASN1ObjectIdentifier("0.4.0.1862.1.6.2");

    private final TestPki pki = SharedPki.get();

    @Test
    void rootCa() throws Exception {
        X509CertificateHolder root = holder(SandboxEntities.ROOT_CA);
        assertThat(root.getSubject())
                .isEqualTo(name("C=EE, O=Signing Suite Sandbox, CN=Signing Suite Sandbox Root CA"));
        assertThat(root.getIssuer()).isEqualTo(root.getSubject());
        assertExtensions(root, Set.of(Extension.basicConstraints, Extension.keyUsage), Extension.subjectKeyIdentifier);
        assertThat(BasicConstraints.fromExtensions(root.getExtensions()).isCA()).isTrue();
        assertThat(KeyUsage.fromExtensions(root.getExtensions()))
                .isEqualTo(new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    }

    @Test
    void issuingCa() throws Exception {
        X509CertificateHolder ca = holder(SandboxEntities.ISSUING_CA);
        assertThat(ca.getIssuer()).isEqualTo(holder(SandboxEntities.ROOT_CA).getSubject());
        assertExtensions(
                ca,
                Set.of(Extension.basicConstraints, Extension.keyUsage),
                Extension.subjectKeyIdentifier,
                Extension.authorityKeyIdentifier);
        BasicConstraints constraints = BasicConstraints.fromExtensions(ca.getExtensions());
        assertThat(constraints.isCA()).isTrue();
        assertThat(constraints.getPathLenConstraint()).isZero();
    }

    @Test
    void qualifiedSeal() throws Exception {
        X509CertificateHolder seal = holder(SandboxEntities.SEAL);
        assertThat(seal.getSubject())
                .isEqualTo(name("C=LV, organizationIdentifier=NTRLV-40003000001, O=Sandbox Invoicing SIA,"
                        + " CN=Sandbox Invoicing SIA"));
        assertThat(seal.getSubject().getRDNs(BCStyle.ORGANIZATION_IDENTIFIER)).hasSize(1);
        assertQualified(seal, ESEAL, "0.4.0.194112.1.3");
    }

    @Test
    void ecdsaQualifiedSealsHaveTheRsaSealsProfileAndIssuer() throws Exception {
        X509CertificateHolder rsa = holder(SandboxEntities.SEAL);
        for (String name : List.of(SandboxEntities.SEAL_EC, SandboxEntities.SEAL_EC_LOGISTICS)) {
            X509CertificateHolder ec = holder(name);
            assertThat(ec.getSubjectPublicKeyInfo()
                            .getAlgorithm()
                            .getAlgorithm()
                            .getId())
                    .as(name)
                    .isEqualTo("1.2.840.10045.2.1");
            assertThat(ec.getIssuer()).isEqualTo(rsa.getIssuer());
            assertThat(ec.getSubject().getRDNs(BCStyle.ORGANIZATION_IDENTIFIER)).hasSize(1);
            assertThat(ec.getExtensions().getExtensionOIDs())
                    .containsExactlyInAnyOrder(rsa.getExtensions().getExtensionOIDs());
            assertQualified(ec, ESEAL, "0.4.0.194112.1.3");
        }
    }

    @Test
    void naturalPersonsShapedLikeSmartId() throws Exception {
        assertThat(holder(SandboxEntities.PERSON_EE).getSubject())
                .isEqualTo(name("C=EE, CN=TESTNUMBER\\,OK, SURNAME=TESTNUMBER, GIVENNAME=OK,"
                        + " SERIALNUMBER=PNOEE-30303039914"));
        assertThat(holder(SandboxEntities.PERSON_LV)
                        .getSubject()
                        .getRDNs(BCStyle.SERIALNUMBER)[0]
                        .getFirst()
                        .getValue()
                        .toString())
                .startsWith("PNOLV-");
        assertThat(holder(SandboxEntities.REVOKED).getSubject().toString()).contains("PNOEE-30303039903");
        for (String person : List.of(SandboxEntities.PERSON_EE, SandboxEntities.PERSON_LV, SandboxEntities.REVOKED)) {
            assertQualified(holder(person), ESIGN, "0.4.0.194112.1.2");
        }
    }

    @Test
    void timeStampingUnit() throws Exception {
        X509CertificateHolder tsa = holder(SandboxEntities.TSA);
        assertExtensions(
                tsa,
                Set.of(Extension.keyUsage, Extension.extendedKeyUsage),
                Extension.subjectKeyIdentifier,
                Extension.authorityKeyIdentifier,
                Extension.authorityInfoAccess);
        assertThat(ExtendedKeyUsage.fromExtensions(tsa.getExtensions()).getUsages())
                .containsExactly(KeyPurposeId.id_kp_timeStamping);
        assertThat(KeyUsage.fromExtensions(tsa.getExtensions()))
                .isEqualTo(new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
    }

    @Test
    void ocspResponderIsAuthorisedByTheIssuingCa() throws Exception {
        X509CertificateHolder ocsp = holder(SandboxEntities.OCSP);
        assertThat(ocsp.getIssuer())
                .isEqualTo(holder(SandboxEntities.ISSUING_CA).getSubject());
        assertExtensions(
                ocsp,
                Set.of(Extension.keyUsage),
                Extension.subjectKeyIdentifier,
                Extension.authorityKeyIdentifier,
                Extension.extendedKeyUsage,
                OCSPObjectIdentifiers.id_pkix_ocsp_nocheck);
        assertThat(ExtendedKeyUsage.fromExtensions(ocsp.getExtensions()).getUsages())
                .containsExactly(KeyPurposeId.id_kp_OCSPSigning);
        assertThat(ocsp.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck).getParsedValue())
                .isEqualTo(DERNull.INSTANCE);
    }

    private void assertQualified(X509CertificateHolder holder, ASN1ObjectIdentifier qcType, String policy) {
        Extensions extensions = holder.getExtensions();
        assertExtensions(
                holder,
                Set.of(Extension.keyUsage),
                Extension.subjectKeyIdentifier,
                Extension.authorityKeyIdentifier,
                Extension.qCStatements,
                Extension.certificatePolicies,
                Extension.authorityInfoAccess);
        assertThat(KeyUsage.fromExtensions(extensions)).isEqualTo(new KeyUsage(KeyUsage.nonRepudiation));

        List<QCStatement> statements = Arrays.stream(
                        ASN1Sequence.getInstance(extensions.getExtensionParsedValue(Extension.qCStatements))
                                .toArray())
                .map(QCStatement::getInstance)
                .toList();
        assertThat(statements).extracting(QCStatement::getStatementId).containsExactly(QC_COMPLIANCE, QC_TYPE, QC_SSCD);
        assertThat(ASN1Sequence.getInstance(statements.get(1).getStatementInfo())
                        .toArray())
                .containsExactly(qcType);

        assertThat(CertificatePolicies.fromExtensions(extensions).getPolicyInformation())
                .extracting(PolicyInformation::getPolicyIdentifier)
                .containsExactly(new ASN1ObjectIdentifier(policy));

        AccessDescription[] aia =
                AuthorityInformationAccess.fromExtensions(extensions).getAccessDescriptions();
        assertThat(aia)
                .extracting(AccessDescription::getAccessMethod)
                .containsExactly(AccessDescription.id_ad_ocsp, AccessDescription.id_ad_caIssuers);
        assertThat(aia[0].getAccessLocation())
                .isEqualTo(new GeneralName(GeneralName.uniformResourceIdentifier, "http://127.0.0.1:8190/ocsp"));
        assertThat(aia[1].getAccessLocation())
                .isEqualTo(new GeneralName(
                        GeneralName.uniformResourceIdentifier, "http://127.0.0.1:8190/certs/issuing-ca.cer"));
    }

    private static void assertExtensions(
            X509CertificateHolder holder, Set<ASN1ObjectIdentifier> critical, ASN1ObjectIdentifier... nonCritical) {
        assertThat(holder.getCriticalExtensionOIDs()).containsExactlyInAnyOrderElementsOf(critical);
        assertThat(holder.getNonCriticalExtensionOIDs()).containsExactlyInAnyOrder((Object[]) nonCritical);
    }

    private X509CertificateHolder holder(String entity) throws Exception {
        return new JcaX509CertificateHolder(pki.entity(entity).certificate());
    }

    private static X500Name name(String bcOrder) {
        return new X500Name(BCStyle.INSTANCE, bcOrder);
    }
}
