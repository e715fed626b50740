package dev.signingsuite.sandbox.smartid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.sandbox.ocsp.OcspResponder;
import dev.signingsuite.sandbox.pki.PkiEntity;
import dev.signingsuite.sandbox.pki.PkiSettings;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.sandbox.pki.TestPki;
import dev.signingsuite.testclock.TestClock;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.qualified.QCStatement;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's Smart-ID certificates against a real one: SK's DEMO signing certificate of the
 * same account (PNOEE-40504040001, a test resource with its source), compared field by field.
 */
class SmartIdCertificateProfileTest {

    private static final String ECDSA_WITH_SHA384 = "1.2.840.10045.4.3.3";

    @TempDir
    static Path dir;

    private static final Clock CLOCK = TestClock.system();
    private static X509Certificate sk;
    private static TestPki pki;
    private static X509Certificate ours;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in =
                SmartIdCertificateProfileTest.class.getResourceAsStream("/smartid/sk-demo-sign-cert-40504040001.pem")) {
            sk = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        pki = TestPki.loadOrCreate(
                dir, PkiSettings.defaults(), SmartIdAccounts.withAccounts(SandboxEntities.ALL), CLOCK);
        ours = SmartIdAccounts.of(pki)
                .byDocumentNumber(SmartIdAccounts.OK)
                .orElseThrow()
                .key()
                .certificate();
    }

    @Test
    void subjectIsTheRealOneByteForByte() {
        // C, CN "SURNAME,GIVENNAME", SN, GN, serialNumber PNOEE-…, with the same string types.
        assertThat(ours.getSubjectX500Principal()).isEqualTo(sk.getSubjectX500Principal());
    }

    @Test
    void keyIsRsa6144AndTheChainEcdsaP384WithSha384() throws Exception {
        assertThat(((RSAPublicKey) ours.getPublicKey()).getModulus().bitLength())
                .isEqualTo(((RSAPublicKey) sk.getPublicKey()).getModulus().bitLength())
                .isEqualTo(6144);
        assertThat(ours.getSigAlgOID()).isEqualTo(sk.getSigAlgOID()).isEqualTo(ECDSA_WITH_SHA384);
        X509Certificate issuing = pki.entity(SmartIdAccounts.ISSUING_CA).certificate();
        X509Certificate root = pki.entity(SmartIdAccounts.ROOT_CA).certificate();
        assertThat(ours.getIssuerX500Principal()).isEqualTo(issuing.getSubjectX500Principal());
        assertThat(rdn(issuing.getSubjectX500Principal().getEncoded(), BCStyle.CN))
                .endsWith("EID-Q 2024E");
        assertThat(rdn(sk.getIssuerX500Principal().getEncoded(), BCStyle.CN)).endsWith("EID-Q 2024E");
        for (X509Certificate ca : List.of(issuing, root)) {
            assertThat(((ECPublicKey) ca.getPublicKey())
                            .getParams()
                            .getCurve()
                            .getField()
                            .getFieldSize())
                    .isEqualTo(384);
            assertThat(ca.getSigAlgOID()).isEqualTo(ECDSA_WITH_SHA384);
        }
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(CLOCK.instant()));
        CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(ours, issuing)), parameters);
    }

    @Test
    void sameExtensionsSameCriticality() {
        assertThat(ours.getCriticalExtensionOIDs()).isEqualTo(sk.getCriticalExtensionOIDs());
        assertThat(ours.getNonCriticalExtensionOIDs()).isEqualTo(sk.getNonCriticalExtensionOIDs());
        assertThat(ours.getVersion()).isEqualTo(sk.getVersion()).isEqualTo(3);
    }

    @Test
    void basicConstraintsCaFalseAndNonRepudiationOnly() {
        assertThat(ours.getExtensionValue(Extension.basicConstraints.getId()))
                .isEqualTo(sk.getExtensionValue(Extension.basicConstraints.getId()));
        assertThat(ours.getBasicConstraints())
                .isEqualTo(sk.getBasicConstraints())
                .isEqualTo(-1);
        assertThat(ours.getKeyUsage()).isEqualTo(sk.getKeyUsage());
        assertThat(ours.getKeyUsage()[1]).isTrue();
    }

    @Test
    void documentNumberInSubjectAltName() throws Exception {
        assertThat(documentNumbers(sk)).containsExactly("PNOEE-40504040001-MOCK-Q");
        assertThat(documentNumbers(ours)).containsExactly(SmartIdAccounts.OK);
    }

    @Test
    void dateOfBirthIsTheSame() {
        // Both are PNOEE-40504040001: born 1905-04-04, written as 19050404120000Z.
        assertThat(ours.getExtensionValue(Extension.subjectDirectoryAttributes.getId()))
                .isEqualTo(sk.getExtensionValue(Extension.subjectDirectoryAttributes.getId()));
    }

    @Test
    void skCertificatePoliciesWithTheirCps() throws Exception {
        assertThat(policies(ours))
                .isEqualTo(policies(sk))
                .containsExactly("1.3.6.1.4.1.10015.17.2", "0.4.0.194112.1.2");
        assertThat(ours.getExtensionValue(Extension.certificatePolicies.getId()))
                .isEqualTo(sk.getExtensionValue(Extension.certificatePolicies.getId()));
    }

    @Test
    void qcStatementsAreTheRealOnes() throws Exception {
        // Semantics identifier (natural person), QcCompliance, QcSSCD, QcType esign, QcPDS.
        assertThat(qcStatementIds(ours))
                .isEqualTo(qcStatementIds(sk))
                .containsExactly(
                        "1.3.6.1.5.5.7.11.2", "0.4.0.1862.1.1", "0.4.0.1862.1.4", "0.4.0.1862.1.6", "0.4.0.1862.1.5");
        assertThat(ours.getExtensionValue(Extension.qCStatements.getId()))
                .isEqualTo(sk.getExtensionValue(Extension.qCStatements.getId()));
    }

    @Test
    void crlDistributionPointAiaAndKeyIdentifiersHaveTheRealShape() throws Exception {
        assertThat(crlUrls(sk)).singleElement().asString().endsWith(".crl");
        assertThat(crlUrls(ours)).singleElement().asString().endsWith("/crl/" + SmartIdAccounts.ISSUING_CA + ".crl");
        assertThat(accessMethods(ours)).isEqualTo(accessMethods(sk));
        AuthorityKeyIdentifier oursAki = AuthorityKeyIdentifier.getInstance(
                octets(ours.getExtensionValue(Extension.authorityKeyIdentifier.getId())));
        AuthorityKeyIdentifier skAki = AuthorityKeyIdentifier.getInstance(
                octets(sk.getExtensionValue(Extension.authorityKeyIdentifier.getId())));
        assertThat(oursAki.getKeyIdentifier()).hasSameSizeAs(skAki.getKeyIdentifier());
        assertThat(oursAki.getAuthorityCertIssuer()).isNull();
        assertThat(skAki.getAuthorityCertIssuer()).isNull();
        // Three years, as SK's.
        assertThat(ours.getNotAfter().toInstant().atOffset(ZoneOffset.UTC).getYear()
                        - ours.getNotBefore()
                                .toInstant()
                                .atOffset(ZoneOffset.UTC)
                                .getYear())
                .isEqualTo(sk.getNotAfter().toInstant().atOffset(ZoneOffset.UTC).getYear()
                        - sk.getNotBefore().toInstant().atOffset(ZoneOffset.UTC).getYear());
    }

    @Test
    void theCrlAndTheOcspResponderAnswerForTheEcdsaCa() throws Exception {
        PkiEntity ca = pki.entity(SmartIdAccounts.ISSUING_CA);
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new java.io.ByteArrayInputStream(pki.crl(SmartIdAccounts.ISSUING_CA, CLOCK.instant())));
        crl.verify(ca.certificate().getPublicKey());
        assertThat(crl.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(crl.getRevokedCertificate(ours)).isNull();

        OcspResponder responder = new OcspResponder(
                pki,
                List.of(
                        new OcspResponder.Authority(pki.entity(SandboxEntities.OCSP), pki.issuingCa()),
                        new OcspResponder.Authority(pki.entity(SmartIdAccounts.OCSP), ca)),
                Duration.ofHours(1),
                CLOCK);
        CertificateID id = new CertificateID(
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(ca.certificate()),
                ours.getSerialNumber());
        BasicOCSPResp answer = (BasicOCSPResp) new OCSPResp(responder.respond(
                        new OCSPReqBuilder().addRequest(id).build().getEncoded()))
                .getResponseObject();
        assertThat(answer.getResponses()[0].getCertStatus()).isEqualTo(CertificateStatus.GOOD);
        assertThat(answer.isSignatureValid(new JcaContentVerifierProviderBuilder()
                        .build(pki.entity(SmartIdAccounts.OCSP).certificate())))
                .isTrue();
        CertificateID unknown = new CertificateID(
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(ca.certificate()),
                BigInteger.TEN);
        BasicOCSPResp other = (BasicOCSPResp) new OCSPResp(responder.respond(
                        new OCSPReqBuilder().addRequest(unknown).build().getEncoded()))
                .getResponseObject();
        assertThat(other.getResponses()[0].getCertStatus()).isNotEqualTo(CertificateStatus.GOOD);
    }

    @Test
    void everyAccountHasItsOwnKeyAndItsOwnDocument() {
        List<BigInteger> moduli = new ArrayList<>();
        for (SmartIdAccounts.Account account : SmartIdAccounts.of(pki).all()) {
            X509Certificate certificate = account.key().certificate();
            assertThat(documentNumbers(certificate)).containsExactly(account.documentNumber());
            moduli.add(((RSAPublicKey) certificate.getPublicKey()).getModulus());
        }
        assertThat(moduli).doesNotHaveDuplicates();
    }

    private static List<String> documentNumbers(X509Certificate certificate) {
        List<String> documents = new ArrayList<>();
        for (GeneralName name : GeneralNames.getInstance(
                        octets(certificate.getExtensionValue(Extension.subjectAlternativeName.getId())))
                .getNames()) {
            assertThat(name.getTagNo()).isEqualTo(GeneralName.directoryName);
            documents.add(rdn(X500Name.getInstance(name.getName()), BCStyle.CN));
        }
        return documents;
    }

    private static List<String> policies(X509Certificate certificate) {
        List<String> ids = new ArrayList<>();
        for (PolicyInformation policy : CertificatePolicies.getInstance(
                        octets(certificate.getExtensionValue(Extension.certificatePolicies.getId())))
                .getPolicyInformation()) {
            ids.add(policy.getPolicyIdentifier().getId());
        }
        return ids;
    }

    private static List<String> qcStatementIds(X509Certificate certificate) {
        List<String> ids = new ArrayList<>();
        for (ASN1Encodable statement :
                ASN1Sequence.getInstance(octets(certificate.getExtensionValue(Extension.qCStatements.getId())))) {
            ids.add(QCStatement.getInstance(statement).getStatementId().getId());
        }
        return ids;
    }

    private static List<String> crlUrls(X509Certificate certificate) {
        List<String> urls = new ArrayList<>();
        for (var point : CRLDistPoint.getInstance(
                        octets(certificate.getExtensionValue(Extension.cRLDistributionPoints.getId())))
                .getDistributionPoints()) {
            for (GeneralName name : GeneralNames.getInstance(
                            point.getDistributionPoint().getName())
                    .getNames()) {
                urls.add(name.getName().toString());
            }
        }
        return urls;
    }

    private static List<String> accessMethods(X509Certificate certificate) {
        List<String> methods = new ArrayList<>();
        for (var description : AuthorityInformationAccess.getInstance(
                        octets(certificate.getExtensionValue(Extension.authorityInfoAccess.getId())))
                .getAccessDescriptions()) {
            methods.add(description.getAccessMethod().getId());
        }
        return methods;
    }

    private static String rdn(byte[] name, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
        return rdn(X500Name.getInstance(name), type);
    }

    private static String rdn(X500Name name, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
        return IETFUtils.valueToString(name.getRDNs(type)[0].getFirst().getValue());
    }

    private static ASN1Primitive octets(byte[] extensionValue) {
        try {
            return ASN1Primitive.fromByteArray(
                    ASN1OctetString.getInstance(extensionValue).getOctets());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
