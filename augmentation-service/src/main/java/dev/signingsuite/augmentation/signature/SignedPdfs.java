package dev.signingsuite.augmentation.signature;

import dev.signingsuite.blobstore.BlobNotFoundException;
import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.SignatureReturned;
import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The PDF a PAdES signature completes, read from the blob store and written back signed (ADR 18):
 * the one place augmentation-service touches document bytes. The provider saw only the revision's
 * message digest; DSS prepares the revision again from these bytes to embed the CMS.
 */
final class SignedPdfs {

    /** Room for the CMS, the DSS dictionary and a document timestamp above the received PDF. */
    static final long GROWTH_LIMIT = 8L * 1024 * 1024;

    static final String MEDIA_TYPE = MimeTypeEnum.PDF.getMimeTypeString();

    private final BlobStore blobs;

    SignedPdfs(BlobStore blobs) {
        this.blobs = blobs;
    }

    /**
     * The received PDF, checked as hash-service checked it: the tenant's blob with the received
     * SHA-256.
     *
     * @throws IOException when the blob store cannot be read
     */
    DSSDocument read(SignatureReturned returned) throws IOException {
        if (returned.files().size() != 1) {
            throw new AugmentationRefused(
                    FailureReason.INVALID_DOCUMENT,
                    "a PAdES signature signs one PDF; the document has "
                            + returned.files().size() + " files");
        }
        DataFile file = returned.files().get(0);
        Optional<String> owner = blobs.tenantOf(file.blob());
        if (owner.isEmpty() || !owner.get().equals(returned.tenantId())) {
            throw new AugmentationRefused(
                    FailureReason.INVALID_DOCUMENT,
                    "file '" + file.name() + "' is not a blob of the document's tenant");
        }
        byte[] bytes;
        try (InputStream in = blobs.open(file.blob())) {
            bytes = in.readAllBytes();
        } catch (BlobNotFoundException e) {
            throw new AugmentationRefused(
                    FailureReason.INVALID_DOCUMENT, "file '" + file.name() + "' is missing from the blob store");
        }
        if (!HexFormat.of().formatHex(sha256().digest(bytes)).equals(file.blob().sha256())) {
            throw new AugmentationRefused(
                    FailureReason.INVALID_DOCUMENT,
                    "file '" + file.name() + "' in the blob store is not the PDF received");
        }
        return new InMemoryDocument(bytes, file.name(), MimeTypeEnum.PDF);
    }

    /** Stores the signed PDF for container-service; a redelivered record stores it again. */
    BlobRef store(SignatureReturned returned, byte[] signedPdf) throws IOException {
        long limit = returned.files().get(0).blob().size() + GROWTH_LIMIT;
        try (InputStream in = new java.io.ByteArrayInputStream(signedPdf)) {
            return blobs.put(returned.tenantId(), in, MEDIA_TYPE, limit);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
