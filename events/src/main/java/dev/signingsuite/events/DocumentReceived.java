package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * The gateway accepted a document and stored its files in the blob store; hash-service starts here.
 *
 * @param signer who signs
 * @param format the format to produce
 * @param level the level to reach
 * @param files the data files of the container, at least one
 * @param receivedAt when the gateway accepted the document
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DocumentReceived(
        int schemaVersion,
        String documentId,
        String batchId,
        String tenantId,
        String clientReference,
        SignerRef signer,
        SignatureFormat format,
        SignatureLevel level,
        List<DataFile> files,
        Instant receivedAt)
        implements DocumentEvent {

    public static final int SCHEMA_VERSION = 1;

    public DocumentReceived {
        Checks.header(schemaVersion, documentId, batchId, tenantId, clientReference);
        Checks.notNull(signer, "signer");
        Checks.notNull(format, "format");
        Checks.notNull(level, "level");
        files = Checks.notEmpty(files, "files");
        Checks.notNull(receivedAt, "receivedAt");
    }
}
