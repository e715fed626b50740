package dev.signingsuite.container.assembly;

import dev.signingsuite.blobstore.BlobNotFoundException;
import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.blobstore.BlobTooLargeException;
import dev.signingsuite.container.validation.ContainerValidation;
import dev.signingsuite.container.validation.ContainerValidator;
import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.FileNames;
import dev.signingsuite.events.SignatureAugmented;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.signature.AsicLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a finished signature into the stored, validated ASiC-E container: writes it to a temporary
 * file, has DSS validate it and only then stores it. A PAdES signature arrives inside the signed PDF
 * that augmentation-service stored (ADR 18): it is validated the same way and then becomes the
 * result itself. Whatever stops a container ends as {@link
 * DocumentFailed}; an I/O error (disk, blob store) is thrown, and the record is parked.
 */
public final class ContainerAssembler {

    private static final Logger log = LoggerFactory.getLogger(ContainerAssembler.class);
    private static final String CONTAINER_SUFFIX = ".asice";
    private static final String PDF_MEDIA_TYPE = "application/pdf";
    /** A detached CMS signature, as {@code GET /v1/signatures/{id}/signature} serves it (RFC 8551). */
    static final String CMS_MEDIA_TYPE = "application/pkcs7-signature";

    static final String XML_MEDIA_TYPE = "application/xml";

    private final AsicContainerWriter writer;
    private final ContainerValidator validator;
    private final BlobStore blobs;
    private final long maxContainerBytes;
    private final Path workDir;
    private final Clock clock;

    /** @param workDir where containers are written first; null for the system's temporary directory */
    public ContainerAssembler(
            AsicContainerWriter writer,
            ContainerValidator validator,
            BlobStore blobs,
            long maxContainerBytes,
            Path workDir,
            Clock clock) {
        this.writer = writer;
        this.validator = validator;
        this.blobs = blobs;
        this.maxContainerBytes = maxContainerBytes;
        this.workDir = workDir;
        this.clock = clock;
    }

    public DocumentEvent assemble(SignatureAugmented event) {
        if (event.parameters().format() == SignatureFormat.PADES) {
            return signedPdf(event);
        }
        if (event.parameters().format().detached()) {
            return detachedSignature(event);
        }
        // Before any byte is stored: a name no container can carry is refused, not orphaned.
        String containerName = containerName(event);
        DocumentFailed refused = refusal(event);
        if (refused != null) {
            return refused;
        }
        Path container = null;
        try {
            container = createTempFile();
            try {
                writer.write(container, event.files(), event.manifest(), event.signature());
            } catch (BlobNotFoundException e) {
                return failed(
                        event,
                        FailureReason.INVALID_DOCUMENT,
                        "a data file is missing from the blob store: " + e.getMessage());
            } catch (DataFileMismatchException e) {
                return failed(event, FailureReason.INVALID_DOCUMENT, e.getMessage());
            }
            if (Files.size(container) > maxContainerBytes) {
                return tooLarge(event);
            }
            ContainerValidation validation = validator.validate(
                    container, event.files(), event.signature().level());
            if (!validation.passed()) {
                return failed(
                        event,
                        FailureReason.VALIDATION_FAILED,
                        "container did not pass validation: " + validation.problem());
            }
            BlobRef stored;
            try (InputStream in = Files.newInputStream(container)) {
                stored = blobs.put(event.tenantId(), in, AsicLayout.MIMETYPE, maxContainerBytes);
            } catch (BlobTooLargeException e) {
                return tooLarge(event);
            }
            return assembled(event, stored, containerName, validation);
        } catch (IOException e) {
            // This instance's disk or the blob store: transient, the record is parked (ADR 0012).
            throw new UncheckedIOException("cannot assemble the container of document " + event.documentId(), e);
        } finally {
            deleteQuietly(container);
        }
    }

    /**
     * The signed PDF as augmentation-service stored it, validated from a temporary copy; its name is
     * the received file's. Nothing is stored again: a PDF that fails validation stays unreferenced.
     */
    private DocumentEvent signedPdf(SignatureAugmented event) {
        DataFile received = event.files().get(0);
        String name = plainName(received.name(), "");
        BlobRef signed = event.signedDocument();
        if (event.files().size() != 1 || !signed.mediaType().equals(PDF_MEDIA_TYPE)) {
            return failed(event, FailureReason.INVALID_DOCUMENT, "a PAdES result is one signed PDF");
        }
        if (blobs.tenantOf(signed).filter(event.tenantId()::equals).isEmpty()) {
            // Only a writer of an internal topic can name another tenant's blob; never hand it out.
            return failed(
                    event, FailureReason.INVALID_DOCUMENT, "the signed PDF is not a blob of the document's tenant");
        }
        if (signed.size() > maxContainerBytes) {
            return tooLarge(event);
        }
        Path copy = null;
        try {
            copy = createTempFile(".pdf");
            try (InputStream in = blobs.open(signed)) {
                Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (BlobNotFoundException e) {
                return failed(event, FailureReason.INVALID_DOCUMENT, "the signed PDF is missing from the blob store");
            }
            ContainerValidation validation =
                    validator.validate(copy, event.files(), event.signature().level(), SignatureFormat.PADES);
            if (!validation.passed()) {
                return failed(
                        event,
                        FailureReason.VALIDATION_FAILED,
                        "signed PDF did not pass validation: " + validation.problem());
            }
            return assembled(event, signed, name, validation);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot validate the signed PDF of document " + event.documentId(), e);
        } finally {
            deleteQuietly(copy);
        }
    }

    /**
     * Digest signing: the artefact is the detached CMS or XAdES itself (the client keeps the content),
     * stored after DSS validated it against the client's digest.
     */
    private DocumentEvent detachedSignature(SignatureAugmented event) {
        SignatureFormat format = event.parameters().format();
        boolean xades = format == SignatureFormat.XADES_DETACHED;
        byte[] cms = event.signature().content();
        if (cms.length > maxContainerBytes) {
            return tooLarge(event);
        }
        String name = plainName(event.signature().entryName(), "");
        Path copy = null;
        try {
            copy = createTempFile(xades ? ".xml" : ".p7s");
            Files.write(copy, cms);
            ContainerValidation validation = validator.validateDetached(
                    copy, event.files(), event.signature().level(), format);
            if (!validation.passed()) {
                return failed(
                        event,
                        FailureReason.VALIDATION_FAILED,
                        "detached signature did not pass validation: " + validation.problem());
            }
            BlobRef stored;
            try (InputStream in = new java.io.ByteArrayInputStream(cms)) {
                stored = blobs.put(event.tenantId(), in, xades ? XML_MEDIA_TYPE : CMS_MEDIA_TYPE, maxContainerBytes);
            } catch (BlobTooLargeException e) {
                return tooLarge(event);
            }
            return assembled(event, stored, name, validation);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the signature of document " + event.documentId(), e);
        } finally {
            deleteQuietly(copy);
        }
    }

    private ContainerAssembled assembled(
            SignatureAugmented event, BlobRef stored, String name, ContainerValidation validation) {
        return new ContainerAssembled(
                ContainerAssembled.SCHEMA_VERSION,
                event.documentId(),
                event.batchId(),
                event.tenantId(),
                event.clientReference(),
                stored,
                name,
                event.files(),
                validation.summary(),
                clock.instant());
    }

    /** One file: its own name; a batch of files signed together: the batch id. */
    static String containerName(SignatureAugmented event) {
        String base = event.files().size() == 1 ? event.files().get(0).name() : event.batchId();
        return plainName(base, CONTAINER_SUFFIX);
    }

    private static String plainName(String base, String suffix) {
        // A data file may sit in a folder inside the container; the download name is a plain name.
        String plain = base.substring(base.lastIndexOf('/') + 1);
        try {
            return FileNames.requireSafe(plain + suffix);
        } catch (IllegalArgumentException e) {
            throw new ContainerNameRefused("container name refused: " + e.getMessage(), e);
        }
    }

    /** What makes a container impossible before any byte is written; null when nothing does. */
    private DocumentFailed refusal(SignatureAugmented event) {
        SignatureFormat format = event.parameters().format();
        if (event.manifest() == null) {
            return failed(
                    event,
                    FailureReason.STAGE_UNAVAILABLE,
                    "container-service packages ASiC-E with a manifest only, not " + format);
        }
        String manifestEntry = AsicLayout.manifestEntry(format);
        String signatureEntry = AsicLayout.signatureEntry(format);
        if (!manifestEntry.equals(event.manifest().entryName())
                || !signatureEntry.equals(event.signature().entryName())) {
            return failed(
                    event,
                    FailureReason.INVALID_DOCUMENT,
                    "manifest and signature of " + format + " must be " + manifestEntry + " and " + signatureEntry);
        }
        Set<String> names = new HashSet<>();
        for (DataFile file : event.files()) {
            if (!names.add(file.name())) {
                return failed(event, FailureReason.INVALID_FILE_NAME, "two data files are named " + file.name());
            }
        }
        long total =
                event.manifest().content().length + (long) event.signature().content().length;
        for (DataFile file : event.files()) {
            total += file.blob().size();
        }
        // Compression may shrink the container below this sum, but rarely by much for signed documents.
        return total > maxContainerBytes ? tooLarge(event) : null;
    }

    private DocumentFailed tooLarge(SignatureAugmented event) {
        return failed(
                event,
                FailureReason.DOCUMENT_TOO_LARGE,
                "container exceeds the limit of " + maxContainerBytes + " bytes");
    }

    private DocumentFailed failed(SignatureAugmented event, FailureReason reason, String message) {
        return new DocumentFailed(
                DocumentFailed.SCHEMA_VERSION,
                event.documentId(),
                event.batchId(),
                event.tenantId(),
                event.clientReference(),
                FailureStage.CONTAINER,
                reason,
                message,
                clock.instant());
    }

    private Path createTempFile() throws IOException {
        return createTempFile(CONTAINER_SUFFIX);
    }

    private Path createTempFile(String suffix) throws IOException {
        return workDir == null
                ? Files.createTempFile("container-", suffix)
                : Files.createTempFile(Files.createDirectories(workDir), "container-", suffix);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete the temporary container {}: {}", file, e.getMessage());
        }
    }
}
