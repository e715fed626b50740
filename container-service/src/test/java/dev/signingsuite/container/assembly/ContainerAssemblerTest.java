package dev.signingsuite.container.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.container.ContainerFixtures;
import dev.signingsuite.container.validation.ContainerValidator;
import dev.signingsuite.container.validation.TrustAnchors;
import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.ContentDigest;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.SignatureAugmented;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.signature.AsicLayout;
import dev.signingsuite.testclock.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ContainerAssemblerTest {

    // The stage stamps with its clock; the container is validated at the machine's time, as in production.
    private static final Clock CLOCK = TestClock.frozenNow();
    private static final Instant NOW = CLOCK.instant();

    @TempDir
    static Path dir;

    private static ContainerFixtures fixtures;
    private static ContainerValidator validator;
    private static final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @TempDir
    Path workDir;

    @BeforeAll
    static void startSandbox() throws IOException {
        fixtures = ContainerFixtures.start(dir);
        validator = ContainerValidator.create(TrustAnchors.load(fixtures.trustAnchors()), meters);
    }

    @AfterAll
    static void stopSandbox() {
        fixtures.close();
    }

    @Test
    void aValidLtContainerIsStoredAndReportedAsTotalPassed() throws Exception {
        SignatureAugmented event = fixtures.signedDocument("doc-1", "invoice-42.pdf");

        ContainerAssembled assembled = assembled(assembler(Long.MAX_VALUE).assemble(event));

        assertThat(assembled.documentId()).isEqualTo("doc-1");
        assertThat(assembled.containerName()).isEqualTo("invoice-42.pdf.asice");
        assertThat(assembled.files()).isEqualTo(event.files());
        assertThat(assembled.assembledAt()).isEqualTo(NOW);
        assertThat(assembled.validation().indication()).isEqualTo("TOTAL_PASSED");
        assertThat(assembled.validation().subIndication()).isNull();
        assertThat(assembled.validation().level()).isEqualTo(SignatureLevel.LT);
        assertThat(assembled.validation().signedBy()).isEqualTo("Sandbox Invoicing SIA");
        assertThat(assembled.validation().signingTime())
                .as("the signature timestamp's time, after the signing date")
                .isAfterOrEqualTo(event.parameters().signingDate());
        assertThat(assembled.container().mediaType()).isEqualTo(AsicLayout.MIMETYPE);
        assertThat(entryNames(assembled.container()))
                .containsExactly(
                        AsicLayout.MIMETYPE_ENTRY,
                        "invoice-42.pdf",
                        AsicLayout.MANIFEST_ENTRY,
                        AsicLayout.SIGNATURE_ENTRY);
        assertThat(meters.get("signing.validation.duration").timer().count()).isPositive();
        assertThat(workDir).isEmptyDirectory();
    }

    @Test
    void aDetachedSignatureOverADigestIsStoredItselfAfterValidationAgainstThatDigest() throws Exception {
        byte[] content = fixtures.document(3_000);
        DataFile digest = new DataFile(
                "document",
                null,
                new ContentDigest("SHA256", MessageDigest.getInstance("SHA-256").digest(content)));
        SignatureAugmented event =
                fixtures.signed("doc-d", "doc-d", List.of(digest), SignatureLevel.LT, SignatureFormat.CADES_DETACHED);

        ContainerAssembled assembled = assembled(assembler(Long.MAX_VALUE).assemble(event));

        assertThat(assembled.containerName()).isEqualTo("document.p7s");
        assertThat(assembled.container().mediaType()).isEqualTo("application/pkcs7-signature");
        assertThat(assembled.files()).containsExactly(digest);
        assertThat(assembled.validation().indication()).isEqualTo("TOTAL_PASSED");
        assertThat(assembled.validation().level()).isEqualTo(SignatureLevel.LT);
        try (var in = fixtures.blobs().open(assembled.container())) {
            assertThat(in.readAllBytes()).isEqualTo(event.signature().content());
        }

        DataFile other = new DataFile("document", null, new ContentDigest("SHA256", new byte[32]));
        DocumentFailed failed =
                failed(assembler(Long.MAX_VALUE).assemble(ContainerFixtures.withFiles(event, List.of(other))));
        assertThat(failed.reason()).isEqualTo(FailureReason.VALIDATION_FAILED);
    }

    @Test
    void aDetachedXadesOverADigestIsStoredAsXmlThatCarriesThatDigestAndVerifiesOverTheContent() throws Exception {
        byte[] content = fixtures.document(3_000);
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(content);
        DataFile digest = new DataFile("document", null, new ContentDigest("SHA256", sha256));
        SignatureAugmented event =
                fixtures.signed("doc-x", "doc-x", List.of(digest), SignatureLevel.LT, SignatureFormat.XADES_DETACHED);

        ContainerAssembled assembled = assembled(assembler(Long.MAX_VALUE).assemble(event));

        assertThat(assembled.containerName()).isEqualTo("document.xml");
        assertThat(assembled.container().mediaType()).isEqualTo("application/xml");
        assertThat(assembled.validation().indication()).isEqualTo("TOTAL_PASSED");
        assertThat(assembled.validation().level()).isEqualTo(SignatureLevel.LT);
        byte[] xml;
        try (var in = fixtures.blobs().open(assembled.container())) {
            xml = in.readAllBytes();
        }
        assertThat(xml).isEqualTo(event.signature().content());
        assertThat(JdkXmlSignatures.referenceDigest(xml, "document")).isEqualTo(sha256);
        // The JDK's XML Signature, not DSS, over the content the client kept and over another.
        assertThat(JdkXmlSignatures.validates(xml, "document", content)).isTrue();
        assertThat(JdkXmlSignatures.validates(xml, "document", fixtures.document(2_999)))
                .isFalse();

        DataFile other = new DataFile("document", null, new ContentDigest("SHA256", new byte[32]));
        DocumentFailed failed =
                failed(assembler(Long.MAX_VALUE).assemble(ContainerFixtures.withFiles(event, List.of(other))));
        assertThat(failed.reason()).isEqualTo(FailureReason.VALIDATION_FAILED);
    }

    @Test
    void twoFilesInOneContainerAreBothCovered() throws Exception {
        List<DataFile> files = List.of(
                fixtures.store("a.pdf", fixtures.document(5_000)),
                fixtures.store("reports/b.pdf", fixtures.document(7_000)));
        SignatureAugmented event = fixtures.signed("doc-2", "batch-7", files, SignatureLevel.LT);

        ContainerAssembled assembled = assembled(assembler(Long.MAX_VALUE).assemble(event));

        assertThat(assembled.containerName()).isEqualTo("batch-7.asice");
        assertThat(assembled.validation().indication()).isEqualTo("TOTAL_PASSED");
        assertThat(entryNames(assembled.container()))
                .containsExactly(
                        AsicLayout.MIMETYPE_ENTRY,
                        "a.pdf",
                        "reports/b.pdf",
                        AsicLayout.MANIFEST_ENTRY,
                        AsicLayout.SIGNATURE_ENTRY);
    }

    @ParameterizedTest
    @EnumSource(
            value = SignatureLevel.class,
            names = {"B", "T", "LT"})
    void xadesContainersCarryTheOdfManifestAndOneSignatureCoveringEveryFile(SignatureLevel level) throws Exception {
        List<DataFile> files = List.of(
                fixtures.store("a.pdf", fixtures.document(5_000)),
                fixtures.store("reports/b c.pdf", fixtures.document(7_000)));
        SignatureAugmented event =
                fixtures.signed("doc-x" + level, "batch-x" + level, files, level, SignatureFormat.ASIC_E_XADES);

        ContainerAssembled assembled = assembled(assembler(Long.MAX_VALUE).assemble(event));

        assertThat(assembled.validation().indication()).isEqualTo("TOTAL_PASSED");
        assertThat(assembled.validation().level()).isEqualTo(level);
        assertThat(entryNames(assembled.container()))
                .containsExactly(
                        AsicLayout.MIMETYPE_ENTRY,
                        "a.pdf",
                        "reports/b c.pdf",
                        AsicLayout.ODF_MANIFEST_ENTRY,
                        AsicLayout.XADES_SIGNATURE_ENTRY);
    }

    @Test
    void aSwappedDataFileFailsXadesValidation() {
        DataFile original = fixtures.store("invoice.pdf", fixtures.document(3_000));
        SignatureAugmented signed = fixtures.signed(
                "doc-x3", "batch-x3", List.of(original), SignatureLevel.B, SignatureFormat.ASIC_E_XADES);
        DataFile other = fixtures.store("invoice.pdf", fixtures.document(3_000));

        DocumentFailed failed =
                failed(assembler(Long.MAX_VALUE).assemble(ContainerFixtures.withFiles(signed, List.of(other))));

        assertThat(failed.reason()).isEqualTo(FailureReason.VALIDATION_FAILED);
        assertThat(failed.message()).contains("TOTAL_FAILED").contains("invoice.pdf");
    }

    @Test
    void aSwappedDataFileFailsValidation() {
        SignatureAugmented signed = fixtures.signedDocument("doc-3", "invoice.pdf");
        DataFile other = fixtures.store("invoice.pdf", fixtures.document(20_000));

        DocumentFailed failed =
                failed(assembler(Long.MAX_VALUE).assemble(ContainerFixtures.withFiles(signed, List.of(other))));

        assertThat(failed.reason()).isEqualTo(FailureReason.VALIDATION_FAILED);
        assertThat(failed.message()).contains("TOTAL_FAILED").contains("invoice.pdf");
    }

    @Test
    void aTamperedSignatureFailsValidation() throws Exception {
        SignatureAugmented tampered =
                ContainerFixtures.withTamperedSignatureValue(fixtures.signedDocument("doc-4", "invoice.pdf"));

        DocumentFailed failed = failed(assembler(Long.MAX_VALUE).assemble(tampered));

        assertThat(failed.reason()).isEqualTo(FailureReason.VALIDATION_FAILED);
        assertThat(failed.message()).contains("TOTAL_FAILED").contains("SIG_CRYPTO_FAILURE");
    }

    @Test
    void aChainWithoutRevocationDataForItsIssuingCaIsIndeterminateAndNeverAssembled() throws Exception {
        // Trusting the root alone: the sandbox's issuing CA has no revocation data anywhere.
        ContainerValidator rootOnly =
                ContainerValidator.create(TrustAnchors.load(fixtures.sandboxRoot()), new SimpleMeterRegistry());
        ContainerAssembler assembler = new ContainerAssembler(
                new AsicContainerWriter(fixtures.blobs()), rootOnly, fixtures.blobs(), Long.MAX_VALUE, workDir, CLOCK);

        DocumentFailed failed = failed(assembler.assemble(fixtures.signedDocument("doc-8", "invoice.pdf")));

        assertThat(failed.reason()).isEqualTo(FailureReason.VALIDATION_FAILED);
        assertThat(failed.message()).contains("INDETERMINATE").contains("revocation");
    }

    @Test
    void aFileMissingFromTheBlobStoreIsAnInvalidDocument() {
        SignatureAugmented signed = fixtures.signedDocument("doc-5", "invoice.pdf");
        String sha256 = "0".repeat(64);
        DataFile missing = new DataFile(
                "invoice.pdf",
                new BlobRef("fs:" + ContainerFixtures.TENANT + "/" + sha256, 10, "application/pdf", sha256));

        DocumentFailed failed =
                failed(assembler(Long.MAX_VALUE).assemble(ContainerFixtures.withFiles(signed, List.of(missing))));

        assertThat(failed.reason()).isEqualTo(FailureReason.INVALID_DOCUMENT);
        assertThat(failed.message()).contains("missing");
    }

    @Test
    void twoDataFilesWithOneNameAreRefused() {
        SignatureAugmented signed = fixtures.signedDocument("doc-6", "invoice.pdf");
        List<DataFile> twice =
                new ArrayList<>(Collections.nCopies(2, signed.files().get(0)));

        DocumentFailed failed = failed(assembler(Long.MAX_VALUE).assemble(ContainerFixtures.withFiles(signed, twice)));

        assertThat(failed.reason()).isEqualTo(FailureReason.INVALID_FILE_NAME);
    }

    @Test
    void aContainerOverTheLimitIsTooLarge() {
        SignatureAugmented signed = fixtures.signedDocument("doc-7", "invoice.pdf");

        DocumentFailed failed = failed(assembler(10_000).assemble(signed));

        assertThat(failed.reason()).isEqualTo(FailureReason.DOCUMENT_TOO_LARGE);
    }

    private ContainerAssembler assembler(long maxBytes) {
        return new ContainerAssembler(
                new AsicContainerWriter(fixtures.blobs()), validator, fixtures.blobs(), maxBytes, workDir, CLOCK);
    }

    private static ContainerAssembled assembled(DocumentEvent outcome) {
        assertThat(outcome).isInstanceOf(ContainerAssembled.class);
        return (ContainerAssembled) outcome;
    }

    private static DocumentFailed failed(DocumentEvent outcome) {
        assertThat(outcome).isInstanceOf(DocumentFailed.class);
        DocumentFailed failed = (DocumentFailed) outcome;
        assertThat(failed.stage()).isEqualTo(FailureStage.CONTAINER);
        return failed;
    }

    private List<String> entryNames(BlobRef container) throws IOException {
        Path copy = workDir.resolveSibling(workDir.getFileName() + "-stored.asice");
        try (InputStream in = fixtures.blobs().open(container)) {
            Files.copy(in, copy);
        }
        try (ZipFile zip = new ZipFile(copy.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        } finally {
            Files.delete(copy);
        }
    }
}
