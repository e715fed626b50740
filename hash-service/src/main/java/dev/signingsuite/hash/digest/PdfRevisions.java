package dev.signingsuite.hash.digest;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.PdfRevision;
import dev.signingsuite.events.VisibleSeal;
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
    // The last line is %%EOF (ISO 32000-1, 7.5.5); readers accept junk after it within 1 KiB. Without
    // it the file is cut off: PDFBox would repair it silently, and the signature would seal the damage.
    private static final byte[] END = "%%EOF".getBytes(StandardCharsets.US_ASCII);

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
        return prepare(file, signingDate, null);
    }

    /** As {@link #prepare(DataFile, Instant)}, with {@code seal} drawn into the revision (null: invisible). */
    public PdfRevision prepare(DataFile file, Instant signingDate, VisibleSeal seal)
            throws IOException, NotAPdfException {
        byte[] bytes;
        try (InputStream in = blobs.open(file.blob())) {
            bytes = in.readAllBytes();
        }
        if (indexOf(bytes, HEADER, HEADER_WINDOW) < 0) {
            throw new NotAPdfException("file '" + file.name() + "' is not a PDF (no %PDF- header), so it cannot"
                    + " carry a PAdES signature; ask for an ASiC-E format instead");
        }
        if (lastIndexOf(bytes, END, HEADER_WINDOW) < 0) {
            throw new NotAPdfException("file '" + file.name() + "' cannot take a PAdES signature: it is cut off or"
                    + " damaged (no %%EOF at its end)");
        }
        try {
            return signatures.pdfRevision(
                    new InMemoryDocument(bytes, file.name(), MimeTypeEnum.PDF), signingDate, seal);
        } catch (RuntimeException e) {
            throw new NotAPdfException(
                    "file '" + file.name() + "' cannot take a PAdES signature: " + whatIsWrong(e), e);
        }
    }

    // The sender must learn what to change: the three causes by name, then DSS's or PDFBox's words.
    private static String whatIsWrong(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof eu.europa.esig.dss.pades.exception.InvalidPasswordException
                    || cause instanceof org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException) {
                return "it is encrypted and opens only with a password; send it unencrypted";
            }
            if (cause instanceof eu.europa.esig.dss.pades.exception.ProtectedDocumentException) {
                return "its permissions forbid changes, and a signature is one; send it without that" + " restriction ("
                        + cause.getMessage() + ")";
            }
        }
        return "it is damaged or not a PDF that can be read (" + e.getMessage() + ")";
    }

    private static int lastIndexOf(byte[] bytes, byte[] needle, int window) {
        for (int i = bytes.length - needle.length; i >= Math.max(0, bytes.length - window); i--) {
            if (Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
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
