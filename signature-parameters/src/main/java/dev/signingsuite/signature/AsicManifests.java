package dev.signingsuite.signature;

import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.Manifest;
import dev.signingsuite.events.SignatureFormat;
import eu.europa.esig.dss.asic.cades.signature.manifest.ASiCWithCAdESSignatureManifestBuilder;
import eu.europa.esig.dss.asic.common.ASiCContent;
import eu.europa.esig.dss.asic.xades.signature.asice.ASiCEWithXAdESManifestBuilder;
import eu.europa.esig.dss.enumerations.ASiCContainerType;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.model.DSSDocument;
import java.util.List;

/**
 * Builds the ASiC-E manifest from digests alone, so the stage that fixes the layout never needs the
 * documents' bytes twice. With CAdES the manifest lists each data file with its SHA-256 and the
 * signature over it covers every document; with XAdES it is the ODF manifest (names and media
 * types) that ASiC-E requires beside the signature.
 */
public final class AsicManifests {

    private AsicManifests() {}

    /** The ASiC-E with CAdES manifest over {@code files}. */
    public static Manifest forFiles(List<DataFile> files) {
        return forFiles(SignatureFormat.ASIC_E_CADES, files);
    }

    /** The manifest of {@code format} over {@code files}, whose SHA-256 digests the blob references carry. */
    public static Manifest forFiles(SignatureFormat format, List<DataFile> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a manifest lists at least one data file");
        }
        List<DSSDocument> documents = DssParameters.dataFiles(files);
        DSSDocument manifest = switch (format) {
            case ASIC_E_CADES -> {
                ASiCContent content = new ASiCContent();
                content.setContainerType(ASiCContainerType.ASiC_E);
                content.setSignedDocuments(documents);
                yield new ASiCWithCAdESSignatureManifestBuilder(
                                content, DigestAlgorithm.SHA256, AsicLayout.SIGNATURE_ENTRY)
                        .build();
            }
            case ASIC_E_XADES ->
                new ASiCEWithXAdESManifestBuilder()
                        .setDocuments(documents)
                        .setManifestFilename(AsicLayout.ODF_MANIFEST_ENTRY)
                        .build();
            case PADES, CADES_DETACHED, XADES_DETACHED -> throw DssParameters.unsupported(format);
        };
        return new Manifest(AsicLayout.manifestEntry(format), AsicLayout.MANIFEST_MEDIA_TYPE, bytes(manifest));
    }

    private static byte[] bytes(DSSDocument document) {
        try (var in = document.openStream()) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the manifest DSS built in memory", e);
        }
    }
}
