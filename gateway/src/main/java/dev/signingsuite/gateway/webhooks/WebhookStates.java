package dev.signingsuite.gateway.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Optional;

/** Where the webhook about a document stands, for {@code GET /v1/documents/{id}}. */
public final class WebhookStates {

    /**
     * The latest message about the document.
     *
     * @param webhookId the {@code webhook-id} the receiver sees on every attempt
     * @param type e.g. {@code document.assembled}
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
            String type,
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

    /** Empty when no message was written about the document (its tenant has no webhook, or no outcome yet). */
    public Optional<WebhookState> of(String documentId) {
        return outbox.latest(documentId)
                .map(d -> new WebhookState(
                        d.webhookId(),
                        d.eventType(),
                        d.state().name(),
                        d.attempts(),
                        d.state() == WebhookOutbox.State.PENDING ? d.nextAttemptAt() : null,
                        d.lastStatus(),
                        d.lastError(),
                        d.deliveredAt()));
    }
}
