package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * hash-service digested the files and fixed the container layout; written to the topic of the
 * signer's provider, which builds the data to sign from it.
 *
 * @param signer who signs
 * @param format the format to produce
 * @param level the level to reach
 * @param digestAlgorithm DSS {@code DigestAlgorithm} name used for the files, e.g. {@code SHA256}
 * @param files the data files of the container, at least one
 * @param manifest the container's manifest: for ASiC-E CAdES the ASiC manifest the signature
 *     covers; for ASiC-E XAdES the ODF {@code META-INF/manifest.xml}, which the signature does not
 *     cover (it references the files by digest); null for PAdES
 * @param computedAt when the digests were computed
 * @param pdfRevision for {@code PADES} only: the prepared PDF revision's signing time and message
 *     digest, which the provider signs (optional, added within v1); null for ASiC-E
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HashComputed(
        int schemaVersion,
        String documentId,
        String batchId,
        String tenantId,
        String clientReference,
        SignerRef signer,
        SignatureFormat format,
        SignatureLevel level,
        String digestAlgorithm,
        List<DataFile> files,
        Manifest manifest,
        Instant computedAt,
        PdfRevision pdfRevision)
        implements DocumentEvent {

    public static final int SCHEMA_VERSION = 1;

    public HashComputed {
        Checks.header(schemaVersion, documentId, batchId, tenantId, clientReference);
        Checks.notNull(signer, "signer");
        Checks.notNull(format, "format");
        Checks.notNull(level, "level");
        Checks.notBlank(digestAlgorithm, "digestAlgorithm");
        files = Checks.notEmpty(files, "files");
        Checks.notNull(computedAt, "computedAt");
        if (format == SignatureFormat.PADES) {
            Checks.notNull(pdfRevision, "pdfRevision");
        }
    }

    /** The event of an ASiC-E format, without a PDF revision. */
    public HashComputed(
            int schemaVersion,
            String documentId,
            String batchId,
            String tenantId,
            String clientReference,
            SignerRef signer,
            SignatureFormat format,
            SignatureLevel level,
            String digestAlgorithm,
            List<DataFile> files,
            Manifest manifest,
            Instant computedAt) {
        this(
                schemaVersion,
                documentId,
                batchId,
                tenantId,
                clientReference,
                signer,
                format,
                level,
                digestAlgorithm,
                files,
                manifest,
                computedAt,
                null);
    }
}
