package dev.signingsuite.augmentation.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.augmentation.ReturnedSignatures;
import dev.signingsuite.augmentation.Sandboxes;
import dev.signingsuite.augmentation.trust.ServiceUnavailableException;
import dev.signingsuite.augmentation.trust.TrustServices;
import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.blobstore.FileSystemBlobStore;
import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.PdfRevision;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureAugmented;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignatureParameters;
import dev.signingsuite.events.SignatureReturned;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.events.VisibleSeal;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.pki.PkiEntity;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.signature.DssParameters;
import dev.signingsuite.signature.DssSignatures;
import dev.signingsuite.testclock.TestClock;
import dev.signingsuite.testsupport.PdfTools;
import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PAdES through the stages' own steps (ADR 18): the revision and its message digest as hash-service
 * prepares them, the data to sign and the value as a provider builds and a remote signer returns
 * them (over the digest only), then augmentation-service embeds and extends. Each level is judged by
 * DSS and by two independent tools, poppler's pdfsig and qpdf.
 */
class PadesAugmenterTest {

    private static final String TENANT = "demo";

    @TempDir
    static Path dataDir;

    private static Sandbox sandbox;
    private static PkiEntity seal;
    private static BlobStore blobs;
    private static SignatureAugmenter augmenter;
    // The stages that never see trust services: hash-service and the provider.
    private static final DssSignatures OFFLINE = new DssSignatures(new CommonCertificateVerifier());

    @BeforeAll
    static void start() throws IOException {
        sandbox = Sandboxes.start(dataDir);
        seal = sandbox.pki().entity(SandboxEntities.SEAL);
        blobs = new FileSystemBlobStore(dataDir.resolve("blobs"));
        TrustServices trust = TrustServices.create(
                Sandboxes.properties(sandbox, dataDir), new SimpleMeterRegistry(), TestClock.system());
        augmenter = new SignatureAugmenter(trust.signatures(), trust.ocsp(), blobs, TestClock.system());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @ParameterizedTest
    @EnumSource(SignatureLevel.class)
    void eachLevelIsReachedAndTheSignedPdfPassesDssPdfsigAndQpdf(SignatureLevel level) throws Exception {
        DataFile pdf = store(PdfTools.onePagePdf("Invoice " + level));

        SignatureAugmented augmented = augmented(returned(pdf, level));

        assertThat(augmented.signedDocument().mediaType()).isEqualTo("application/pdf");
        assertThat(augmented.signature().level()).isEqualTo(level);
        byte[] signed = read(augmented.signedDocument());
        assertThat(new String(signed, 0, 8, java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("the original PDF, updated incrementally")
                .isEqualTo(new String(read(pdf.blob()), 0, 8, java.nio.charset.StandardCharsets.ISO_8859_1));
        SimpleReport report = validate(signed);
        String id = report.getFirstSignatureId();
        assertThat(report.getSignaturesCount()).isEqualTo(1);
        assertThat(report.getIndication(id).name()).isEqualTo("TOTAL_PASSED");
        assertThat(report.getSignatureFormat(id).name()).isEqualTo("PAdES_BASELINE_" + level.name());
        Path file = Files.write(dataDir.resolve("signed-" + level + ".pdf"), signed);
        // At LTA pdfsig lists the document timestamp too, which it cannot validate; DSS did above.
        PdfTools.assertValidAndTrusted(
                PdfTools.pdfsig(file, Sandboxes.trustAnchors(sandbox), dataDir),
                1,
                level == SignatureLevel.LTA ? 1 : 0);
        assertThat(PdfTools.qpdfCheck(file)).contains("No syntax or stream encoding errors found");
    }

    @Test
    void aPdfThatAlreadyCarriesASignatureIsSealedAgainAndBothSignaturesValidate() throws Exception {
        SignatureAugmented first =
                augmented(returned(store(PdfTools.onePagePdf("Invoice signed twice")), SignatureLevel.B));
        DataFile signedOnce = new DataFile("invoice.pdf", first.signedDocument());

        SignatureAugmented second = augmented(returned(signedOnce, SignatureLevel.B));

        byte[] signedTwice = read(second.signedDocument());
        SimpleReport report = validate(signedTwice);
        assertThat(report.getSignaturesCount()).isEqualTo(2);
        assertThat(report.getSignatureIdList())
                .allSatisfy(id -> assertThat(report.getIndication(id).name()).isEqualTo("TOTAL_PASSED"));
        Path file = Files.write(dataDir.resolve("signed-twice.pdf"), signedTwice);
        // pdfsig verifies both; its certificate check of the second answers "Unknown issue with
        // Certificate" (NSS, same certificate twice in one file), so only the signatures are asserted.
        String pdfsig = PdfTools.pdfsig(file, Sandboxes.trustAnchors(sandbox), dataDir);
        assertThat(pdfsig.split("Signature is Valid\\.", -1)).as(pdfsig).hasSize(3);
        assertThat(pdfsig).contains("Signature #2:").doesNotContain("Signature #3:");
        assertThat(PdfTools.qpdfCheck(file)).contains("No syntax or stream encoding errors found");
    }

    @Test
    void aFacturXInvoiceKeepsItsAttachedXmlAndItsPdfAIdentification() throws Exception {
        byte[] invoice = FacturXInvoice.pdf("INV-TEST-0001");
        byte[] xml = attachment(invoice);
        assertThat(new String(xml, java.nio.charset.StandardCharsets.UTF_8)).contains("<ram:ID>INV-TEST-0001</ram:ID>");

        SignatureAugmented augmented = augmented(returned(store(invoice), SignatureLevel.LT));

        byte[] signed = read(augmented.signedDocument());
        SimpleReport report = validate(signed);
        assertThat(report.getIndication(report.getFirstSignatureId()).name()).isEqualTo("TOTAL_PASSED");
        Path file = Files.write(dataDir.resolve("factur-x-signed.pdf"), signed);
        assertThat(run("pdfdetach", "-list", file.toString()))
                .as("poppler's pdfdetach lists the attachment of the sealed PDF")
                .contains("1 embedded files")
                .contains("1: " + FacturXInvoice.ATTACHMENT);
        assertThat(attachment(signed)).as("the attached XML, byte for byte").isEqualTo(xml);
        try (PDDocument document = Loader.loadPDF(signed)) {
            String xmp = new String(
                    document.getDocumentCatalog().getMetadata().toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(xmp)
                    .contains("<pdfaid:part>3</pdfaid:part>")
                    .contains("<pdfaid:conformance>B</pdfaid:conformance>")
                    .contains("<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>");
            assertThat(document.getDocumentCatalog().getCOSObject().getCOSArray(COSName.getPDFName("AF")))
                    .as("the associated-files array PDF/A-3 requires")
                    .isNotNull();
        }
        assertThat(PdfTools.qpdfCheck(file)).contains("No syntax or stream encoding errors found");
    }

    /** The Factur-X attachment's bytes, read with PDFBox. */
    private static byte[] attachment(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            var files =
                    document.getDocumentCatalog().getNames().getEmbeddedFiles().getNames();
            return files.get(FacturXInvoice.ATTACHMENT).getEmbeddedFile().toByteArray();
        }
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    @Test
    void aVisibleSealIsDrawnInItsBoxOnItsPageAndTheSignedPdfStillValidates() throws Exception {
        byte[] twoPages = PdfTools.pagesPdf("Invoice, page 1", "Invoice, page 2: totals");
        VisibleSeal visible = new VisibleSeal("Sealed by Demo Ltd\n2026-01-02 03:04:05 UTC", 2, 40, 50, 220, 48);

        SignatureAugmented augmented = augmented(returned(store(twoPages), SignatureLevel.LT, visible));

        byte[] signed = read(augmented.signedDocument());
        SimpleReport report = validate(signed);
        assertThat(report.getIndication(report.getFirstSignatureId()).name()).isEqualTo("TOTAL_PASSED");
        Path file = Files.write(dataDir.resolve("signed-visible.pdf"), signed);
        PdfTools.assertValidAndTrusted(PdfTools.pdfsig(file, Sandboxes.trustAnchors(sandbox), dataDir), 1, 0);
        assertThat(PdfTools.qpdfCheck(file)).contains("No syntax or stream encoding errors found");
        try (PDDocument document = Loader.loadPDF(signed)) {
            assertThat(document.getPage(0).getAnnotations()).as("page 1").isEmpty();
            PDPage page = document.getPage(1);
            List<PDAnnotationWidget> widgets = page.getAnnotations().stream()
                    .filter(PDAnnotationWidget.class::isInstance)
                    .map(PDAnnotationWidget.class::cast)
                    .toList();
            assertThat(widgets).as("widgets on page 2").hasSize(1);
            PDAnnotationWidget widget = widgets.get(0);
            PDRectangle box = widget.getRectangle();
            float top = page.getMediaBox().getHeight();
            // DSS places from the top left; PDF counts from the bottom left.
            assertThat(box.getLowerLeftX()).isCloseTo(40f, org.assertj.core.data.Offset.offset(0.5f));
            assertThat(box.getUpperRightY()).isCloseTo(top - 50f, org.assertj.core.data.Offset.offset(0.5f));
            assertThat(box.getWidth()).isCloseTo(220f, org.assertj.core.data.Offset.offset(0.5f));
            assertThat(box.getHeight()).isCloseTo(48f, org.assertj.core.data.Offset.offset(0.5f));
            PDAppearanceStream appearance = widget.getNormalAppearanceStream();
            assertThat(appearance).as("the widget's normal appearance").isNotNull();
            try (InputStream content = appearance.getContents()) {
                assertThat(content.readAllBytes()).as("what a reader draws").isNotEmpty();
            }
        }
    }

    @Test
    void aStoredPdfOtherThanTheOneHashedIsRefused() throws Exception {
        DataFile hashed = store(PdfTools.onePagePdf("Invoice as received"));
        SignatureReturned returned = returned(hashed, SignatureLevel.B);
        // Another PDF under the received reference: the blob store was written behind the suite's back.
        DataFile swapped = store(PdfTools.onePagePdf("Invoice changed afterwards"));
        SignatureReturned tampered = withFile(returned, new DataFile(hashed.name(), swapped.blob()));

        DocumentFailed failed = failed(augmenter.augment(tampered));

        assertThat(failed.reason()).isEqualTo(FailureReason.INVALID_DOCUMENT);
        assertThat(failed.message()).contains("another message digest than the one signed");
    }

    @Test
    void aSignatureOverAnotherRevisionsDigestIsRefused() throws Exception {
        DataFile pdf = store(PdfTools.onePagePdf("Invoice A"));
        SignatureReturned returned = returned(pdf, SignatureLevel.B);
        // A value over another document's data to sign, which the provider never asked for.
        SignatureReturned other = returned(store(PdfTools.onePagePdf("Invoice B")), SignatureLevel.B);
        SignatureReturned mixed = new SignatureReturned(
                returned.schemaVersion(),
                returned.documentId(),
                returned.batchId(),
                returned.tenantId(),
                returned.clientReference(),
                returned.signer(),
                returned.files(),
                returned.manifest(),
                returned.parameters(),
                other.signatureValue(),
                returned.returnedAt());

        DocumentFailed failed = failed(augmenter.augment(mixed));

        assertThat(failed.reason()).isEqualTo(FailureReason.SIGNATURE_INVALID);
    }

    @Test
    void aBlobStoreThatCannotBeReadParksTheDocumentInsteadOfFailingIt() throws Exception {
        SignatureReturned returned = returned(store(PdfTools.onePagePdf("Invoice while S3 is away")), SignatureLevel.B);
        OutageBlobStore outage = new OutageBlobStore(blobs);
        SignatureAugmenter augmenting = augmenterOn(outage);
        outage.reads = false;

        assertThatThrownBy(() -> augmenting.augment(returned))
                .isInstanceOfSatisfying(
                        ServiceUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(FailureReason.STAGE_UNAVAILABLE))
                .hasMessageContaining("blob store unavailable: cannot read file 'invoice.pdf'");
        assertThat(outage.stored).isZero();

        outage.reads = true;
        assertThat(augmenting.augment(returned)).isInstanceOf(SignatureAugmented.class);
    }

    @Test
    void aBlobStoreThatCannotStoreTheSignedPdfParksTheDocumentInsteadOfFailingIt() throws Exception {
        SignatureReturned returned = returned(store(PdfTools.onePagePdf("Invoice while S3 is full")), SignatureLevel.B);
        OutageBlobStore outage = new OutageBlobStore(blobs);
        SignatureAugmenter augmenting = augmenterOn(outage);
        outage.writes = false;

        assertThatThrownBy(() -> augmenting.augment(returned))
                .isInstanceOfSatisfying(
                        ServiceUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(FailureReason.STAGE_UNAVAILABLE))
                .hasMessageContaining("blob store unavailable: cannot store the signed PDF");
    }

    /** What hash-service, the provider and the remote signer produce for {@code pdf}. */
    private static SignatureReturned returned(DataFile pdf, SignatureLevel level) throws IOException {
        return returned(pdf, level, null);
    }

    /** As hash-service prepares it for a signer with {@code visible} configured (null: none). */
    private static SignatureReturned returned(DataFile pdf, SignatureLevel level, VisibleSeal visible)
            throws IOException {
        PdfRevision revision = OFFLINE.pdfRevision(
                new InMemoryDocument(read(pdf.blob()), pdf.name(), MimeTypeEnum.PDF),
                TestClock.now().truncatedTo(ChronoUnit.SECONDS),
                visible);
        List<CertificateToken> issuers = seal.chain().subList(1, seal.chain().size()).stream()
                .map(CertificateToken::new)
                .toList();
        SignatureParameters parameters = DssParameters.describe(
                SignatureFormat.PADES,
                level,
                SignatureAlgorithm.RSA_SHA256,
                TestClock.now(),
                new CertificateToken(seal.certificate()),
                issuers,
                revision);
        byte[] dataToSign = OFFLINE.dataToSign(parameters, List.of(pdf), null).getBytes();
        String id = UUID.randomUUID().toString();
        return new SignatureReturned(
                SignatureReturned.SCHEMA_VERSION,
                id,
                "batch-" + id,
                TENANT,
                null,
                new SignerRef(Provider.CSC, "sandbox-seal"),
                List.of(pdf),
                null,
                parameters,
                ReturnedSignatures.sign(seal, dataToSign),
                TestClock.now());
    }

    private static SignatureReturned withFile(SignatureReturned returned, DataFile file) {
        return new SignatureReturned(
                returned.schemaVersion(),
                returned.documentId(),
                returned.batchId(),
                returned.tenantId(),
                returned.clientReference(),
                returned.signer(),
                List.of(file),
                returned.manifest(),
                returned.parameters(),
                returned.signatureValue(),
                returned.returnedAt());
    }

    private static SimpleReport validate(byte[] pdf) {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        Sandboxes.trustAnchors(sandbox).forEach(anchor -> trusted.addCertificate(new CertificateToken(anchor)));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        verifier.setAIASource(null);
        verifier.setCrlSource(null);
        // B and T carry no revocation data: DSS asks the sandbox's responder, as container-service does.
        verifier.setOcspSource(new eu.europa.esig.dss.service.ocsp.OnlineOCSPSource());
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(pdf));
        validator.setCertificateVerifier(verifier);
        return validator.validateDocument().getSimpleReport();
    }

    private static SignatureAugmented augmented(SignatureReturned returned) {
        DocumentEvent outcome = augmenter.augment(returned);
        assertThat(outcome).as(() -> "outcome " + outcome).isInstanceOf(SignatureAugmented.class);
        return (SignatureAugmented) outcome;
    }

    private static DocumentFailed failed(DocumentEvent outcome) {
        assertThat(outcome).as(() -> "outcome " + outcome).isInstanceOf(DocumentFailed.class);
        return (DocumentFailed) outcome;
    }

    private static SignatureAugmenter augmenterOn(BlobStore store) {
        TrustServices trust = TrustServices.create(
                Sandboxes.properties(sandbox, dataDir), new SimpleMeterRegistry(), TestClock.system());
        return new SignatureAugmenter(trust.signatures(), trust.ocsp(), store, TestClock.system());
    }

    private static DataFile store(byte[] pdf) throws IOException {
        BlobRef ref = blobs.put(TENANT, new ByteArrayInputStream(pdf), "application/pdf", 1 << 20);
        return new DataFile("invoice.pdf", ref);
    }

    private static byte[] read(BlobRef ref) throws IOException {
        try (InputStream in = blobs.open(ref)) {
            return in.readAllBytes();
        }
    }
}
