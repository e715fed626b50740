package dev.signingsuite.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** What {@code POST /v1/batches} and {@code POST /v1/documents} answer with 202. */
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
