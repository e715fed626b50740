package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A back-office system asks the suite to sign a document: the intake record on {@code
 * signing.intake.v1}. Not a {@link DocumentEvent}: the gateway assigns the document id when it
 * accepts the record. Size limits are the gateway's job, not this record's: it rejects an oversized
 * document with {@link FailureReason#DOCUMENT_TOO_LARGE}.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param tenantId the tenant submitting
 * @param clientReference the client's idempotency key within its tenant, echoed in the outputs; the
 *     Kafka key of the intake topic
 * @param batchId the client's batch to add the document to, or null
 * @param fileName the data file's name in the container, checked by {@link FileNames#requireSafe}
 * @param mediaType the document's media type, e.g. {@code application/pdf}
 * @param content the document bytes (base64 in JSON), not empty; null when {@code contentObject}
 *     names them instead
 * @param signer who signs
 * @param format the format to produce; null means {@link SignatureFormat#ASIC_E_CADES}
 * @param level the level to reach; null means {@link SignatureLevel#LT}
 * @param contentObject where the back office put the document in its S3 bucket, for documents too
 *     large for a Kafka record; exactly one of {@code content} and {@code contentObject} is set
 *     (added within schema version 1: a record without it is read as before)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DocumentSubmitted(
        int schemaVersion,
        String tenantId,
        String clientReference,
        String batchId,
        String fileName,
        String mediaType,
        byte[] content,
        SignerRef signer,
        SignatureFormat format,
        SignatureLevel level,
        ContentObject contentObject) {

    public static final int SCHEMA_VERSION = 1;

    public DocumentSubmitted {
        Checks.schemaVersion(schemaVersion);
        Ids.require(tenantId, "tenantId");
        Ids.require(clientReference, "clientReference");
        Ids.optional(batchId, "batchId");
        FileNames.requireSafe(fileName);
        Checks.notBlank(mediaType, "mediaType");
        if (contentObject == null) {
            Checks.notEmpty(content, "content");
        } else if (content != null) {
            throw new IllegalArgumentException("content and contentObject are exclusive: set exactly one");
        }
        Checks.notNull(signer, "signer");
        format = format == null ? SignatureFormat.ASIC_E_CADES : format;
        if (format.detached()) {
            // The intake carries documents; a digest is signed over POST /v1/signatures.
            throw new IllegalArgumentException(
                    "format " + format + " signs a digest: request it over POST /v1/signatures, not the intake");
        }
        level = level == null ? SignatureLevel.LT : level;
    }

    /** A document carried inline, as producers wrote it before {@code contentObject} existed. */
    public DocumentSubmitted(
            int schemaVersion,
            String tenantId,
            String clientReference,
            String batchId,
            String fileName,
            String mediaType,
            byte[] content,
            SignerRef signer,
            SignatureFormat format,
            SignatureLevel level) {
        this(
                schemaVersion,
                tenantId,
                clientReference,
                batchId,
                fileName,
                mediaType,
                content,
                signer,
                format,
                level,
                null);
    }
}
