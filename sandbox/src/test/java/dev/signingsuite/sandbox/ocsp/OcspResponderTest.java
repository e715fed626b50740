package dev.signingsuite.sandbox.ocsp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.sandbox.SharedPki;
import dev.signingsuite.sandbox.pki.PkiEntity;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.sandbox.pki.TestPki;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

class OcspResponderTest {

    private static final Instant NOW = SharedPki.FIXED_NOW.plusSeconds(4530);

    private final TestPki pki = SharedPki.fixed();
    private final OcspResponder responder = new OcspResponder(
            pki,
            pki.entity(SandboxEntities.OCSP),
            pki.issuingCa(),
            Duration.ofMinutes(30),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void goodSignedByTheAuthorisedResponderIdentifiedByKeyHash() throws Exception {
        BasicOCSPResp response = ask(id(pki.entity(SandboxEntities.SEAL), CertificateID.HASH_SHA1), null);

        SingleResp single = response.getResponses()[0];
        assertThat(single.getCertStatus()).isEqualTo(CertificateStatus.GOOD);
        assertThat(single.getThisUpdate()).isEqualTo(Date.from(NOW));
        assertThat(single.getNextUpdate()).isEqualTo(Date.from(NOW.plus(Duration.ofMinutes(30))));
        assertThat(response.getProducedAt()).isEqualTo(Date.from(NOW));

        X509CertificateHolder ocsp =
                new JcaX509CertificateHolder(pki.entity(SandboxEntities.OCSP).certificate());
        assertThat(response.getCerts()).containsExactly(ocsp);
        assertThat(response.isSignatureValid(new JcaContentVerifierProviderBuilder().build(ocsp)))
                .isTrue();
        assertThat(response.getResponderId())
                .isEqualTo(new RespID(ocsp.getSubjectPublicKeyInfo(), digests().get(CertificateID.HASH_SHA1)));
        assertThat(response.getResponderId().toASN1Primitive().getKeyHash()).isNotNull();
    }

    @Test
    void revokedWithTimeAndReason() throws Exception {
        PkiEntity revoked = pki.entity(SandboxEntities.REVOKED);
        SingleResp single = ask(id(revoked, CertificateID.HASH_SHA1), null).getResponses()[0];

        assertThat(single.getCertStatus()).isInstanceOfSatisfying(RevokedStatus.class, status -> {
            assertThat(status.getRevocationReason()).isEqualTo(CRLReason.keyCompromise);
            assertThat(status.getRevocationTime())
                    .isEqualTo(Date.from(
                            revoked.certificate().getNotBefore().toInstant().plus(Duration.ofDays(1))));
        });
    }

    @Test
    void unknownForForeignSerialsAndOtherIssuersAndSha256CertIdsWork() throws Exception {
        PkiEntity seal = pki.entity(SandboxEntities.SEAL);
        DigestCalculatorProvider digests = digests();
        CertificateID foreignSerial = new CertificateID(
                digests.get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(pki.issuingCa().certificate()),
                BigInteger.valueOf(123456789));
        CertificateID otherIssuer = new CertificateID(
                digests.get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(pki.root().certificate()),
                seal.certificate().getSerialNumber());
        CertificateID sha256 = id(seal, new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));

        OCSPReqBuilder builder = new OCSPReqBuilder();
        builder.addRequest(foreignSerial);
        builder.addRequest(otherIssuer);
        builder.addRequest(sha256);
        BasicOCSPResp response = basic(responder.respond(builder.build().getEncoded()));

        SingleResp[] singles = response.getResponses();
        assertThat(singles).hasSize(3);
        assertThat(singles[0].getCertStatus()).isInstanceOf(UnknownStatus.class);
        assertThat(singles[1].getCertStatus()).isInstanceOf(UnknownStatus.class);
        assertThat(singles[2].getCertID()).isEqualTo(sha256);
        assertThat(singles[2].getCertStatus()).isEqualTo(CertificateStatus.GOOD);
    }

    @Test
    void echoesTheNonceOnlyWhenAskedFor() throws Exception {
        CertificateID id = id(pki.entity(SandboxEntities.PERSON_EE), CertificateID.HASH_SHA1);
        DEROctetString nonce = new DEROctetString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});

        BasicOCSPResp withNonce = ask(id, nonce);
        BasicOCSPResp without = ask(id, null);

        assertThat(withNonce
                        .getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)
                        .getExtnValue())
                .isEqualTo(nonce);
        assertThat(without.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce))
                .isNull();
    }

    @Test
    void malformedRequestsGetTheMalformedRequestStatusAndAreCounted() throws Exception {
        long before = responder.requestCount();

        OCSPResp garbage = new OCSPResp(responder.respond(new byte[] {0x30, 0x01, 0x05}));
        OCSPResp empty = new OCSPResp(responder.respond(new byte[0]));

        assertThat(garbage.getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertThat(empty.getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertThat(garbage.getResponseObject()).isNull();
        assertThat(responder.requestCount()).isEqualTo(before + 2);
    }

    private BasicOCSPResp ask(CertificateID id, DEROctetString nonce) throws Exception {
        OCSPReqBuilder builder = new OCSPReqBuilder().addRequest(id);
        if (nonce != null) {
            builder.setRequestExtensions(
                    new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, nonce)));
        }
        return basic(responder.respond(builder.build().getEncoded()));
    }

    private static BasicOCSPResp basic(byte[] encoded) throws Exception {
        OCSPResp response = new OCSPResp(encoded);
        assertThat(response.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        return (BasicOCSPResp) response.getResponseObject();
    }

    private CertificateID id(PkiEntity entity, AlgorithmIdentifier hash) throws Exception {
        return new CertificateID(
                digests().get(hash),
                new JcaX509CertificateHolder(entity.issuerCertificate()),
                entity.certificate().getSerialNumber());
    }

    private static DigestCalculatorProvider digests() throws Exception {
        return new JcaDigestCalculatorProviderBuilder().build();
    }
}
