package dev.signingsuite.signature;

import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.Manifest;
import eu.europa.esig.dss.asic.cades.signature.manifest.ASiCWithCAdESSignatureManifestBuilder;
import eu.europa.esig.dss.asic.common.ASiCContent;
import eu.europa.esig.dss.enumerations.ASiCContainerType;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.MimeType;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.DigestDocument;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Builds the ASiC-E manifest from digests alone: the manifest lists each data file with its
 * SHA-256, so the stage that fixes the layout never needs the documents' bytes twice, and the
 * signature over the manifest covers every document.
 */
public final class AsicManifests {

    private AsicManifests() {}

    /** The manifest over {@code files}, whose SHA-256 digests the blob references carry. */
    public static Manifest forFiles(List<DataFile> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a manifest lists at least one data file");
        }
        List<DSSDocument> documents =
                files.stream().map(AsicManifests::digestDocument).toList();
        ASiCContent content = new ASiCContent();
        content.setContainerType(ASiCContainerType.ASiC_E);
        content.setSignedDocuments(documents);
        DSSDocument manifest = new ASiCWithCAdESSignatureManifestBuilder(
                        content, DigestAlgorithm.SHA256, AsicLayout.SIGNATURE_ENTRY)
                .build();
        return new Manifest(AsicLayout.MANIFEST_ENTRY, AsicLayout.MANIFEST_MEDIA_TYPE, bytes(manifest));
    }

    private static DSSDocument digestDocument(DataFile file) {
        String base64 = Base64.getEncoder()
                .encodeToString(HexFormat.of().parseHex(file.blob().sha256()));
        return new DigestDocument(
                DigestAlgorithm.SHA256,
                base64,
                file.name(),
                MimeType.fromMimeTypeString(file.blob().mediaType()));
    }

    private static byte[] bytes(DSSDocument document) {
        try (var in = document.openStream()) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the manifest DSS built in memory", e);
        }
    }
}
