package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * augmentation-service built the signature and raised it to the requested level; container-service
 * packages it.
 *
 * @param files the data files of the container, at least one
 * @param manifest the container's manifest: for ASiC-E CAdES the ASiC manifest the signature
 *     covers; for ASiC-E XAdES the ODF {@code META-INF/manifest.xml}, which the signature does not
 *     cover (it references the files by digest); null for PAdES
 * @param parameters the signing context, unchanged
 * @param signature the finished signature
 * @param augmentedAt when the signature reached its level
 * @param signedDocument for {@code PADES} only: the signed PDF augmentation-service stored in the
 *     blob store, at the requested level (optional, added within v1); {@code signature} then holds
 *     the CMS embedded in it, for the audit trail
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SignatureAugmented(
        int schemaVersion,
        String documentId,
        String batchId,
        String tenantId,
        String clientReference,
        List<DataFile> files,
        Manifest manifest,
        SignatureParameters parameters,
        SignatureArtifact signature,
        Instant augmentedAt,
        BlobRef signedDocument)
        implements DocumentEvent {

    public static final int SCHEMA_VERSION = 1;

    public SignatureAugmented {
        Checks.header(schemaVersion, documentId, batchId, tenantId, clientReference);
        files = Checks.notEmpty(files, "files");
        Checks.notNull(parameters, "parameters");
        Checks.notNull(signature, "signature");
        Checks.notNull(augmentedAt, "augmentedAt");
        if (parameters.format() == SignatureFormat.PADES) {
            Checks.notNull(signedDocument, "signedDocument");
        }
    }

    /** The event of an ASiC-E format, whose signature container-service packages. */
    public SignatureAugmented(
            int schemaVersion,
            String documentId,
            String batchId,
            String tenantId,
            String clientReference,
            List<DataFile> files,
            Manifest manifest,
            SignatureParameters parameters,
            SignatureArtifact signature,
            Instant augmentedAt) {
        this(
                schemaVersion,
                documentId,
                batchId,
                tenantId,
                clientReference,
                files,
                manifest,
                parameters,
                signature,
                augmentedAt,
                null);
    }
}
