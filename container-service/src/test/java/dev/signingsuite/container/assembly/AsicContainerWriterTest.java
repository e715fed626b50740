package dev.signingsuite.container.assembly;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.blobstore.BlobNotFoundException;
import dev.signingsuite.container.ContainerFixtures;
import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.Manifest;
import dev.signingsuite.events.SignatureArtifact;
import dev.signingsuite.events.SignatureAugmented;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.signature.AsicLayout;
import eu.europa.esig.dss.enumerations.ASiCContainerType;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsicContainerWriterTest {

    private static final Manifest MANIFEST = new Manifest(AsicLayout.MANIFEST_ENTRY, "text/xml", new byte[] {1});
    private static final SignatureArtifact SIGNATURE =
            new SignatureArtifact(AsicLayout.SIGNATURE_ENTRY, new byte[] {1}, SignatureLevel.B);

    @TempDir
    static Path dir;

    private static ContainerFixtures fixtures;
    private static SignatureAugmented twoFiles;
    private static byte[] first;

    @TempDir
    Path work;

    @BeforeAll
    static void signTwoFiles() throws IOException {
        fixtures = ContainerFixtures.start(dir);
        first = fixtures.document(30_000);
        List<DataFile> files = List.of(
                fixtures.store("invoice.pdf", first), fixtures.store("annex/terms.pdf", fixtures.document(1_000)));
        twoFiles = fixtures.signed("doc-1", "batch-1", files, SignatureLevel.LT);
    }

    @AfterAll
    static void stopSandbox() {
        fixtures.close();
    }

    @Test
    void mimetypeComesFirstStoredWithoutExtraFieldSoItsMediaTypeIsAtOffset38() throws IOException {
        Path container = write(twoFiles);

        ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(container)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(header.getInt(0)).as("local file header signature").isEqualTo(0x04034b50);
        assertThat(header.getShort(6) & 0x08).as("no data descriptor").isZero();
        assertThat(header.getShort(8)).as("compression method STORED").isZero();
        assertThat(header.getShort(26)).as("name length").isEqualTo((short) 8);
        assertThat(header.getShort(28)).as("extra field length").isZero();
        byte[] mimetype = AsicLayout.MIMETYPE.getBytes(US_ASCII);
        assertThat(header.getInt(18)).as("compressed size").isEqualTo(mimetype.length);
        assertThat(new String(header.array(), 30, 8, US_ASCII)).isEqualTo("mimetype");
        assertThat(new String(header.array(), 38, mimetype.length, US_ASCII)).isEqualTo(AsicLayout.MIMETYPE);
    }

    @Test
    void entriesFollowInOrderAndReopenWithJavaUtilZip() throws IOException {
        Path container = write(twoFiles);

        List<String> streamed = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(container))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                streamed.add(entry.getName());
                int expectedMethod = streamed.size() == 1 ? ZipEntry.STORED : ZipEntry.DEFLATED;
                assertThat(entry.getMethod()).as(entry.getName()).isEqualTo(expectedMethod);
            }
        }
        assertThat(streamed)
                .containsExactly(
                        "mimetype",
                        "invoice.pdf",
                        "annex/terms.pdf",
                        AsicLayout.MANIFEST_ENTRY,
                        AsicLayout.SIGNATURE_ENTRY);
        try (ZipFile zip = new ZipFile(container.toFile())) {
            assertThat(read(zip, "mimetype")).isEqualTo(AsicLayout.MIMETYPE.getBytes(US_ASCII));
            assertThat(read(zip, "invoice.pdf")).isEqualTo(first);
            assertThat(read(zip, AsicLayout.MANIFEST_ENTRY))
                    .isEqualTo(twoFiles.manifest().content());
            assertThat(read(zip, AsicLayout.SIGNATURE_ENTRY))
                    .isEqualTo(twoFiles.signature().content());
        }
    }

    @Test
    void dssReadsItAsAnAsicEWithOneSignatureOverBothFiles() throws IOException {
        Path container = write(twoFiles);

        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new FileDocument(container.toFile()));
        validator.setCertificateVerifier(new eu.europa.esig.dss.spi.validation.CommonCertificateVerifier());
        var simple = validator.validateDocument().getSimpleReport();

        assertThat(simple.getContainerType()).isEqualTo(ASiCContainerType.ASiC_E);
        assertThat(simple.getSignaturesCount()).isEqualTo(1);
        assertThat(simple.getSignatureScopes(simple.getFirstSignatureId()))
                .extracting(scope -> scope.getName())
                .contains("invoice.pdf", "annex/terms.pdf");
    }

    /** Independent of DSS and Java: openssl verifies the extracted signature over the extracted manifest. */
    @Test
    void opensslVerifiesTheSignatureOverTheManifest() throws Exception {
        Path container = write(twoFiles);
        Path manifest = work.resolve("ASiCManifest.xml");
        Path signature = work.resolve("signature001.p7s");
        try (ZipFile zip = new ZipFile(container.toFile())) {
            Files.write(manifest, read(zip, AsicLayout.MANIFEST_ENTRY));
            Files.write(signature, read(zip, AsicLayout.SIGNATURE_ENTRY));
        }

        Process openssl;
        try {
            openssl = new ProcessBuilder(
                            "openssl",
                            "cms",
                            "-verify",
                            "-binary",
                            "-content",
                            manifest.toString(),
                            "-inform",
                            "DER",
                            "-in",
                            signature.toString(),
                            "-CAfile",
                            fixtures.sandboxRoot().toString(),
                            "-purpose",
                            "any",
                            "-out",
                            work.resolve("verified.xml").toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError("openssl must be installed for this check", e);
        }
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(openssl.getInputStream().readAllBytes(), UTF_8);
        assertThat(openssl.exitValue()).as(output).isZero();
        assertThat(output).contains("Verification successful");
        assertThat(Files.readAllBytes(work.resolve("verified.xml")))
                .isEqualTo(twoFiles.manifest().content());
    }

    @Test
    void refusesTwoDataFilesWithOneName() {
        DataFile file = twoFiles.files().get(0);

        assertThatThrownBy(() -> writer().write(work.resolve("c.asice"), List.of(file, file), MANIFEST, SIGNATURE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invoice.pdf");
    }

    @Test
    void aMissingBlobOrOneWhoseBytesDifferFromItsReferenceIsReported() {
        String absent = "1".repeat(64);
        DataFile missing = new DataFile("a.pdf", new BlobRef("fs:demo/" + absent, 1, "application/pdf", absent));
        BlobRef stored = twoFiles.files().get(0).blob();
        DataFile lying = new DataFile("b.pdf", new BlobRef(stored.uri(), stored.size(), stored.mediaType(), absent));

        assertThatThrownBy(() -> writer().write(work.resolve("a.asice"), List.of(missing), MANIFEST, SIGNATURE))
                .isInstanceOf(BlobNotFoundException.class);
        assertThatThrownBy(() -> writer().write(work.resolve("b.asice"), List.of(lying), MANIFEST, SIGNATURE))
                .isInstanceOf(DataFileMismatchException.class);
    }

    private Path write(SignatureAugmented event) throws IOException {
        Path container = work.resolve("container.asice");
        writer().write(container, event.files(), event.manifest(), event.signature());
        return container;
    }

    private static AsicContainerWriter writer() {
        return new AsicContainerWriter(fixtures.blobs());
    }

    private static byte[] read(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        assertThat(entry).as(name).isNotNull();
        try (var in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }
}
