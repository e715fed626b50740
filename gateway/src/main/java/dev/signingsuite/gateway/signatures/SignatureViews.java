package dev.signingsuite.gateway.signatures;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.signingsuite.gateway.status.DocumentRecord;
import dev.signingsuite.gateway.status.DocumentStatus;
import dev.signingsuite.gateway.webhooks.WebhookStates.WebhookState;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/** What the signature API answers. */
final class SignatureViews {

    private SignatureViews() {}

    enum SignatureStatus {
        PENDING,
        SIGNED,
        FAILED;

        static SignatureStatus of(DocumentStatus status) {
            return switch (status) {
                case ASSEMBLED -> SIGNED;
                case FAILED -> FAILED;
                default -> PENDING;
            };
        }
    }

    /** @param redirectUrl the person's page, present only when a person must act */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SignatureAccepted(
            String signatureId,
            SignatureStatus status,

            @Schema(description = "the page the person opens to sign; absent when no person acts")
            String redirectUrl,

            String statusUrl) {}

    /**
     * @param stage where the signature stands inside the suite (the document status of {@code GET
     *     /v1/documents/{id}}), e.g. AWAITING_PERSON
     * @param failure why it failed, with the reason code of {@code DocumentFailed}
     * @param callbackUrl the callback URL kept at POST, where the person page sends the browser
     * @param webhooks where the latest webhook message about the signature stands, per endpoint (the
     *     tenant's, the request's own); absent until one is written
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SignatureView(
            String signatureId,
            SignatureStatus status,
            String stage,
            String level,
            String signatureUrl,
            SignatureFailure failure,
            String callbackUrl,
            Instant receivedAt,
            Instant updatedAt,
            List<WebhookState> webhooks) {

        static SignatureView of(DocumentRecord record, URI callbackUrl, List<WebhookState> webhooks) {
            SignatureStatus status = SignatureStatus.of(record.status());
            return new SignatureView(
                    record.id(),
                    status,
                    record.status().name(),
                    record.level(),
                    status == SignatureStatus.SIGNED ? SignatureController.signatureUrl(record.id()) : null,
                    record.failure() == null
                            ? null
                            : new SignatureFailure(
                                    record.failure().stage().name(),
                                    record.failure().reason().name(),
                                    record.failure().message()),
                    callbackUrl == null ? null : callbackUrl.toString(),
                    record.receivedAt(),
                    record.updatedAt(),
                    webhooks.isEmpty() ? null : webhooks);
        }
    }

    record SignatureFailure(String stage, String reason, String message) {}
}
