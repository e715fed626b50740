package dev.signingsuite.sandbox.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.sandbox.SharedPki;
import dev.signingsuite.sandbox.ocsp.OcspResponder;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
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
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
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
        KeyPair key = CertificationRequests.p256();

        X509Certificate certificate =
                ca.enrol(CertificationRequests.signed(PERSON, key.getPublic(), key.getPrivate()), PERSON);

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
        byte[] request = CertificationRequests.signed(
                PERSON,
                CertificationRequests.p256().getPublic(),
                CertificationRequests.p256().getPrivate());

        assertThatThrownBy(() -> ca.enrol(request, PERSON))
                .isInstanceOf(OneTimeCa.Refused.class)
                .hasMessageContaining("proof of possession");
    }

    @Test
    void refusesASubjectOtherThanTheOneTheRegistrationAuthorityVouchedFor() throws Exception {
        KeyPair key = CertificationRequests.p256();
        X500Name someoneElse = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.SERIALNUMBER, "PNOLV-999999-99999")
                .addRDN(BCStyle.CN, "ONE TIME")
                .build();

        assertThatThrownBy(() ->
                        ca.enrol(CertificationRequests.signed(someoneElse, key.getPublic(), key.getPrivate()), PERSON))
                .isInstanceOf(OneTimeCa.Refused.class)
                .hasMessageContaining("registration authority");
    }
}
