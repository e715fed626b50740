package dev.signingsuite.signature;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.Manifest;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignatureParameters;
import dev.signingsuite.sandbox.pki.PkiEntity;
import dev.signingsuite.sandbox.pki.PkiSettings;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.sandbox.pki.TestPki;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.xml.utils.DomUtils;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class DssParametersTest {

    // The signing dates below are fixed, so the test PKI is issued for them rather than for "now".
    private static final Instant SIGNING_DATE = Instant.parse("2026-11-23T09:30:15Z");
    private static final Clock PKI_ISSUED = Clock.fixed(SIGNING_DATE.minus(Duration.ofHours(9)), ZoneOffset.UTC);

    private static final String XMLDSIG = "http://www.w3.org/2000/09/xmldsig#";

    private static final String SHA256_HEX = "8c4e4157ac62218e4bd1fd628d09ff214105bbde5a46f6308b7cbae93fa96183";

    @TempDir
    static Path pkiDir;

    private static PkiEntity seal;
    private final CAdESService cades = new CAdESService(new CommonCertificateVerifier());

    @BeforeAll
    static void loadPki() throws IOException {
        seal = TestPki.loadOrCreate(pkiDir, PkiSettings.defaults(), SandboxEntities.ALL, PKI_ISSUED)
                .entity(SandboxEntities.SEAL);
    }

    @Test
    void parametersThatTravelledAsJsonSignExactlyWhatTheProviderSigned() throws Exception {
        Manifest manifest = AsicManifests.forFiles(List.of(file("invoice.pdf")));
        SignatureParameters described = describe(SIGNING_DATE.plusMillis(987));

        // The provider: data to sign, signed remotely (here with the sandbox key).
        ToBeSigned toBeSigned =
                cades.getDataToSign(DssParameters.manifest(manifest), DssParameters.cadesBaselineB(described));
        byte[] value = sign(toBeSigned.getBytes());

        // augmentation-service, after the parameters crossed Kafka as JSON.
        SignatureParameters received = EventJson.read(EventJson.write(described), SignatureParameters.class);
        DSSDocument signed = cades.signDocument(
                DssParameters.manifest(manifest),
                DssParameters.cadesBaselineB(received),
                new SignatureValue(SignatureAlgorithm.RSA_SHA256, value));

        SignerInformation signer = verifiedSigner(signed, manifest.content());
        java.util.Date signingTime = org.bouncycastle.asn1.cms.Time.getInstance(signer.getSignedAttributes()
                        .get(org.bouncycastle.asn1.cms.CMSAttributes.signingTime)
                        .getAttrValues()
                        .getObjectAt(0))
                .getDate();
        assertThat(signingTime.toInstant())
                .as("signing time from the event, to the second")
                .isEqualTo(SIGNING_DATE);
    }

    @Test
    void rsassaPssParametersStayPssThoughTheCertificateKeyIsRsa() throws Exception {
        Manifest manifest = AsicManifests.forFiles(List.of(file("invoice.pdf")));
        SignatureParameters described =
                describe(SignatureFormat.ASIC_E_CADES, SignatureAlgorithm.RSA_SSA_PSS_SHA256_MGF1, SIGNING_DATE);
        assertThat(DssParameters.cadesBaselineB(described).getSignatureAlgorithm())
                .isEqualTo(SignatureAlgorithm.RSA_SSA_PSS_SHA256_MGF1);

        // Signed as Smart-ID does (RSASSA-PSS, SHA-256, MGF1 SHA-256, salt 32): DSS accepts and embeds it.
        ToBeSigned toBeSigned =
                cades.getDataToSign(DssParameters.manifest(manifest), DssParameters.cadesBaselineB(described));
        Signature pss = Signature.getInstance("RSASSA-PSS");
        pss.setParameter(new java.security.spec.PSSParameterSpec(
                "SHA-256", "MGF1", java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
        pss.initSign(seal.privateKey());
        pss.update(toBeSigned.getBytes());
        DSSDocument signed = cades.signDocument(
                DssParameters.manifest(manifest),
                DssParameters.cadesBaselineB(described),
                new SignatureValue(SignatureAlgorithm.RSA_SSA_PSS_SHA256_MGF1, pss.sign()));
        verifiedSigner(signed, manifest.content());
    }

    /**
     * A CSC ECDSA credential (P-256): the parameters stay ECDSA, and DSS builds a CAdES signature
     * that verifies from the DER ECDSA-Sig-Value remote signers return. DSS does not take raw r‖s
     * (P1363) as ECDSA_SHA256: a provider re-encodes it to DER first (as provider-csc does).
     */
    @ParameterizedTest
    @ValueSource(strings = {"SHA256withECDSA", "SHA256withECDSAinP1363Format"})
    void ecdsaParametersGiveAVerifyingCadesSignature(String jcaAlgorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ec = generator.generateKeyPair();
        X509Certificate certificate = selfSigned(ec);
        Manifest manifest = AsicManifests.forFiles(List.of(file("invoice.pdf")));
        SignatureParameters described = DssParameters.describe(
                SignatureFormat.ASIC_E_CADES,
                SignatureLevel.LT,
                SignatureAlgorithm.ECDSA_SHA256,
                SIGNING_DATE,
                new CertificateToken(certificate),
                List.of());
        SignatureParameters received = EventJson.read(EventJson.write(described), SignatureParameters.class);
        assertThat(DssParameters.cadesBaselineB(received).getSignatureAlgorithm())
                .isEqualTo(SignatureAlgorithm.ECDSA_SHA256);

        ToBeSigned toBeSigned =
                cades.getDataToSign(DssParameters.manifest(manifest), DssParameters.cadesBaselineB(described));
        Signature signature = Signature.getInstance(jcaAlgorithm);
        signature.initSign(ec.getPrivate());
        signature.update(toBeSigned.getBytes());
        byte[] returned = signature.sign();
        boolean plain = jcaAlgorithm.endsWith("P1363Format");
        assertThat(cades.isValidSignatureValue(
                        toBeSigned,
                        new SignatureValue(SignatureAlgorithm.ECDSA_SHA256, returned),
                        new CertificateToken(certificate)))
                .as("DSS takes DER only")
                .isEqualTo(!plain);
        SignatureValue value = new SignatureValue(
                SignatureAlgorithm.ECDSA_SHA256,
                plain ? eu.europa.esig.dss.spi.DSSASN1Utils.toStandardDSASignatureValue(returned) : returned);
        assertThat(cades.isValidSignatureValue(toBeSigned, value, new CertificateToken(certificate)))
                .isTrue();
        DSSDocument signed =
                cades.signDocument(DssParameters.manifest(manifest), DssParameters.cadesBaselineB(received), value);

        byte[] cms;
        try (var in = signed.openStream()) {
            cms = in.readAllBytes();
        }
        CMSSignedData data = new CMSSignedData(new CMSProcessableByteArray(manifest.content()), cms);
        SignerInformation signer = data.getSignerInfos().getSigners().iterator().next();
        assertThat(signer.getEncryptionAlgOID()).isEqualTo("1.2.840.10045.4.3.2");
        assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate)))
                .isTrue();
    }

    /** XMLDSig carries ECDSA as r‖s: the DER value a provider publishes goes in re-encoded, not as is. */
    @Test
    void anEcdsaValueInDerBecomesRAndSInTheXadesSignatureValue() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ec = generator.generateKeyPair();
        List<DataFile> files = List.of(file("invoice.pdf"));
        SignatureParameters described = DssParameters.describe(
                SignatureFormat.ASIC_E_XADES,
                SignatureLevel.B,
                SignatureAlgorithm.ECDSA_SHA256,
                SIGNING_DATE,
                new CertificateToken(selfSigned(ec)),
                List.of());
        DssSignatures signatures = new DssSignatures(new CommonCertificateVerifier());
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(ec.getPrivate());
        signer.update(signatures.dataToSign(described, files, null).getBytes());
        byte[] der = signer.sign();

        DSSDocument signed =
                signatures.sign(described, files, null, new SignatureValue(SignatureAlgorithm.ECDSA_SHA256, der));

        byte[] carried = java.util.Base64.getMimeDecoder()
                .decode(text(DomUtils.buildDOM(signed), XMLDSIG, "SignatureValue")
                        .get(0));
        org.bouncycastle.asn1.ASN1Sequence rs = org.bouncycastle.asn1.ASN1Sequence.getInstance(der);
        byte[] expected = new byte[64];
        for (int i = 0; i < 2; i++) {
            byte[] half = org.bouncycastle.util.BigIntegers.asUnsignedByteArray(
                    32,
                    org.bouncycastle.asn1.ASN1Integer.getInstance(rs.getObjectAt(i))
                            .getValue());
            System.arraycopy(half, 0, expected, 32 * i, 32);
        }
        assertThat(carried).isEqualTo(expected);
    }

    private static X509Certificate selfSigned(KeyPair keys) throws Exception {
        org.bouncycastle.asn1.x500.X500Name name = new org.bouncycastle.asn1.x500.X500Name("CN=ECDSA test seal");
        Instant now = SIGNING_DATE;
        var builder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                name,
                java.math.BigInteger.ONE,
                java.util.Date.from(now.minusSeconds(60)),
                java.util.Date.from(now.plusSeconds(3600)),
                name,
                keys.getPublic());
        var signer = new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
                .build(keys.getPrivate());
        return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    @Test
    void aDifferentSigningDateGivesASignatureThatDoesNotVerify() throws Exception {
        Manifest manifest = AsicManifests.forFiles(List.of(file("invoice.pdf")));
        SignatureParameters atRequest = describe(SIGNING_DATE);
        byte[] value =
                sign(cades.getDataToSign(DssParameters.manifest(manifest), DssParameters.cadesBaselineB(atRequest))
                        .getBytes());

        SignatureParameters drifted = describe(SIGNING_DATE.plusSeconds(1));
        DSSDocument signed = cades.signDocument(
                DssParameters.manifest(manifest),
                DssParameters.cadesBaselineB(drifted),
                new SignatureValue(SignatureAlgorithm.RSA_SHA256, value));

        assertThatThrownBy(() -> verifiedSigner(signed, manifest.content())).isInstanceOf(AssertionError.class);
    }

    @Test
    void manifestListsEveryFileWithItsDigestAndNamesTheSignature() {
        Manifest manifest = AsicManifests.forFiles(List.of(file("a.pdf"), file("b.xml")));

        String xml = new String(manifest.content(), UTF_8);
        assertThat(manifest.entryName()).isEqualTo("META-INF/ASiCManifest.xml");
        assertThat(xml)
                .contains("URI=\"META-INF/signature001.p7s\"")
                .contains("URI=\"a.pdf\"")
                .contains("URI=\"b.xml\"")
                .contains("jE5BV6xiIY5L0f1ijQn/IUEFu95aRvYwi3y66T+pYYM=");
    }

    @Test
    void xadesParametersThatTravelledAsJsonSignTheFilesByDigestInsideTheAsicRoot() throws Exception {
        List<DataFile> files = List.of(file("invoice.pdf"), file("folder/terms.pdf"));
        SignatureParameters described = describe(SignatureFormat.ASIC_E_XADES, SIGNING_DATE.plusMillis(987));
        DssSignatures signatures = new DssSignatures(new CommonCertificateVerifier());
        byte[] value = sign(signatures.dataToSign(described, files, null).getBytes());

        SignatureParameters received = EventJson.read(EventJson.write(described), SignatureParameters.class);
        DSSDocument signed =
                signatures.sign(received, files, null, new SignatureValue(SignatureAlgorithm.RSA_SHA256, value));

        Document xml = DomUtils.buildDOM(signed);
        Element root = xml.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo("http://uri.etsi.org/02918/v1.2.1#");
        assertThat(root.getLocalName()).isEqualTo("XAdESSignatures");
        NodeList references = xml.getElementsByTagNameNS(XMLDSIG, "Reference");
        List<String> uris = java.util.stream.IntStream.range(0, references.getLength())
                .mapToObj(i -> ((Element) references.item(i)).getAttribute("URI"))
                .toList();
        assertThat(uris).contains("invoice.pdf", "folder/terms.pdf");
        assertThat(text(xml, XMLDSIG, "DigestValue")).contains("jE5BV6xiIY5L0f1ijQn/IUEFu95aRvYwi3y66T+pYYM=");
        assertThat(text(xml, "http://uri.etsi.org/01903/v1.3.2#", "SigningTime"))
                .containsExactly("2026-11-23T09:30:15Z");
        assertThat(signatures.isValidSignatureValue(
                        signatures.dataToSign(received, files, null),
                        new SignatureValue(SignatureAlgorithm.RSA_SHA256, value),
                        new CertificateToken(seal.certificate())))
                .as("the data to sign rebuilt from the event is what the provider signed")
                .isTrue();
    }

    @Test
    void xadesDataToSignChangesWithTheSigningDateAndWithAFileDigest() throws Exception {
        List<DataFile> files = List.of(file("invoice.pdf"));
        DssSignatures signatures = new DssSignatures(new CommonCertificateVerifier());
        byte[] atRequest = signatures
                .dataToSign(describe(SignatureFormat.ASIC_E_XADES, SIGNING_DATE), files, null)
                .getBytes();

        byte[] drifted = signatures
                .dataToSign(describe(SignatureFormat.ASIC_E_XADES, SIGNING_DATE.plusSeconds(1)), files, null)
                .getBytes();
        String otherDigest = "0000000000000000000000000000000000000000000000000000000000000000";
        byte[] otherFile = signatures
                .dataToSign(
                        describe(SignatureFormat.ASIC_E_XADES, SIGNING_DATE),
                        List.of(new DataFile(
                                "invoice.pdf",
                                new BlobRef("fs:demo/" + otherDigest, 10, "application/pdf", otherDigest))),
                        null)
                .getBytes();

        assertThat(drifted).isNotEqualTo(atRequest);
        assertThat(otherFile).isNotEqualTo(atRequest);
        assertThat(signatures
                        .dataToSign(describe(SignatureFormat.ASIC_E_XADES, SIGNING_DATE), files, null)
                        .getBytes())
                .as("the same parameters give the same data to sign")
                .isEqualTo(atRequest);
    }

    @Test
    void xadesReferencesKeepTheFilesSha256WhenTheSignatureDigestIsAnother() throws Exception {
        SignatureParameters sha512 =
                describe(SignatureFormat.ASIC_E_XADES, SignatureAlgorithm.RSA_SHA512, SIGNING_DATE);

        assertThat(DssParameters.xadesBaselineB(sha512).getReferenceDigestAlgorithm())
                .isEqualTo(eu.europa.esig.dss.enumerations.DigestAlgorithm.SHA256);
        assertThat(new DssSignatures(new CommonCertificateVerifier())
                        .dataToSign(sha512, List.of(file("invoice.pdf")), null)
                        .getBytes())
                .isNotEmpty();
    }

    @Test
    void odfManifestListsEveryFileWithItsMediaTypeUnderTheXadesEntryName() {
        Manifest odf = AsicManifests.forFiles(SignatureFormat.ASIC_E_XADES, List.of(file("a.pdf"), file("b.xml")));

        assertThat(odf.entryName()).isEqualTo(AsicLayout.manifestEntry(SignatureFormat.ASIC_E_XADES));
        assertThat(List.of(
                        "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
                        "manifest:full-path=\"/\" manifest:media-type=\"application/vnd.etsi.asic-e+zip\"",
                        "manifest:full-path=\"a.pdf\" manifest:media-type=\"application/pdf\"",
                        "manifest:full-path=\"b.xml\""))
                .allSatisfy(
                        entry -> assertThat(new String(odf.content(), UTF_8)).contains(entry));
    }

    @Test
    void levelsMapPerFormatAndEveryFormatReachesEveryLevel() {
        assertThat(DssParameters.dssLevel(SignatureFormat.ASIC_E_XADES, SignatureLevel.LT))
                .isEqualTo(eu.europa.esig.dss.enumerations.SignatureLevel.XAdES_BASELINE_LT);
        assertThat(DssParameters.dssLevel(SignatureFormat.ASIC_E_CADES, SignatureLevel.LTA))
                .isEqualTo(eu.europa.esig.dss.enumerations.SignatureLevel.CAdES_BASELINE_LTA);
        assertThat(DssParameters.unsupported(SignatureFormat.ASIC_E_XADES, SignatureLevel.LT))
                .isEmpty();
        assertThat(DssParameters.unsupported(SignatureFormat.ASIC_E_XADES, SignatureLevel.LTA))
                .isEmpty();
        assertThat(DssParameters.unsupported(SignatureFormat.PADES, SignatureLevel.LTA))
                .isEmpty();
    }

    @Test
    void cadesParametersRefuseXadesAndTheOtherWayRound() throws Exception {
        SignatureParameters xades = describe(SignatureFormat.ASIC_E_XADES, SIGNING_DATE);
        SignatureParameters cades = describe(SignatureFormat.ASIC_E_CADES, SIGNING_DATE);

        assertThatThrownBy(() -> DssParameters.cadesBaselineB(xades)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DssParameters.xadesBaselineB(cades)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describeKeepsWholeSecondsAndTheChainWithoutTheSigningCertificate() throws Exception {
        SignatureParameters described = describe(SIGNING_DATE.plusMillis(987));

        assertThat(described.signingDate()).isEqualTo(SIGNING_DATE);
        assertThat(described.digestAlgorithm()).isEqualTo("SHA256");
        assertThat(described.certificateChain()).hasSize(seal.chain().size() - 1);
        assertThat(described.signingCertificate()).isEqualTo(seal.certificate().getEncoded());
    }

    private static SignatureParameters describe(Instant signingDate) throws GeneralSecurityException {
        return describe(SignatureFormat.ASIC_E_CADES, signingDate);
    }

    private static SignatureParameters describe(SignatureFormat format, Instant signingDate)
            throws GeneralSecurityException {
        return describe(format, SignatureAlgorithm.RSA_SHA256, signingDate);
    }

    private static SignatureParameters describe(
            SignatureFormat format, SignatureAlgorithm algorithm, Instant signingDate) throws GeneralSecurityException {
        List<CertificateToken> chain = seal.chain().subList(1, seal.chain().size()).stream()
                .map(CertificateToken::new)
                .toList();
        return DssParameters.describe(
                format, SignatureLevel.LT, algorithm, signingDate, new CertificateToken(seal.certificate()), chain);
    }

    private static byte[] sign(byte[] dataToSign) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(seal.privateKey());
        signature.update(dataToSign);
        return signature.sign();
    }

    private static SignerInformation verifiedSigner(DSSDocument signed, byte[] content) throws Exception {
        byte[] cms;
        try (var in = signed.openStream()) {
            cms = in.readAllBytes();
        }
        CMSSignedData data = new CMSSignedData(new CMSProcessableByteArray(content), cms);
        SignerInformation signer = data.getSignerInfos().getSigners().iterator().next();
        boolean valid = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(seal.certificate()));
        if (!valid) {
            throw new AssertionError("signature does not verify");
        }
        return signer;
    }

    private static List<String> text(Document xml, String namespace, String localName) {
        NodeList nodes = xml.getElementsByTagNameNS(namespace, localName);
        return java.util.stream.IntStream.range(0, nodes.getLength())
                .mapToObj(i -> nodes.item(i).getTextContent())
                .toList();
    }

    private static DataFile file(String name) {
        return new DataFile(name, new BlobRef("fs:demo/" + SHA256_HEX, 10, "application/pdf", SHA256_HEX));
    }
}
