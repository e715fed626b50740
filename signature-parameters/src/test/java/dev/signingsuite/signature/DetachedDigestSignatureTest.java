package dev.signingsuite.signature;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.events.ContentDigest;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignatureParameters;
import dev.signingsuite.sandbox.pki.PkiEntity;
import dev.signingsuite.sandbox.pki.PkiSettings;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.sandbox.pki.TestPki;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Digest signing: a detached CAdES over a DigestDocument verifies over the content the client kept. */
class DetachedDigestSignatureTest {

    // A fixed signing date, so the test PKI is issued for it rather than for "now".
    private static final Instant SIGNING_DATE = Instant.parse("2026-11-23T09:30:15Z");
    private static final Clock PKI_ISSUED = Clock.fixed(SIGNING_DATE.minus(Duration.ofHours(9)), ZoneOffset.UTC);
    private static final byte[] CONTENT = "the e-service keeps this document".getBytes(UTF_8);

    @TempDir
    static Path pkiDir;

    private static PkiEntity seal;
    private final DssSignatures signatures = new DssSignatures(new CommonCertificateVerifier());

    @BeforeAll
    static void loadPki() throws Exception {
        seal = TestPki.loadOrCreate(pkiDir, PkiSettings.defaults(), SandboxEntities.ALL, PKI_ISSUED)
                .entity(SandboxEntities.SEAL);
    }

    @Test
    void theSignatureOverTheDigestVerifiesOverTheContentAndNotOverOther() throws Exception {
        List<DataFile> files =
                List.of(digestOf("SHA256", MessageDigest.getInstance("SHA-256").digest(CONTENT)));
        SignatureParameters parameters = describe();

        ToBeSigned toBeSigned = signatures.dataToSign(parameters, files, null);
        SignatureValue value = new SignatureValue(SignatureAlgorithm.RSA_SHA256, sign(toBeSigned.getBytes()));
        // augmentation-service, after the event crossed Kafka as JSON
        SignatureParameters received = EventJson.read(EventJson.write(parameters), SignatureParameters.class);
        DSSDocument cms = signatures.sign(received, files, null, value);

        byte[] der;
        try (var in = cms.openStream()) {
            der = in.readAllBytes();
        }
        assertThat(verifies(der, CONTENT)).isTrue();
        assertThat(verifies(der, "another document".getBytes(UTF_8))).isFalse();
    }

    @Test
    void aDigestOfAnotherAlgorithmThanTheSignersOrADocumentWithContentIsRefused() throws Exception {
        SignatureParameters parameters = describe();
        List<DataFile> sha512 = List.of(digestOf("SHA512", new byte[64]));

        assertThatThrownBy(() -> signatures.dataToSign(parameters, sha512, null))
                .hasMessageContaining("a digest of SHA512 cannot be signed");
        assertThatThrownBy(() -> DetachedParameters.detachedDigest(List.of()))
                .hasMessageContaining("covers one digest");
        assertThatThrownBy(() -> DetachedParameters.cadesDetachedExtension(
                        DssParameters.describe(
                                SignatureFormat.ASIC_E_CADES,
                                SignatureLevel.LT,
                                SignatureAlgorithm.RSA_SHA256,
                                SIGNING_DATE,
                                new CertificateToken(seal.certificate()),
                                List.of()),
                        sha512,
                        SignatureLevel.LT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DssParameters.dssLevel(SignatureFormat.CADES_DETACHED, SignatureLevel.LTA))
                .isEqualTo(eu.europa.esig.dss.enumerations.SignatureLevel.CAdES_BASELINE_LTA);
        assertThat(DssParameters.dssLevel(SignatureFormat.XADES_DETACHED, SignatureLevel.LT))
                .isEqualTo(eu.europa.esig.dss.enumerations.SignatureLevel.XAdES_BASELINE_LT);
        // A XAdES archive timestamp covers the referenced octets, which a digest cannot give (ADR 22).
        assertThat(DssParameters.unsupported(SignatureFormat.XADES_DETACHED, SignatureLevel.LTA))
                .hasValueSatisfying(reason -> assertThat(reason).contains("LTA"));
        assertThat(DssParameters.unsupported(SignatureFormat.XADES_DETACHED, SignatureLevel.LT))
                .isEmpty();
        assertThat(DssParameters.unsupported(SignatureFormat.CADES_DETACHED, SignatureLevel.LTA))
                .isEmpty();
    }

    private static DataFile digestOf(String algorithm, byte[] digest) {
        return new DataFile("document", null, new ContentDigest(algorithm, digest));
    }

    private static SignatureParameters describe() {
        List<CertificateToken> chain = seal.chain().subList(1, seal.chain().size()).stream()
                .map(CertificateToken::new)
                .toList();
        return DssParameters.describe(
                SignatureFormat.CADES_DETACHED,
                SignatureLevel.LT,
                SignatureAlgorithm.RSA_SHA256,
                SIGNING_DATE,
                new CertificateToken(seal.certificate()),
                chain);
    }

    private static byte[] sign(byte[] dataToSign) throws Exception {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(seal.privateKey());
        signature.update(dataToSign);
        return signature.sign();
    }

    private static boolean verifies(byte[] cms, byte[] content) throws Exception {
        CMSSignedData data = new CMSSignedData(new CMSProcessableByteArray(content), cms);
        SignerInformation signer = data.getSignerInfos().getSigners().iterator().next();
        try {
            return signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(seal.certificate()));
        } catch (org.bouncycastle.cms.CMSSignerDigestMismatchException e) {
            return false;
        }
    }
}
