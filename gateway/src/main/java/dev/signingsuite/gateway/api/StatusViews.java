package dev.signingsuite.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.gateway.status.DocumentRecord;
import dev.signingsuite.gateway.status.DocumentStatus;
import dev.signingsuite.gateway.status.HistoryEntry;
import dev.signingsuite.gateway.webhooks.WebhookStates.WebhookState;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What {@code GET /v1/documents/{id}} and {@code GET /v1/batches/{id}} answer. */
final class StatusViews {

    private StatusViews() {}

    /**
     * @param verificationCode the code a Smart-ID person compares on the phone, while the signature
     *     is requested
     * @param deviceLinkUrl while AWAITING_SCAN: where the current Smart-ID device link is served
     * @param personPageUrl while a Smart-ID person is to act, or a one-time signer is to log in: the
     *     page to send them, which opens without the API key (its own short-lived capability) and
     *     shows the QR code, the login link or what to do
     * @param loginUrl while AWAITING_PERSON for a one-time signer: the identity provider's login the
     *     person follows (it carries the login's state and PKCE challenge, nothing secret)
     * @param awaiting while AWAITING_PERSON or AWAITING_SCAN: whom the document waits for, and what for
     * @param failure why the document failed, when FAILED
     * @param container the signed container, when ASSEMBLED
     * @param history every status reached, oldest first
     * @param webhook where the latest webhook about the document stands: to the tenant's endpoint if it
     *     has one, else to the endpoint its batch named (the first of {@code webhooks})
     * @param webhooks the latest webhook to each endpoint: the tenant's, and the batch's own
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DocumentView(
            String documentId,
            String batchId,
            String clientReference,
            String fileName,
            DocumentStatus status,
            SignerRef signer,
            String level,
            String verificationCode,
            String deviceLinkUrl,
            String personPageUrl,
            String loginUrl,
            Awaiting awaiting,
            Failure failure,
            Container container,
            Instant receivedAt,
            Instant updatedAt,
            List<History> history,
            WebhookState webhook,
            List<WebhookState> webhooks) {

        /** @param personPageUrl the person's page, shown only while the person is to act */
        static DocumentView of(DocumentRecord d, List<HistoryEntry> history, String personPageUrl) {
            String loginUrl = d.status() == DocumentStatus.AWAITING_PERSON ? d.personLink() : null;
            boolean personActs = d.status() == DocumentStatus.AWAITING_SCAN
                    || d.status() == DocumentStatus.SIGNATURE_REQUESTED
                    || loginUrl != null;
            return new DocumentView(
                    d.id(),
                    d.batchId(),
                    d.clientReference(),
                    d.fileName(),
                    d.status(),
                    d.signer(),
                    d.level(),
                    d.status() == DocumentStatus.SIGNATURE_REQUESTED ? d.verificationCode() : null,
                    d.status() == DocumentStatus.AWAITING_SCAN ? Receipts.deviceLinkUrl(d.id()) : null,
                    personActs ? personPageUrl : null,
                    loginUrl,
                    Awaiting.of(d),
                    d.status() == DocumentStatus.FAILED && d.failure() != null
                            ? new Failure(
                                    d.failure().stage(),
                                    d.failure().reason(),
                                    d.failure().message())
                            : null,
                    d.status() == DocumentStatus.ASSEMBLED && d.container() != null
                            ? new Container(
                                    d.container().name(),
                                    d.container().blob().mediaType(),
                                    d.container().blob().size(),
                                    d.container().blob().sha256(),
                                    d.container().validationIndication(),
                                    Receipts.containerUrl(d.id()))
                            : null,
                    d.receivedAt(),
                    d.updatedAt(),
                    history.stream()
                            .map(h -> new History(h.status(), h.occurredAt(), h.detail()))
                            .toList(),
                    null,
                    null);
        }

        DocumentView withWebhooks(List<WebhookState> states) {
            return new DocumentView(
                    documentId,
                    batchId,
                    clientReference,
                    fileName,
                    status,
                    signer,
                    level,
                    verificationCode,
                    deviceLinkUrl,
                    personPageUrl,
                    loginUrl,
                    awaiting,
                    failure,
                    container,
                    receivedAt,
                    updatedAt,
                    history,
                    states.isEmpty() ? null : states.get(0),
                    states.isEmpty() ? null : states);
        }
    }

    /**
     * @param provider the provider that waits
     * @param signer the signer identity the person acts for (a credential, a seal label)
     * @param what what it waits for, in the provider's words
     */
    record Awaiting(String provider, String signer, String what) {

        static Awaiting of(DocumentRecord d) {
            boolean waits = d.status() == DocumentStatus.AWAITING_PERSON || d.status() == DocumentStatus.AWAITING_SCAN;
            if (!waits || d.awaiting() == null || d.signer() == null) {
                return null;
            }
            return new Awaiting(d.signer().provider().id(), d.signer().identity(), d.awaiting());
        }
    }

    record Failure(FailureStage stage, FailureReason reason, String message) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Container(String name, String mediaType, long size, String sha256, String validation, String downloadUrl) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record History(DocumentStatus status, Instant at, String detail) {}

    /**
     * @param counts how many documents are at each status (every status listed, zeros included)
     */
    record BatchView(
            String batchId, int documentCount, Map<DocumentStatus, Long> counts, List<BatchDocument> documents) {

        static BatchView of(String batchId, List<DocumentRecord> documents) {
            Map<DocumentStatus, Long> counts = new EnumMap<>(DocumentStatus.class);
            for (DocumentStatus status : DocumentStatus.values()) {
                counts.put(status, 0L);
            }
            documents.forEach(d -> counts.merge(d.status(), 1L, Long::sum));
            return new BatchView(
                    batchId,
                    documents.size(),
                    counts,
                    documents.stream().map(BatchDocument::of).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BatchDocument(
            String documentId,
            String clientReference,
            String fileName,
            DocumentStatus status,
            FailureReason failureReason,
            String statusUrl) {

        static BatchDocument of(DocumentRecord d) {
            return new BatchDocument(
                    d.id(),
                    d.clientReference(),
                    d.fileName(),
                    d.status(),
                    d.status() == DocumentStatus.FAILED && d.failure() != null
                            ? d.failure().reason()
                            : null,
                    Receipts.documentUrl(d.id()));
        }
    }
}
