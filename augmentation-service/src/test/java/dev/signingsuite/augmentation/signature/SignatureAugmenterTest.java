package dev.signingsuite.augmentation.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.augmentation.ReturnedSignatures;
import dev.signingsuite.augmentation.Sandboxes;
import dev.signingsuite.augmentation.trust.AugmentationProperties;
import dev.signingsuite.augmentation.trust.TrustServiceUnavailableException;
import dev.signingsuite.augmentation.trust.TrustServices;
import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.blobstore.FileSystemBlobStore;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.SignatureAugmented;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignatureReturned;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.faults.Simulator;
import dev.signingsuite.sandbox.pki.PkiEntity;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.signature.AsicLayout;
import dev.signingsuite.testclock.TestClock;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignatureAugmenterTest {

    /** archive-time-stamp-v3, ETSI EN 319 122-1. */
    private static final ASN1ObjectIdentifier ARCHIVE_TIMESTAMP_V3 = new ASN1ObjectIdentifier("0.4.0.1733.2.4");

    @TempDir
    static Path dataDir;

    private static Sandbox sandbox;
    private static PkiEntity seal;
    private static SignatureAugmenter augmenter;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandboxes.start(dataDir);
        seal = sandbox.pki().entity(SandboxEntities.SEAL);
        augmenter = augmenter(Sandboxes.properties(sandbox, dataDir));
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @Test
    void levelBIsTheProvidersSignatureWithoutUnsignedAttributes() throws Exception {
        SignatureReturned returned = ReturnedSignatures.signedBy(seal, SignatureLevel.B, id());

        SignatureAugmented augmented = augmented(returned);

        assertThat(augmented.signature().entryName()).isEqualTo(AsicLayout.SIGNATURE_ENTRY);
        assertThat(augmented.signature().level()).isEqualTo(SignatureLevel.B);
        assertThat(augmented.files()).isEqualTo(returned.files());
        assertThat(augmented.parameters()).isEqualTo(returned.parameters());
        SignerInformation signer = verifiedSigner(augmented);
        assertThat(signer.getUnsignedAttributes()).isNull();
        assertThat(Validation.of(augmented, sandbox).format()).isEqualTo("CAdES_BASELINE_B");
    }

    @Test
    void levelTCarriesASignatureTimestampFromTheTsaOverTheSignatureValue() throws Exception {
        SignatureAugmented augmented = augmented(ReturnedSignatures.signedBy(seal, SignatureLevel.T, id()));

        SignerInformation signer = verifiedSigner(augmented);
        TimeStampToken timestamp = signatureTimestamp(signer);
        timestamp.validate(new JcaSimpleSignerInfoVerifierBuilder()
                .build(sandbox.pki().entity(SandboxEntities.TSA).certificate()));
        DigestCalculator digest = new JcaDigestCalculatorProviderBuilder()
                .build()
                .get(new AlgorithmIdentifier(timestamp.getTimeStampInfo().getMessageImprintAlgOID()));
        digest.getOutputStream().write(signer.getSignature());
        byte[] imprint = digest.getDigest();
        assertThat(timestamp.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(imprint);
        assertThat(augmented.signature().level()).isEqualTo(SignatureLevel.T);
        assertThat(Validation.of(augmented, sandbox).format()).isEqualTo("CAdES_BASELINE_T");
    }

    @Test
    void levelLtCarriesTheChainAndAnOcspResponseAndValidatesOffline() throws Exception {
        SignatureAugmented augmented = augmented(ReturnedSignatures.signedBy(seal, SignatureLevel.LT, id()));

        SignerInformation signer = verifiedSigner(augmented);
        assertThat(signer.getUnsignedAttributes()
                        .getAll(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken)
                        .size())
                .as("one signature timestamp")
                .isEqualTo(1);
        CMSSignedData cms = cms(augmented);
        assertThat(cms.getCertificates().getMatches(null))
                .extracting(X509CertificateHolder::getSubject)
                .map(Object::toString)
                .contains(
                        new X509CertificateHolder(seal.certificate().getEncoded())
                                .getSubject()
                                .toString(),
                        new X509CertificateHolder(
                                        sandbox.pki().issuingCa().certificate().getEncoded())
                                .getSubject()
                                .toString());
        assertThat(cms.getOtherRevocationInfo(CMSObjectIdentifiers.id_ri_ocsp_response)
                        .getMatches(null))
                .as("OCSP responses in the SignedData's revocation choices")
                .isNotEmpty();
        Validation validation = Validation.of(augmented, sandbox);
        assertThat(validation.format()).isEqualTo("CAdES_BASELINE_LT");
        assertThat(validation.indication()).isEqualTo("TOTAL_PASSED");
    }

    @ParameterizedTest
    @EnumSource(
            value = SignatureLevel.class,
            names = {"B", "T", "LT"})
    void xadesIsBuiltFromTheFilesDigestsAndExtendedToEachLevel(SignatureLevel level) {
        SignatureReturned returned = ReturnedSignatures.signedBy(seal, level, id(), SignatureFormat.ASIC_E_XADES);

        SignatureAugmented augmented = augmented(returned);

        assertThat(augmented.signature().entryName()).isEqualTo(AsicLayout.XADES_SIGNATURE_ENTRY);
        assertThat(augmented.signature().level()).isEqualTo(level);
        assertThat(augmented.manifest()).isEqualTo(returned.manifest());
        assertThat(new String(augmented.signature().content(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("<asic:XAdESSignatures")
                .contains("URI=\"" + returned.files().get(0).name() + "\"")
                .contains("URI=\"" + returned.files().get(1).name().replace(" ", "%20") + "\"");
        Validation validation = Validation.of(augmented, sandbox);
        assertThat(validation.format()).isEqualTo("XAdES_BASELINE_" + level);
        if (level == SignatureLevel.LT) {
            assertThat(validation.indication()).isEqualTo("TOTAL_PASSED");
        }
    }

    @Test
    void aXadesValueThatDoesNotVerifyIsRefusedAndXadesAtLtaNeedsTheBlobStore() {
        DocumentFailed tampered = (DocumentFailed) augmenter.augment(ReturnedSignatures.tampered(
                ReturnedSignatures.signedBy(seal, SignatureLevel.B, id(), SignatureFormat.ASIC_E_XADES)));
        DocumentFailed lta = (DocumentFailed) augmenter.augment(
                ReturnedSignatures.signedBy(seal, SignatureLevel.LTA, id(), SignatureFormat.ASIC_E_XADES));

        assertThat(tampered.reason()).isEqualTo(FailureReason.SIGNATURE_INVALID);
        assertThat(lta.reason()).isEqualTo(FailureReason.STAGE_UNAVAILABLE);
        assertThat(lta.message()).contains("no blob store for XAdES at LTA");
    }

    @Test
    void xadesAtLtaCarriesAnArchiveTimestampOverTheFilesBytes() throws Exception {
        BlobStore blobs = new FileSystemBlobStore(dataDir.resolve("blobs"));
        String id = id();
        ReturnedSignatures.storeFiles(blobs, id);
        TrustServices trust = TrustServices.create(
                Sandboxes.properties(sandbox, dataDir), new SimpleMeterRegistry(), TestClock.system());
        SignatureAugmenter reading =
                new SignatureAugmenter(trust.signatures(), trust.ocsp(), blobs, TestClock.system());

        DocumentEvent outcome = reading.augment(
                ReturnedSignatures.signedBy(seal, SignatureLevel.LTA, id, SignatureFormat.ASIC_E_XADES));

        assertThat(outcome).as(() -> "outcome " + outcome).isInstanceOf(SignatureAugmented.class);
        SignatureAugmented augmented = (SignatureAugmented) outcome;
        assertThat(augmented.signature().level()).isEqualTo(SignatureLevel.LTA);
        assertThat(augmented.signature().entryName()).isEqualTo(AsicLayout.XADES_SIGNATURE_ENTRY);
        assertThat(new String(augmented.signature().content(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("ArchiveTimeStamp");
        List<DSSDocument> files = new java.util.ArrayList<>();
        for (DataFile file : augmented.files()) {
            try (var in = blobs.open(file.blob())) {
                files.add(new InMemoryDocument(in.readAllBytes(), file.name()));
            }
        }
        Validation validation = Validation.of(augmented, sandbox, files);
        assertThat(validation.format()).isEqualTo("XAdES_BASELINE_LTA");
        assertThat(validation.indication()).isEqualTo("TOTAL_PASSED");
    }

    @Test
    void levelLtaAddsAnArchiveTimestamp() throws Exception {
        SignatureAugmented augmented = augmented(ReturnedSignatures.signedBy(seal, SignatureLevel.LTA, id()));

        SignerInformation signer = verifiedSigner(augmented);
        assertThat(signer.getUnsignedAttributes().getAll(ARCHIVE_TIMESTAMP_V3).size())
                .isEqualTo(1);
        assertThat(augmented.signature().level()).isEqualTo(SignatureLevel.LTA);
        Validation validation = Validation.of(augmented, sandbox);
        assertThat(validation.format()).isEqualTo("CAdES_BASELINE_LTA");
        assertThat(validation.indication()).isEqualTo("TOTAL_PASSED");
    }

    @Test
    void aDetachedCadesOverADigestReachesLtaAndVerifiesOverTheContentTheClientKept() throws Exception {
        String id = id();
        SignatureReturned returned =
                ReturnedSignatures.signedBy(seal, SignatureLevel.LTA, id, SignatureFormat.CADES_DETACHED);

        SignatureAugmented augmented = augmented(returned);

        assertThat(augmented.signature().entryName()).isEqualTo("document.p7s");
        assertThat(augmented.manifest()).isNull();
        byte[] content = ReturnedSignatures.invoiceContent(id).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        CMSSignedData cms = new CMSSignedData(
                new CMSProcessableByteArray(content), augmented.signature().content());
        SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
        assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(seal.certificate())))
                .isTrue();
        assertThat(signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken))
                .isNotNull();
        assertThat(signer.getUnsignedAttributes().get(ARCHIVE_TIMESTAMP_V3)).isNotNull();
        assertThat(cms.getOtherRevocationInfo(CMSObjectIdentifiers.id_ri_ocsp_response)
                        .getMatches(null))
                .isNotEmpty();
    }

    @Test
    void aTamperedSignatureValueFailsAsSignatureInvalid() {
        SignatureReturned tampered =
                ReturnedSignatures.tampered(ReturnedSignatures.signedBy(seal, SignatureLevel.LT, id()));

        DocumentFailed failed = failed(augmenter.augment(tampered));

        assertThat(failed.reason()).isEqualTo(FailureReason.SIGNATURE_INVALID);
        assertThat(failed.documentId()).isEqualTo(tampered.documentId());
    }

    @Test
    void aRevokedSignerFailsAsCertificateInvalid() {
        PkiEntity revoked = sandbox.pki().entity(SandboxEntities.REVOKED);

        DocumentFailed failed =
                failed(augmenter.augment(ReturnedSignatures.signedBy(revoked, SignatureLevel.LT, id())));

        assertThat(failed.reason()).isEqualTo(FailureReason.CERTIFICATE_INVALID);
        assertThat(failed.message()).contains("revoked");
    }

    @Test
    void anUnreachableTsaIsTransient() {
        AugmentationProperties properties = Sandboxes.properties(sandbox, dataDir);
        SignatureAugmenter offline = augmenter(withTsas(properties, List.of(URI.create("http://127.0.0.1:1/tsa"))));
        SignatureReturned returned = ReturnedSignatures.signedBy(seal, SignatureLevel.T, id());

        assertThatThrownBy(() -> offline.augment(returned))
                .isInstanceOfSatisfying(
                        TrustServiceUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(FailureReason.TIMESTAMP_UNAVAILABLE));
    }

    @Test
    void aTsaDownFailsOverToTheNextWithoutParking() {
        AugmentationProperties properties = Sandboxes.properties(sandbox, dataDir);
        String down = "http://127.0.0.1:1/tsa";
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TrustServices trust = TrustServices.create(
                withTsas(properties, List.of(URI.create(down), sandbox.tsaUrl())), meters, TestClock.system());
        SignatureAugmenter failingOver = new SignatureAugmenter(trust.signatures(), trust.ocsp(), TestClock.system());

        DocumentEvent outcome = failingOver.augment(ReturnedSignatures.signedBy(seal, SignatureLevel.T, id()));

        assertThat(outcome).isInstanceOf(SignatureAugmented.class);
        assertThat(meters.timer("signing.tsp.requests", "outcome", "error", "endpoint", down)
                        .count())
                .isEqualTo(1);
        assertThat(meters.timer(
                                "signing.tsp.requests",
                                "outcome",
                                "success",
                                "endpoint",
                                sandbox.tsaUrl().toString())
                        .count())
                .isEqualTo(1);
    }

    @Test
    void anOcspResponderDownFailsOverToTheConfiguredMirror() {
        // A second sandbox on the same data directory: the same CAs, so its responder is a mirror.
        try (Sandbox mirror = Sandboxes.start(dataDir)) {
            sandbox.faults().outage(Simulator.OCSP, Duration.ofMinutes(1));
            AugmentationProperties properties = Sandboxes.properties(sandbox, dataDir);
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            TrustServices trust = TrustServices.create(
                    new AugmentationProperties(
                            properties.tsaUrl(),
                            List.of(),
                            List.of(mirror.ocspUrl()),
                            properties.trustAnchors(),
                            properties.ocspCacheTtl(),
                            properties.ocspCacheSize(),
                            properties.connectTimeout(),
                            properties.readTimeout(),
                            properties.attempts(),
                            properties.attemptPause()),
                    meters,
                    TestClock.system());
            SignatureAugmenter failingOver =
                    new SignatureAugmenter(trust.signatures(), trust.ocsp(), TestClock.system());

            DocumentEvent outcome = failingOver.augment(ReturnedSignatures.signedBy(seal, SignatureLevel.LT, id()));

            assertThat(outcome).isInstanceOf(SignatureAugmented.class);
            assertThat(meters.timer("signing.ocsp.requests", "outcome", "error", "endpoint", "aia")
                            .count())
                    .isPositive();
            assertThat(meters.timer(
                                    "signing.ocsp.requests",
                                    "outcome",
                                    "success",
                                    "endpoint",
                                    mirror.ocspUrl().toString())
                            .count())
                    .isPositive();
        } finally {
            sandbox.faults().clear();
        }
    }

    private static AugmentationProperties withTsas(AugmentationProperties properties, List<URI> tsas) {
        return new AugmentationProperties(
                null,
                tsas,
                properties.ocspUrls(),
                properties.trustAnchors(),
                properties.ocspCacheTtl(),
                properties.ocspCacheSize(),
                properties.connectTimeout(),
                properties.readTimeout(),
                properties.attempts(),
                properties.attemptPause());
    }

    private static SignatureAugmenter augmenter(AugmentationProperties properties) {
        TrustServices trust = TrustServices.create(properties, new SimpleMeterRegistry(), TestClock.system());
        return new SignatureAugmenter(trust.signatures(), trust.ocsp(), TestClock.system());
    }

    private static SignatureAugmented augmented(SignatureReturned returned) {
        DocumentEvent outcome = augmenter.augment(returned);
        assertThat(outcome).as(() -> "outcome " + outcome).isInstanceOf(SignatureAugmented.class);
        return (SignatureAugmented) outcome;
    }

    private static DocumentFailed failed(DocumentEvent outcome) {
        assertThat(outcome).isInstanceOf(DocumentFailed.class);
        DocumentFailed failed = (DocumentFailed) outcome;
        assertThat(failed.stage()).isEqualTo(FailureStage.AUGMENTATION);
        return failed;
    }

    static CMSSignedData cms(SignatureAugmented augmented) throws Exception {
        return new CMSSignedData(
                new CMSProcessableByteArray(augmented.manifest().content()),
                augmented.signature().content());
    }

    private static SignerInformation verifiedSigner(SignatureAugmented augmented) throws Exception {
        SignerInformation signer =
                cms(augmented).getSignerInfos().getSigners().iterator().next();
        assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(seal.certificate())))
                .as("the CMS signature verifies over the manifest")
                .isTrue();
        return signer;
    }

    private static TimeStampToken signatureTimestamp(SignerInformation signer) throws Exception {
        AttributeTable unsigned = signer.getUnsignedAttributes();
        assertThat(unsigned).isNotNull();
        Attribute attribute = unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        assertThat(attribute).as("signature-time-stamp attribute").isNotNull();
        return new TimeStampToken(new CMSSignedData(
                attribute.getAttrValues().getObjectAt(0).toASN1Primitive().getEncoded()));
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
