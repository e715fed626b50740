package dev.signingsuite.sandbox.tsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.sandbox.SharedPki;
import dev.signingsuite.sandbox.pki.PkiEntity;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;
import org.junit.jupiter.api.Test;

class TimeStampAuthorityTest {

    private static final byte[] SHA256_OF_DATA = sha256("document");

    private final PkiEntity tsaEntity = SharedPki.get().entity(SandboxEntities.TSA);
    private final TimeStampAuthority tsa = new TimeStampAuthority(tsaEntity);

    @Test
    void grantsASignedTokenWithNonceAccuracyPolicyAndEssCertIdV2() throws Exception {
        TimeStampRequest request = request(TSPAlgorithms.SHA256, SHA256_OF_DATA, true, BigInteger.valueOf(4711));

        TimeStampResponse response = new TimeStampResponse(tsa.respond(request.getEncoded()));

        response.validate(request); // nonce, imprint, policy and certReq against the request
        assertThat(response.getStatus()).isEqualTo(PKIStatus.GRANTED);
        TimeStampToken token = response.getTimeStampToken();
        token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsaEntity.certificate()));
        TimeStampTokenInfo info = token.getTimeStampInfo();
        assertThat(info.getNonce()).isEqualTo(4711);
        assertThat(info.getPolicy()).isEqualTo(TimeStampAuthority.DEFAULT_POLICY);
        assertThat(info.getGenTimeAccuracy().getSeconds()).isEqualTo(1);
        assertThat(info.getMessageImprintDigest()).isEqualTo(SHA256_OF_DATA);
        assertThat(token.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2))
                .isNotNull();
        assertThat(token.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificate))
                .isNull();
        assertThat(token.getCertificates().getMatches(null))
                .containsExactly(new JcaX509CertificateHolder(tsaEntity.certificate()));
    }

    @Test
    void leavesTheCertificateOutUnlessRequested() throws Exception {
        TimeStampRequest request = request(TSPAlgorithms.SHA512, sha512(), false, null);
        TimeStampResponse response = new TimeStampResponse(tsa.respond(request.getEncoded()));
        response.validate(request);
        assertThat(response.getTimeStampToken().getCertificates().getMatches(null))
                .isEmpty();
    }

    @Test
    void serialNumbersIncreaseAndStayUniqueUnderConcurrency() throws Exception {
        byte[] query =
                request(TSPAlgorithms.SHA256, SHA256_OF_DATA, false, null).getEncoded();
        List<BigInteger> serials = IntStream.range(0, 40)
                .parallel()
                .mapToObj(i -> serial(tsa.respond(query)))
                .toList();
        assertThat(Set.copyOf(serials)).hasSize(40);

        BigInteger first = serial(tsa.respond(query));
        BigInteger second = serial(tsa.respond(query));
        assertThat(second).isGreaterThan(first);
        assertThat(first)
                .isGreaterThan(serials.stream().max(BigInteger::compareTo).orElseThrow());
    }

    @Test
    void rejectsAnUnknownHashAlgorithmWithBadAlg() throws Exception {
        ASN1ObjectIdentifier garbage = new ASN1ObjectIdentifier("1.2.3.4.5.6");
        assertRejected(request(garbage, SHA256_OF_DATA, true, null), PKIFailureInfo.badAlg);
    }

    @Test
    void rejectsSha1WithBadAlg() throws Exception {
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest("document".getBytes());
        assertRejected(request(TSPAlgorithms.SHA1, sha1, true, null), PKIFailureInfo.badAlg);
    }

    @Test
    void rejectsAnotherPolicyAndADigestOfTheWrongLength() throws Exception {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setReqPolicy(new ASN1ObjectIdentifier("1.2.3.4"));
        assertRejected(generator.generate(TSPAlgorithms.SHA256, SHA256_OF_DATA), PKIFailureInfo.unacceptedPolicy);
        assertRejected(request(TSPAlgorithms.SHA256, new byte[20], false, null), PKIFailureInfo.badDataFormat);
    }

    @Test
    void refusesBytesThatAreNotATimeStampRequest() {
        assertThatThrownBy(() -> tsa.respond(new byte[] {0x30, 0x03, 0x02, 0x01}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tsa.respond("hello".getBytes())).isInstanceOf(IllegalArgumentException.class);
    }

    private void assertRejected(TimeStampRequest request, int failInfo) throws Exception {
        TimeStampResponse response = new TimeStampResponse(tsa.respond(request.getEncoded()));
        assertThat(response.getStatus()).isEqualTo(PKIStatus.REJECTION);
        assertThat(response.getFailInfo().intValue()).isEqualTo(failInfo);
        assertThat(response.getTimeStampToken()).isNull();
    }

    private static TimeStampRequest request(
            ASN1ObjectIdentifier algorithm, byte[] digest, boolean certReq, BigInteger nonce) {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(certReq);
        return nonce == null ? generator.generate(algorithm, digest) : generator.generate(algorithm, digest, nonce);
    }

    private static BigInteger serial(byte[] response) {
        try {
            return new TimeStampResponse(response)
                    .getTimeStampToken()
                    .getTimeStampInfo()
                    .getSerialNumber();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha512() throws Exception {
        return MessageDigest.getInstance("SHA-512").digest("document".getBytes());
    }
}
