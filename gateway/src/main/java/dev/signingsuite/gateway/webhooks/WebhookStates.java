package dev.signingsuite.gateway.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** Where the webhook about a document stands, for {@code GET /v1/documents/{id}}. */
public final class WebhookStates {

    /**
     * The latest message about the document to one endpoint.
     *
     * @param webhookId the {@code webhook-id} the receiver sees on every attempt
     * @param type e.g. {@code document.assembled}, {@code signature.ready}
     * @param endpoint {@code tenant} (the tenant's endpoint) or {@code request} (the URL its batch or
     *     signature request named)
     * @param url where it is POSTed
     * @param state PENDING, DELIVERED or FAILED
     * @param attempts attempts made so far
     * @param nextAttemptAt while PENDING: when it is tried next
     * @param lastStatus the HTTP status of the last attempt, if one answered
     * @param lastError why the last attempt failed
     * @param deliveredAt when a 2xx answered
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WebhookState(
            String webhookId,

            @Schema(
                    description = "document.assembled, document.failed, document.awaiting_person,"
                            + " signature.ready, signature.failed or signature.awaiting_person")
            String type,

            @Schema(
                    description = "tenant: the tenant's endpoint; request: the webhookUrl the batch or"
                            + " signature request named")
            String endpoint,

            String url,

            @Schema(description = "PENDING, DELIVERED or FAILED")
            String state,

            int attempts,
            Instant nextAttemptAt,
            Integer lastStatus,
            String lastError,
            Instant deliveredAt) {}

    private final WebhookOutbox outbox;

    WebhookStates(WebhookOutbox outbox) {
        this.outbox = outbox;
    }

    /**
     * One state per endpoint, the tenant's first; empty when no message was written about the
     * document (no endpoint, or no outcome yet).
     */
    public List<WebhookState> of(String documentId) {
        return outbox.latest(documentId).stream()
                .map(d -> new WebhookState(
                        d.webhookId(),
                        d.eventType(),
                        d.endpoint(),
                        d.url(),
                        d.state().name(),
                        d.attempts(),
                        d.state() == WebhookOutbox.State.PENDING ? d.nextAttemptAt() : null,
                        d.lastStatus(),
                        d.lastError(),
                        d.deliveredAt()))
                .toList();
    }
}
