package dev.signingsuite.hash.digest;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.PdfRevision;
import dev.signingsuite.signature.DssSignatures;
import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Prepares the PDF revision a PAdES signature will complete (ADR 18): the signature dictionary with
 * the signing time fixed now, and the message digest of the revision's byte ranges, the only part of
 * the PDF that travels on. The PDF is read whole: PDFBox, under DSS, parses it in memory.
 */
public final class PdfRevisions {

    // A PDF header may follow up to 1 KiB of junk (ISO 32000-1, annex H, note 3); readers accept it.
    private static final int HEADER_WINDOW = 1024;
    private static final byte[] HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    // Thread-safe; only the parameter objects are per document.
    private final DssSignatures signatures = new DssSignatures(new CommonCertificateVerifier());
    private final BlobStore blobs;

    public PdfRevisions(BlobStore blobs) {
        this.blobs = blobs;
    }

    /**
     * @throws NotAPdfException when the file is not a PDF that can take a signature: not a PDF,
     *     corrupt, encrypted, or its permissions forbid signing
     * @throws IOException when the blob store cannot be read (transient)
     */
    public PdfRevision prepare(DataFile file, Instant signingDate) throws IOException, NotAPdfException {
        byte[] bytes;
        try (InputStream in = blobs.open(file.blob())) {
            bytes = in.readAllBytes();
        }
        if (indexOf(bytes, HEADER, HEADER_WINDOW) < 0) {
            throw new NotAPdfException("file '" + file.name() + "' is not a PDF (no %PDF- header), so it cannot"
                    + " carry a PAdES signature; ask for an ASiC-E format instead");
        }
        try {
            return signatures.pdfRevision(new InMemoryDocument(bytes, file.name(), MimeTypeEnum.PDF), signingDate);
        } catch (RuntimeException e) {
            // DSS and PDFBox say what is wrong (encrypted, damaged, signing not permitted) in the message.
            throw new NotAPdfException(
                    "file '" + file.name() + "' cannot take a PAdES signature: " + e.getMessage(), e);
        }
    }

    private static int indexOf(byte[] bytes, byte[] needle, int window) {
        int last = Math.min(bytes.length - needle.length, window);
        for (int i = 0; i <= last; i++) {
            if (Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    /** The document's fault: it ends as INVALID_DOCUMENT with this message. */
    public static final class NotAPdfException extends Exception {

        NotAPdfException(String message) {
            super(message);
        }

        NotAPdfException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
