package dev.signingsuite.sandbox.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.sandbox.SharedPki;
import dev.signingsuite.sandbox.ocsp.OcspResponder;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

class OneTimeCaTest {

    private static final X500Name PERSON = new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.C, "LV")
            .addRDN(BCStyle.SERIALNUMBER, "PNOLV-010101-10006")
            .addRDN(BCStyle.GIVENNAME, "ONE")
            .addRDN(BCStyle.SURNAME, "TIME")
            .addRDN(BCStyle.CN, "ONE TIME")
            .build();

    private final TestPki pki = SharedPki.fixed();
    private final Clock clock = Clock.fixed(SharedPki.FIXED_NOW, ZoneOffset.UTC);
    private final OneTimeCa ca = new OneTimeCa(pki, PkiSettings.defaults(), OneTimeCa.DEFAULT_VALIDITY, clock);

    @Test
    void issuesAOneMinuteNonRepudiationCertificateThatOcspStillAnswersForAfterItExpired() throws Exception {
        KeyPair key = p256();

        X509Certificate certificate = ca.enrol(request(PERSON, key, key), PERSON);

        assertThat(Duration.between(
                        certificate.getNotBefore().toInstant(),
                        certificate.getNotAfter().toInstant()))
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(certificate.getNotBefore().toInstant()).isEqualTo(SharedPki.FIXED_NOW);
        assertThat(certificate.getKeyUsage())
                .containsExactly(false, true, false, false, false, false, false, false, false);
        assertThat(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()))
                .isEqualTo(PERSON);
        certificate.verify(pki.issuingCa().certificate().getPublicKey());

        Clock dayLater = Clock.offset(clock, Duration.ofDays(1));
        OcspResponder responder = new OcspResponder(
                pki, pki.entity(SandboxEntities.OCSP), pki.issuingCa(), Duration.ofHours(1), dayLater);
        CertificateID id = new CertificateID(
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(pki.issuingCa().certificate()),
                certificate.getSerialNumber());
        SingleResp answer = ((BasicOCSPResp) new OCSPResp(responder.respond(
                                new OCSPReqBuilder().addRequest(id).build().getEncoded()))
                        .getResponseObject())
                .getResponses()[0];
        assertThat(answer.getCertStatus()).isEqualTo(CertificateStatus.GOOD);
        assertThat(ASN1GeneralizedTime.getInstance(
                                answer.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_archive_cutoff)
                                        .getParsedValue())
                        .getDate())
                .isBeforeOrEqualTo(certificate.getNotBefore());
    }

    @Test
    void refusesARequestWhoseProofOfPossessionFails() throws Exception {
        byte[] request = request(PERSON, p256(), p256());

        assertThatThrownBy(() -> ca.enrol(request, PERSON))
                .isInstanceOf(OneTimeCa.Refused.class)
                .hasMessageContaining("proof of possession");
    }

    @Test
    void refusesASubjectOtherThanTheOneTheRegistrationAuthorityVouchedFor() throws Exception {
        KeyPair key = p256();
        X500Name someoneElse = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.SERIALNUMBER, "PNOLV-999999-99999")
                .addRDN(BCStyle.CN, "ONE TIME")
                .build();

        assertThatThrownBy(() -> ca.enrol(request(someoneElse, key, key), PERSON))
                .isInstanceOf(OneTimeCa.Refused.class)
                .hasMessageContaining("registration authority");
    }

    private static byte[] request(X500Name subject, KeyPair named, KeyPair signing) throws Exception {
        return new JcaPKCS10CertificationRequestBuilder(subject, named.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signing.getPrivate()))
                .getEncoded();
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
