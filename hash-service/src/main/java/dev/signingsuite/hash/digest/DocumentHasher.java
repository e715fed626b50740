package dev.signingsuite.hash.digest;

import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Manifest;
import dev.signingsuite.events.PdfRevision;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.signature.AsicManifests;
import dev.signingsuite.signature.DssParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The hash stage (ADR 4): checks every data file of a received document against the blob store and
 * fixes the container layout: the ASiC manifest (with CAdES the content the signature covers), or
 * for PAdES the PDF revision and its message digest (ADR 18). A document that cannot be signed as
 * received ends as {@link DocumentFailed}.
 */
public final class DocumentHasher {

    /** The DSS {@code DigestAlgorithm} name of the digests in the blob references and the manifest. */
    public static final String DIGEST_ALGORITHM = "SHA256";

    private final BlobVerifier verifier;
    private final int maxFilesPerContainer;
    private final Clock clock;
    private final PdfRevisions pdfRevisions;
    private final VisibleSeals visibleSeals;

    /** Without PDF revisions: PAdES is refused. */
    public DocumentHasher(BlobVerifier verifier, int maxFilesPerContainer, Clock clock) {
        this(verifier, null, maxFilesPerContainer, clock);
    }

    public DocumentHasher(BlobVerifier verifier, PdfRevisions pdfRevisions, int maxFilesPerContainer, Clock clock) {
        this(verifier, pdfRevisions, VisibleSeals.NONE, maxFilesPerContainer, clock);
    }

    /** @param visibleSeals the signers whose PAdES seal a PDF reader shows */
    public DocumentHasher(
            BlobVerifier verifier,
            PdfRevisions pdfRevisions,
            VisibleSeals visibleSeals,
            int maxFilesPerContainer,
            Clock clock) {
        this.visibleSeals = visibleSeals;
        this.verifier = verifier;
        this.pdfRevisions = pdfRevisions;
        this.maxFilesPerContainer = maxFilesPerContainer;
        this.clock = clock;
    }

    /**
     * @return {@link HashComputed} for the signer's provider, or {@link DocumentFailed} (stage HASH)
     * @throws UncheckedIOException when the blob store cannot be read: transient, the binder retries
     */
    public DocumentEvent hash(DocumentReceived received) {
        Optional<String> unsupported = DssParameters.unsupported(received.format(), received.level());
        if (unsupported.isPresent()) {
            return failed(received, FailureReason.INVALID_DOCUMENT, unsupported.get());
        }
        List<DataFile> files = received.files();
        if (received.format().detached() || files.stream().anyMatch(DataFile::digestOnly)) {
            return digestOnly(received);
        }
        if (files.size() > maxFilesPerContainer) {
            return failed(
                    received,
                    FailureReason.INVALID_DOCUMENT,
                    "the document has " + files.size() + " files; one container holds at most " + maxFilesPerContainer);
        }
        Optional<String> duplicate = firstDuplicateName(files);
        if (duplicate.isPresent()) {
            // Two entries of one name would make the container ambiguous to every validator.
            return failed(
                    received,
                    FailureReason.INVALID_FILE_NAME,
                    "file name '" + duplicate.get() + "' appears more than once in the document");
        }
        for (DataFile file : files) {
            Optional<String> mismatch = verify(received, file);
            if (mismatch.isPresent()) {
                return failed(
                        received,
                        FailureReason.INVALID_DOCUMENT,
                        "the stored document is not the one received: " + mismatch.get());
            }
        }
        if (received.format() == SignatureFormat.PADES) {
            return pades(received);
        }
        return computed(received, AsicManifests.forFiles(received.format(), files), null);
    }

    private HashComputed computed(DocumentReceived received, Manifest manifest, PdfRevision revision) {
        return new HashComputed(
                HashComputed.SCHEMA_VERSION,
                received.documentId(),
                received.batchId(),
                received.tenantId(),
                received.clientReference(),
                received.signer(),
                received.format(),
                received.level(),
                DIGEST_ALGORITHM,
                received.files(),
                manifest,
                clock.instant(),
                revision);
    }

    /**
     * Digest signing: there are no bytes to read or digest, and no container to lay out; the client's
     * digest passes through to the provider as the one data file.
     */
    private DocumentEvent digestOnly(DocumentReceived received) {
        List<DataFile> files = received.files();
        if (!received.format().detached()) {
            return failed(
                    received,
                    FailureReason.INVALID_DOCUMENT,
                    "a file known only by its digest can be signed as " + SignatureFormat.CADES_DETACHED + " or "
                            + SignatureFormat.XADES_DETACHED + " only, not " + received.format());
        }
        if (files.size() != 1 || !files.get(0).digestOnly()) {
            return failed(
                    received,
                    FailureReason.INVALID_DOCUMENT,
                    "a " + received.format() + " signature covers one digest, not stored content");
        }
        return computed(received, null, null);
    }

    private DocumentEvent pades(DocumentReceived received) {
        if (received.files().size() != 1) {
            return failed(
                    received,
                    FailureReason.INVALID_DOCUMENT,
                    "a PAdES signature signs one PDF; the document has "
                            + received.files().size() + " files");
        }
        if (pdfRevisions == null) {
            return failed(received, FailureReason.STAGE_UNAVAILABLE, "this hash-service does not prepare PDFs");
        }
        DataFile file = received.files().get(0);
        PdfRevision revision;
        try {
            // The revision's /M: fixed here, before any signer is known, and reused by every later step.
            Instant signingDate = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            revision = pdfRevisions.prepare(file, signingDate, visibleSeals.forSigner(received.signer(), signingDate));
        } catch (PdfRevisions.NotAPdfException e) {
            return failed(received, FailureReason.INVALID_DOCUMENT, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read file '" + file.name() + "' of document " + received.documentId(), e);
        }
        return computed(received, null, revision);
    }

    private Optional<String> verify(DocumentReceived received, DataFile file) {
        try {
            return verifier.mismatch(received.tenantId(), file);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read file '" + file.name() + "' of document " + received.documentId(), e);
        }
    }

    private static Optional<String> firstDuplicateName(List<DataFile> files) {
        Set<String> names = new HashSet<>();
        return files.stream()
                .map(DataFile::name)
                .filter(name -> !names.add(name))
                .findFirst();
    }

    private DocumentFailed failed(DocumentReceived received, FailureReason reason, String message) {
        return new DocumentFailed(
                DocumentFailed.SCHEMA_VERSION,
                received.documentId(),
                received.batchId(),
                received.tenantId(),
                received.clientReference(),
                FailureStage.HASH,
                reason,
                message,
                clock.instant());
    }
}
