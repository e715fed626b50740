package dev.signingsuite.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.gateway.intake.IntakeReferences.Claim;
import java.util.List;

/**
 * What {@code POST /v1/batches} and {@code POST /v1/documents} answer: 202 for new documents, 200
 * for documents a repeated reference already names.
 */
final class Receipts {

    private Receipts() {}

    /**
     * @param fileName the first (usually the only) data file
     * @param files every data file of the document's container, in upload order
     * @param statusUrl where the document's status is read (relative to the gateway)
     * @param containerUrl where the signed container can be downloaded once assembled
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DocumentAccepted(
            String documentId,
            String batchId,
            String fileName,
            List<String> files,
            String clientReference,
            String statusUrl,
            String containerUrl) {}

    record BatchAccepted(String batchId, String statusUrl, List<DocumentAccepted> documents) {

        BatchAccepted {
            documents = List.copyOf(documents);
        }
    }

    static DocumentAccepted of(DocumentReceived received) {
        return new DocumentAccepted(
                received.documentId(),
                received.batchId(),
                received.files().get(0).name(),
                received.files().stream().map(DataFile::name).toList(),
                received.clientReference(),
                documentUrl(received.documentId()),
                containerUrl(received.documentId()));
    }

    /** The receipt of a document an earlier upload (or intake record) took in under the reference. */
    static DocumentAccepted of(Claim claim) {
        return new DocumentAccepted(
                claim.documentId(),
                claim.batchId(),
                claim.fileNames().get(0),
                claim.fileNames(),
                claim.clientReference(),
                documentUrl(claim.documentId()),
                containerUrl(claim.documentId()));
    }

    static String documentUrl(String documentId) {
        return "/v1/documents/" + documentId;
    }

    static String containerUrl(String documentId) {
        return documentUrl(documentId) + "/container";
    }

    static String deviceLinkUrl(String documentId) {
        return documentUrl(documentId) + "/smartid/link";
    }

    static String batchUrl(String batchId) {
        return "/v1/batches/" + batchId;
    }
}
