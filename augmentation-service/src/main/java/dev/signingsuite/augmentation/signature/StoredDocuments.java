package dev.signingsuite.augmentation.signature;

import dev.signingsuite.augmentation.trust.ServiceUnavailableException;
import dev.signingsuite.blobstore.BlobNotFoundException;
import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.blobstore.BlobTooLargeException;
import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.SignatureReturned;
import eu.europa.esig.dss.enumerations.MimeType;
import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The documents' bytes where a signature needs them, read from the blob store: the PDF a PAdES
 * signature completes, written back signed (ADR 18), and the data files a XAdES archive timestamp
 * covers (ADR 22). The provider saw only digests; each file is checked as hash-service checked it.
 *
 * <p>The blob store out of reach is transient: {@link ServiceUnavailableException}, so the record is
 * parked like a trust service outage (ADR 0012), never failed as an internal error.
 */
final class StoredDocuments {

    /** Room for the CMS, the DSS dictionary and a document timestamp above the received PDF. */
    static final long GROWTH_LIMIT = 8L * 1024 * 1024;

    static final String MEDIA_TYPE = MimeTypeEnum.PDF.getMimeTypeString();

    private final BlobStore blobs;

    StoredDocuments(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** The received PDF, the one file of a PAdES document. */
    DSSDocument pdf(SignatureReturned returned) {
        if (returned.files().size() != 1) {
            throw new AugmentationRefused(
                    FailureReason.INVALID_DOCUMENT,
                    "a PAdES signature signs one PDF; the document has "
                            + returned.files().size() + " files");
        }
        DataFile file = returned.files().get(0);
        return new InMemoryDocument(read(returned, file), file.name(), MimeTypeEnum.PDF);
    }

    /** Every data file, named as in the container, with its bytes. */
    List<DSSDocument> dataFiles(SignatureReturned returned) {
        return returned.files().stream()
                .map(file -> (DSSDocument) new InMemoryDocument(
                        read(returned, file),
                        file.name(),
                        MimeType.fromMimeTypeString(file.blob().mediaType())))
                .toList();
    }

    /** Stores the signed PDF for container-service; a redelivered record stores it again. */
    BlobRef store(SignatureReturned returned, byte[] signedPdf) {
        long limit = returned.files().get(0).blob().size() + GROWTH_LIMIT;
        try (InputStream in = new ByteArrayInputStream(signedPdf)) {
            return blobs.put(returned.tenantId(), in, MEDIA_TYPE, limit);
        } catch (BlobTooLargeException e) {
            throw new AugmentationRefused(
                    FailureReason.INTERNAL_ERROR,
                    "the signed PDF grew by more than " + GROWTH_LIMIT + " bytes over the received one");
        } catch (IOException e) {
            throw unavailable("cannot store the signed PDF of document " + returned.documentId(), e);
        }
    }

    /** A file's bytes: the tenant's blob with the received SHA-256. */
    private byte[] read(SignatureReturned returned, DataFile file) {
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
        } catch (IOException e) {
            throw unavailable("cannot read file '" + file.name() + "' of document " + returned.documentId(), e);
        }
        if (!HexFormat.of().formatHex(sha256().digest(bytes)).equals(file.blob().sha256())) {
            throw new AugmentationRefused(
                    FailureReason.INVALID_DOCUMENT,
                    "file '" + file.name() + "' in the blob store is not the file received");
        }
        return bytes;
    }

    private static ServiceUnavailableException unavailable(String what, IOException e) {
        return new ServiceUnavailableException(
                FailureReason.STAGE_UNAVAILABLE, "blob store unavailable: " + what + ": " + e.getMessage(), e);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
