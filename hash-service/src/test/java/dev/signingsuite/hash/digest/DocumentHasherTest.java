package dev.signingsuite.hash.digest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.blobstore.FileSystemBlobStore;
import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.ContentDigest;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.PdfRevision;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.events.VisibleSeal;
import dev.signingsuite.hash.ManifestXml;
import dev.signingsuite.hash.TestBlobs;
import dev.signingsuite.signature.DssSignatures;
import dev.signingsuite.testsupport.PdfTools;
import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentHasherTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-23T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final byte[] INVOICE = "%PDF-1.7 invoice".getBytes(UTF_8);
    private static final byte[] DELIVERY_NOTE = "<note>delivered</note>".getBytes(UTF_8);
    private static final byte[] TERMS = "terms and conditions".getBytes(UTF_8);

    @TempDir
    Path root;

    private BlobStore blobs;
    private DocumentHasher hasher;

    @BeforeEach
    void setUp() throws IOException {
        blobs = new FileSystemBlobStore(root);
        hasher = hasher(blobs, 1000);
    }

    @Test
    void severalFilesGiveOneManifestListingEachWithItsDigest() throws IOException {
        List<DataFile> files = List.of(
                file("invoice.pdf", INVOICE, "application/pdf"),
                file("notes/delivery.xml", DELIVERY_NOTE, "application/xml"),
                file("terms.txt", TERMS, "text/plain"));
        DocumentReceived received = received(SignatureFormat.ASIC_E_CADES, files);

        HashComputed computed = computed(hasher.hash(received));

        assertThat(computed.documentId()).isEqualTo(received.documentId());
        assertThat(computed.batchId()).isEqualTo(received.batchId());
        assertThat(computed.tenantId()).isEqualTo(received.tenantId());
        assertThat(computed.clientReference()).isEqualTo(received.clientReference());
        assertThat(computed.signer()).isEqualTo(received.signer());
        assertThat(computed.format()).isEqualTo(SignatureFormat.ASIC_E_CADES);
        assertThat(computed.level()).isEqualTo(SignatureLevel.LTA);
        assertThat(computed.digestAlgorithm()).isEqualTo("SHA256");
        assertThat(computed.files()).isEqualTo(files);
        assertThat(computed.computedAt()).isEqualTo(NOW);
        assertThat(computed.manifest().entryName()).isEqualTo("META-INF/ASiCManifest.xml");
        assertThat(computed.manifest().mediaType()).isEqualTo("text/xml");

        ManifestXml manifest = ManifestXml.parse(computed.manifest().content());
        assertThat(manifest.signatureEntry()).isEqualTo("META-INF/signature001.p7s");
        assertThat(manifest.digests())
                .containsExactly(
                        Map.entry("invoice.pdf", TestBlobs.sha256Base64(INVOICE)),
                        Map.entry("notes/delivery.xml", TestBlobs.sha256Base64(DELIVERY_NOTE)),
                        Map.entry("terms.txt", TestBlobs.sha256Base64(TERMS)));
        assertThat(manifest.digestMethods())
                .allSatisfy((name, algorithm) ->
                        assertThat(algorithm).isEqualTo("http://www.w3.org/2001/04/xmlenc#sha256"));
    }

    @Test
    void aBlobOfAnotherTenantFailsTheDocument() throws IOException {
        // A DocumentReceived written by someone who may write the internal topic, naming tenant
        // demo and a blob stored for ghost: refused, never signed under either tenant.
        DataFile invoice = file("invoice.pdf", INVOICE, "application/pdf");
        DataFile ghosts = new DataFile(
                "terms.txt", blobs.put("ghost", new ByteArrayInputStream(TERMS), "text/plain", Long.MAX_VALUE));

        DocumentFailed failed = failed(hasher.hash(received(SignatureFormat.ASIC_E_CADES, List.of(invoice, ghosts))));

        assertThat(failed.reason()).isEqualTo(FailureReason.INVALID_DOCUMENT);
        assertThat(failed.message())
                .isEqualTo("the stored document is not the one received: file 'terms.txt' is not a blob of tenant"
                        + " demo (stored for another tenant)");
    }

    @Test
    void oneTamperedFileAmongSeveralFailsTheWholeDocument() throws IOException {
        DataFile invoice = file("invoice.pdf", INVOICE, "application/pdf");
        DataFile terms = file("terms.txt", TERMS, "text/plain");
        TestBlobs.overwrite(root, terms.blob(), "terms and conditionZ".getBytes(UTF_8));

        DocumentFailed failed = failed(hasher.hash(received(SignatureFormat.ASIC_E_CADES, List.of(invoice, terms))));

        assertThat(failed.stage()).isEqualTo(FailureStage.HASH);
        assertThat(failed.reason()).isEqualTo(FailureReason.INVALID_DOCUMENT);
        assertThat(failed.message())
                .startsWith("the stored document is not the one received: file 'terms.txt' has SHA-256 ")
                .doesNotContain("invoice.pdf");
        assertThat(failed.failedAt()).isEqualTo(NOW);
        assertThat(failed.clientReference()).isEqualTo("ref-42");
    }

    @Test
    void aMissingBlobFailsTheDocument() throws IOException {
        DataFile invoice = file("invoice.pdf", INVOICE, "application/pdf");
        Files.delete(TestBlobs.fileOf(root, invoice.blob()));

        DocumentFailed failed = failed(hasher.hash(received(SignatureFormat.ASIC_E_CADES, List.of(invoice))));

        assertThat(failed.reason()).isEqualTo(FailureReason.INVALID_DOCUMENT);
        assertThat(failed.message()).contains("file 'invoice.pdf' is missing from the blob store");
    }

    @Test
    void aSizeThatDiffersFromTheStoredBlobFailsTheDocument() throws IOException {
        DataFile stored = file("invoice.pdf", INVOICE, "application/pdf");
        BlobRef ref = stored.blob();
        DataFile claimed =
                new DataFile("invoice.pdf", new BlobRef(ref.uri(), ref.size() - 1, ref.mediaType(), ref.sha256()));

        DocumentFailed failed = failed(hasher.hash(received(SignatureFormat.ASIC_E_CADES, List.of(claimed))));

        assertThat(failed.reason()).isEqualTo(FailureReason.INVALID_DOCUMENT);
        assertThat(failed.message()).contains("holds more than the " + (ref.size() - 1) + " bytes received");
    }

    @Test
    void padesPreparesTheRevisionWithTheSigningDateFixedHereAndCarriesOnlyItsDigest() throws IOException {
        byte[] pdf = PdfTools.onePagePdf("Invoice 42");
        DataFile file = file("invoice.pdf", pdf, "application/pdf");

        HashComputed computed = computed(hasher.hash(received(SignatureFormat.PADES, List.of(file))));

        assertThat(computed.manifest()).isNull();
        assertThat(computed.files()).containsExactly(file);
        PdfRevision revision = computed.pdfRevision();
        assertThat(revision.signingDate()).isEqualTo(NOW);
        assertThat(revision.digestAlgorithm()).isEqualTo("SHA256");
        // Deterministic: augmentation-service prepares the same revision again from the same bytes.
        PdfRevision again = new DssSignatures(new CommonCertificateVerifier())
                .pdfRevision(new InMemoryDocument(pdf, "invoice.pdf", MimeTypeEnum.PDF), NOW);
        assertThat(revision.messageDigest()).isEqualTo(again.messageDigest());
        PdfRevision otherPdf = new DssSignatures(new CommonCertificateVerifier())
                .pdfRevision(new InMemoryDocument(PdfTools.onePagePdf("Invoice 43"), "x.pdf", MimeTypeEnum.PDF), NOW);
        assertThat(revision.messageDigest()).isNotEqualTo(otherPdf.messageDigest());
    }

    @Test
    void aSignerWithAVisibleSealGetsItDrawnIntoTheRevisionWithItsOrganisationAndTheSigningDate() throws IOException {
        DataFile file = file("invoice.pdf", PdfTools.onePagePdf("Invoice 44"), "application/pdf");
        DocumentHasher visible = new DocumentHasher(
                new BlobVerifier(blobs),
                new PdfRevisions(blobs),
                new VisibleSeals(Map.of("sandbox-seal", new VisibleSeals.Placement("Demo Ltd", 1, 40, 50, 220, 48))),
                1000,
                Clock.fixed(NOW, ZoneOffset.UTC));

        PdfRevision revision = computed(visible.hash(received(SignatureFormat.PADES, List.of(file))))
                .pdfRevision();

        assertThat(revision.visibleSeal())
                .isEqualTo(new VisibleSeal(
                        "Sealed by Demo Ltd\n"
                                + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
                                        .withZone(ZoneOffset.UTC)
                                        .format(NOW),
                        1,
                        40,
                        50,
                        220,
                        48));
        assertThat(revision.messageDigest())
                .as("the seal's appearance is inside the signed revision")
                .isNotEqualTo(computed(hasher.hash(received(SignatureFormat.PADES, List.of(file))))
                        .pdfRevision()
                        .messageDigest());
    }

    @Test
    void padesRefusesWhatIsNotAPdfAsAnInvalidDocument() throws IOException {
        DocumentFailed failed = failed(hasher.hash(
                received(SignatureFormat.PADES, List.of(file("delivery.xml", DELIVERY_NOTE, "application/xml")))));

        assertThat(failed.stage()).isEqualTo(FailureStage.HASH);
        assertThat(failed.reason()).isEqualTo(FailureReason.INVALID_DOCUMENT);
        assertThat(failed.message()).contains("'delivery.xml' is not a PDF");
    }

    @Test
    void padesRefusesACorruptPdf() throws IOException {
        // Header and end as a PDF has them; no object, no cross-reference table, no trailer between.
        byte[] corrupt = "%PDF-1.7\n1 0 obj << /Type /Cat".getBytes(UTF_8);
        byte[] withEnd = java.util.Arrays.copyOf(corrupt, corrupt.length + 6);
        System.arraycopy("%%EOF\n".getBytes(UTF_8), 0, withEnd, corrupt.length, 6);
        DocumentFailed failed = failed(
                hasher.hash(received(SignatureFormat.PADES, List.of(file("invoice.pdf", withEnd, "application/pdf")))));

        assertThat(failed.reason()).isEqualTo(FailureReason.INVALID_DOCUMENT);
        assertThat(failed.message())
                .startsWith("file 'invoice.pdf' cannot take a PAdES signature: it is damaged or not a PDF");
    }

    @Test
    void padesRefusesATruncatedPdf() throws IOException {
        byte[] pdf = PdfTools.onePagePdf("Invoice cut off in transfer");
        byte[] truncated = java.util.Arrays.copyOf(pdf, pdf.length / 2);

        DocumentFailed failed = failed(hasher.hash(
                received(SignatureFormat.PADES, List.of(file("invoice.pdf", truncated, "application/pdf")))));

        assertThat(failed.reason()).isEqualTo(FailureReason.INVALID_DOCUMENT);
        assertThat(failed.message())
                .isEqualTo("file 'invoice.pdf' cannot take a PAdES signature: it is cut off or damaged (no %%EOF at"
                        + " its end)");
    }

    @Test
    void padesRefusesAnEncryptedPdf() throws IOException {
        DocumentFailed failed = failed(hasher.hash(
                received(SignatureFormat.PADES, List.of(file("invoice.pdf", encrypted(true), "application/pdf")))));

        assertThat(failed.reason()).isEqualTo(FailureReason.INVALID_DOCUMENT);
        assertThat(failed.message())
                .isEqualTo("file 'invoice.pdf' cannot take a PAdES signature: it is encrypted and opens only with a"
                        + " password; send it unencrypted");
    }

    @Test
    void padesRefusesAPdfWhosePermissionsForbidChanges() throws IOException {
        DocumentFailed failed = failed(hasher.hash(
                received(SignatureFormat.PADES, List.of(file("invoice.pdf", encrypted(false), "application/pdf")))));

        assertThat(failed.reason()).isEqualTo(FailureReason.INVALID_DOCUMENT);
        assertThat(failed.message())
                .startsWith("file 'invoice.pdf' cannot take a PAdES signature: its permissions forbid changes");
    }

    @Test
    void padesSignsOnePdfNotSeveralFiles() throws IOException {
        DocumentFailed failed = failed(hasher.hash(received(
                SignatureFormat.PADES,
                List.of(
                        file("a.pdf", PdfTools.onePagePdf("A"), "application/pdf"),
                        file("b.pdf", PdfTools.onePagePdf("B"), "application/pdf")))));

        assertThat(failed.reason()).isEqualTo(FailureReason.INVALID_DOCUMENT);
        assertThat(failed.message()).contains("one PDF");
    }

    /** A PDF encrypted with an owner password that forbids changes; with a user password when {@code locked}. */
    private static byte[] encrypted(boolean locked) throws IOException {
        try (PDDocument document = Loader.loadPDF(PdfTools.onePagePdf("Protected"))) {
            AccessPermission permissions = new AccessPermission();
            permissions.setCanModify(false);
            permissions.setCanFillInForm(false);
            permissions.setCanModifyAnnotations(false);
            StandardProtectionPolicy policy =
                    new StandardProtectionPolicy("owner-secret", locked ? "user-secret" : "", permissions);
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void xadesCarriesTheOdfManifestListingEveryFile() throws IOException {
        List<DataFile> files =
                List.of(file("invoice.pdf", INVOICE, "application/pdf"), file("terms.txt", TERMS, "text/plain"));

        HashComputed computed =
                (HashComputed) hasher.hash(received(SignatureFormat.ASIC_E_XADES, SignatureLevel.LT, files));

        assertThat(computed.format()).isEqualTo(SignatureFormat.ASIC_E_XADES);
        assertThat(computed.files()).isEqualTo(files);
        assertThat(computed.manifest().entryName()).isEqualTo("META-INF/manifest.xml");
        assertThat(new String(computed.manifest().content(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("manifest:full-path=\"invoice.pdf\" manifest:media-type=\"application/pdf\"")
                .contains("manifest:full-path=\"terms.txt\" manifest:media-type=\"text/plain\"");
    }

    @Test
    void xadesAtLtaIsHashedLikeAnyOtherLevel() throws IOException {
        DocumentEvent outcome = hasher.hash(received(
                SignatureFormat.ASIC_E_XADES,
                SignatureLevel.LTA,
                List.of(file("invoice.pdf", INVOICE, "application/pdf"))));

        assertThat(outcome).as(() -> "outcome " + outcome).isInstanceOf(HashComputed.class);
    }

    @Test
    void aDigestPassesThroughWithoutAManifestAndWithoutReadingTheStore() throws IOException {
        DataFile digest = new DataFile("document", null, new ContentDigest("SHA256", new byte[32]));
        BlobStore none = new FileSystemBlobStore(root.resolve("never-written"));

        DocumentEvent outcome =
                hasher(none, 1000).hash(received(SignatureFormat.CADES_DETACHED, SignatureLevel.LT, List.of(digest)));

        HashComputed computed = (HashComputed) outcome;
        assertThat(computed.format()).isEqualTo(SignatureFormat.CADES_DETACHED);
        assertThat(computed.files()).containsExactly(digest);
        assertThat(computed.manifest()).isNull();
        assertThat(computed.pdfRevision()).isNull();
    }

    @Test
    void aDigestInAnotherFormatOrStoredContentAsADetachedDigestFailTheDocument() throws IOException {
        DataFile digest = new DataFile("document", null, new ContentDigest("SHA256", new byte[32]));

        DocumentFailed asAsic = failed(hasher.hash(received(SignatureFormat.ASIC_E_CADES, List.of(digest))));
        DocumentFailed stored = failed(hasher.hash(
                received(SignatureFormat.CADES_DETACHED, List.of(file("invoice.pdf", INVOICE, "application/pdf")))));

        assertThat(asAsic.reason()).isEqualTo(FailureReason.INVALID_DOCUMENT);
        assertThat(asAsic.message()).contains("only by its digest");
        assertThat(stored.reason()).isEqualTo(FailureReason.INVALID_DOCUMENT);
        assertThat(stored.message()).contains("covers one digest");
    }

    @Test
    void moreFilesThanOneContainerHoldsFailTheDocument() throws IOException {
        List<DataFile> files = List.of(
                file("a.txt", INVOICE, "text/plain"),
                file("b.txt", DELIVERY_NOTE, "text/plain"),
                file("c.txt", TERMS, "text/plain"));

        DocumentFailed failed = failed(hasher(blobs, 2).hash(received(SignatureFormat.ASIC_E_CADES, files)));

        assertThat(failed.reason()).isEqualTo(FailureReason.INVALID_DOCUMENT);
        assertThat(failed.message()).isEqualTo("the document has 3 files; one container holds at most 2");
    }

    @Test
    void aFileNameTwiceFailsTheDocument() throws IOException {
        List<DataFile> files = List.of(file("a.txt", INVOICE, "text/plain"), file("a.txt", TERMS, "text/plain"));

        DocumentFailed failed = failed(hasher.hash(received(SignatureFormat.ASIC_E_CADES, files)));

        assertThat(failed.reason()).isEqualTo(FailureReason.INVALID_FILE_NAME);
        assertThat(failed.message()).isEqualTo("file name 'a.txt' appears more than once in the document");
    }

    @Test
    void aStoreThatCannotBeReadIsThrownAsTransient() throws IOException {
        DataFile invoice = file("invoice.pdf", INVOICE, "application/pdf");
        BlobStore unreachable = new BlobStore() {
            @Override
            public BlobRef put(String tenantId, InputStream content, String mediaType, long maxBytes) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<String> tenantOf(BlobRef ref) {
                return Optional.of("demo");
            }

            @Override
            public InputStream open(BlobRef ref) throws IOException {
                throw new IOException("Stale file handle");
            }
        };
        DocumentReceived received = received(SignatureFormat.ASIC_E_CADES, List.of(invoice));

        assertThatThrownBy(() -> hasher(unreachable, 1000).hash(received))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot read file 'invoice.pdf' of document doc-42")
                .hasRootCauseMessage("Stale file handle");
    }

    private static DocumentFailed failed(DocumentEvent outcome) {
        assertThat(outcome).isInstanceOf(DocumentFailed.class);
        return (DocumentFailed) outcome;
    }

    private static HashComputed computed(DocumentEvent outcome) {
        assertThat(outcome).isInstanceOf(HashComputed.class);
        return (HashComputed) outcome;
    }

    private static DocumentHasher hasher(BlobStore store, int maxFiles) {
        return new DocumentHasher(
                new BlobVerifier(store), new PdfRevisions(store), maxFiles, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private DataFile file(String name, byte[] content, String mediaType) throws IOException {
        BlobRef ref = blobs.put("demo", new ByteArrayInputStream(content), mediaType, Long.MAX_VALUE);
        return new DataFile(name, ref);
    }

    private static DocumentReceived received(SignatureFormat format, List<DataFile> files) {
        return received(format, SignatureLevel.LTA, files);
    }

    private static DocumentReceived received(SignatureFormat format, SignatureLevel level, List<DataFile> files) {
        return new DocumentReceived(
                DocumentReceived.SCHEMA_VERSION,
                "doc-42",
                "batch-7",
                "demo",
                "ref-42",
                new SignerRef(Provider.CSC, "sandbox-seal"),
                format,
                level,
                files,
                RECEIVED);
    }
}
