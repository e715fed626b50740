package dev.signingsuite.gateway.api;

import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignerRef;
import java.net.URI;

/**
 * The form fields of an upload, shared by every file in it.
 *
 * @param clientReference for a batch, a prefix: document {@code i} (from 1, in upload order) gets
 *     {@code <prefix>-<i>}; for a single document, its reference as given; null if none
 * @param webhookUrl the batch's own webhook endpoint, checked by {@code WebhookUrls}; null if none
 */
record UploadForm(
        Provider provider,
        String signer,
        SignatureLevel level,
        SignatureFormat format,
        String clientReference,
        URI webhookUrl) {

    /**
     * Level and format are converted here, not by Spring MVC: its conversion of a form field to
     * {@link SignatureFormat} passed PADES through although the registered converter refuses it.
     */
    static UploadForm of(
            Provider provider, String signer, String level, String format, String clientReference, URI webhookUrl) {
        try {
            return new UploadForm(
                    provider, signer, ApiValues.level(level), ApiValues.format(format), clientReference, webhookUrl);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
    }

    SignerRef signerRef() {
        if (signer == null || signer.isBlank()) {
            throw ApiProblem.badRequest("signer must not be blank");
        }
        return new SignerRef(provider, signer);
    }
}
