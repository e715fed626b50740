package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * The signed container is stored and validated: the terminal success event, part of the public
 * contract for back-office systems.
 *
 * @param container where the signed container (or signed PDF) lies
 * @param containerName the file name to offer for download, e.g. {@code invoice-42.asice}
 * @param files the data files inside the container, at least one
 * @param validation the outcome of validating the container
 * @param assembledAt when the container was stored
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerAssembled(
        int schemaVersion,
        String documentId,
        String batchId,
        String tenantId,
        String clientReference,
        BlobRef container,
        String containerName,
        List<DataFile> files,
        ValidationSummary validation,
        Instant assembledAt)
        implements DocumentEvent {

    public static final int SCHEMA_VERSION = 1;

    public ContainerAssembled {
        Checks.header(schemaVersion, documentId, batchId, tenantId, clientReference);
        Checks.notNull(container, "container");
        FileNames.requireSafe(containerName);
        files = Checks.notEmpty(files, "files");
        Checks.notNull(validation, "validation");
        Checks.notNull(assembledAt, "assembledAt");
    }
}
