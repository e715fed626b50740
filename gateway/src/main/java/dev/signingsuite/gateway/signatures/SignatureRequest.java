package dev.signingsuite.gateway.signatures;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /v1/signatures}: the digest of content the e-service keeps.
 *
 * @param digest base64 of the digest
 * @param digestAlgorithm {@code SHA-256}, {@code SHA-384} or {@code SHA-512}
 * @param provider {@code smartid}, {@code eparaksts}, {@code csc} or {@code onetime}
 * @param signer the signer's identity at the provider
 * @param level B, T, LT or LTA; LT when absent
 * @param format {@code cades-detached} (CMS) or {@code xades-detached} (XML, up to LT); {@code
 *     cades-detached} when absent
 * @param callbackUrl where the person's browser goes when its part ends; optional
 * @param webhookUrl where {@code signature.ready} or {@code signature.failed} is POSTed, besides the
 *     tenant's endpoint; optional
 */
record SignatureRequest(
        @Schema(description = "base64 of the digest", requiredMode = Schema.RequiredMode.REQUIRED)
        String digest,

        @Schema(
                description = "SHA-256, SHA-384 or SHA-512; the signer must hash with the same",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String digestAlgorithm,

        @Schema(description = "smartid, eparaksts, csc or onetime", requiredMode = Schema.RequiredMode.REQUIRED)
        String provider,

        @Schema(description = "the signer's identity at the provider", requiredMode = Schema.RequiredMode.REQUIRED)
        String signer,

        @Schema(description = "B, T, LT or LTA", defaultValue = "LT")
        String level,

        @Schema(description = "cades-detached (CMS) or xades-detached (XML, B to LT)", defaultValue = "cades-detached")
        String format,

        @Schema(description = "https URL on a host registered for the tenant; optional")
        String callbackUrl,

        @Schema(
                description = "a webhook endpoint of this request's own: signature.ready or signature.failed (and"
                        + " signature.awaiting_person) are POSTed there too, besides the tenant's endpoint, signed"
                        + " with the tenant's webhook secret; https, on the host of the tenant's webhook endpoint"
                        + " or one of its callback hosts; optional")
        String webhookUrl) {}
