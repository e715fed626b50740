package dev.signingsuite.gateway.webhooks;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.SignatureRequested;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook messages about a digest signature ({@code POST /v1/signatures}): in the signature
 * API's terms (its id, {@code SIGNED}/{@code FAILED}, where to fetch it), not the document-shaped
 * event, whose container, files and manifest mean nothing to an e-service that sent a digest.
 */
final class SignatureMessages {

    static final String READY = "signature.ready";
    static final String FAILED = "signature.failed";
    static final String AWAITING_PERSON = "signature.awaiting_person";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SignatureMessages() {}

    /** The message's type, or null when the event is not told to webhooks. */
    static String type(DocumentEvent event) {
        if (event instanceof ContainerAssembled) {
            return READY;
        }
        if (event instanceof DocumentFailed) {
            return FAILED;
        }
        if (event instanceof SignatureRequested requested && requested.awaitsPerson()) {
            return AWAITING_PERSON;
        }
        return null;
    }

    /**
     * The {@code data} of the message: {@code signatureId}, {@code status} as {@code GET
     * /v1/signatures/{id}} says it, {@code statusUrl}; {@code signatureUrl} once signed; {@code
     * failure} (stage, reason code, message) once failed.
     */
    static byte[] data(DocumentEvent event) {
        String id = event.documentId();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("signatureId", id);
        data.put("tenantId", event.tenantId());
        data.put(
                "status",
                event instanceof ContainerAssembled
                        ? "SIGNED"
                        : event instanceof DocumentFailed ? "FAILED" : "PENDING");
        if (event instanceof SignatureRequested) {
            data.put("stage", "AWAITING_PERSON");
        }
        data.put("statusUrl", "/v1/signatures/" + id);
        if (event instanceof ContainerAssembled) {
            data.put("signatureUrl", "/v1/signatures/" + id + "/signature");
        }
        if (event instanceof DocumentFailed failed) {
            Map<String, Object> failure = new LinkedHashMap<>();
            failure.put("stage", failed.stage().name());
            failure.put("reason", failed.reason().name());
            failure.put("message", failed.message());
            data.put("failure", failure);
        }
        return JSON.writeValueAsString(data).getBytes(UTF_8);
    }
}
