package dev.signingsuite.gateway.intake;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.blobstore.BlobTooLargeException;
import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.DocumentSubmitted;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.gateway.config.GatewayProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Turns a back-office's intake record into the suite's first event: the document is checked against
 * the tenant's limits and signers, its bytes go to the blob store, and {@link DocumentReceived}
 * carries only the reference on. A rejected document ends as {@link DocumentFailed}.
 */
public final class IntakeAcceptor {

    private final GatewayProperties properties;
    private final BlobStore blobs;
    private final Clock clock;

    public IntakeAcceptor(GatewayProperties properties, BlobStore blobs, Clock clock) {
        this.properties = properties;
        this.blobs = blobs;
        this.clock = clock;
    }

    /**
     * The same tenant and client reference always give the same document id: a redelivered intake
     * record describes the same document, never a second one.
     */
    public static String documentIdFor(String tenantId, String clientReference) {
        return UUID.nameUUIDFromBytes(("intake/" + tenantId + "/" + clientReference).getBytes(UTF_8))
                .toString();
    }

    public DocumentEvent accept(DocumentSubmitted submitted) {
        String documentId = documentIdFor(submitted.tenantId(), submitted.clientReference());
        // A document submitted on its own is a batch of one.
        String batchId = submitted.batchId() != null ? submitted.batchId() : documentId;
        if (!properties.mayUse(submitted.tenantId(), submitted.signer())) {
            return failed(
                    submitted,
                    documentId,
                    batchId,
                    FailureReason.SIGNER_NOT_ALLOWED,
                    "tenant " + submitted.tenantId() + " may not use signer "
                            + submitted.signer().provider().id() + " "
                            + submitted.signer().identity());
        }
        long limit = properties.maxDocumentSize().toBytes();
        if (submitted.content().length > limit) {
            return tooLarge(submitted, documentId, batchId, limit);
        }
        BlobRef blob;
        try {
            blob = blobs.put(
                    submitted.tenantId(), new ByteArrayInputStream(submitted.content()), submitted.mediaType(), limit);
        } catch (BlobTooLargeException e) {
            return tooLarge(submitted, documentId, batchId, limit);
        } catch (IOException e) {
            // Transient: the binder retries, then dead-letters the intake record unchanged.
            throw new UncheckedIOException("cannot store document " + documentId, e);
        }
        return new DocumentReceived(
                DocumentReceived.SCHEMA_VERSION,
                documentId,
                batchId,
                submitted.tenantId(),
                submitted.clientReference(),
                submitted.signer(),
                submitted.format(),
                submitted.level(),
                List.of(new DataFile(submitted.fileName(), blob)),
                clock.instant());
    }

    private DocumentFailed tooLarge(DocumentSubmitted submitted, String documentId, String batchId, long limit) {
        return failed(
                submitted,
                documentId,
                batchId,
                FailureReason.DOCUMENT_TOO_LARGE,
                "document is larger than the limit of " + limit + " bytes");
    }

    private DocumentFailed failed(
            DocumentSubmitted submitted, String documentId, String batchId, FailureReason reason, String message) {
        return new DocumentFailed(
                DocumentFailed.SCHEMA_VERSION,
                documentId,
                batchId,
                submitted.tenantId(),
                submitted.clientReference(),
                FailureStage.GATEWAY,
                reason,
                message,
                clock.instant());
    }
}
