package dev.signingsuite.provider.smartid.client;

import java.util.Base64;
import tools.jackson.databind.JsonNode;

/**
 * A {@code GET session/{id}} answer (reference §4), read tolerantly: unknown fields are ignored,
 * absent ones are null.
 *
 * @param state RUNNING or COMPLETE
 * @param endResult OK, USER_REFUSED, … when COMPLETE
 * @param interaction {@code result.details.interaction} of USER_REFUSED_INTERACTION
 * @param serverRandom {@code signature.serverRandom} of an ACSP_V2 authentication
 * @param userChallenge {@code signature.userChallenge} of an ACSP_V2 authentication
 */
public record SessionStatus(
        String state,
        String endResult,
        String interaction,
        String documentNumber,
        String signatureProtocol,
        byte[] signatureValue,
        String signatureAlgorithm,
        String hashAlgorithm,
        String maskGenAlgorithm,
        String maskGenHashAlgorithm,
        Integer saltLength,
        String trailerField,
        String flowType,
        byte[] certificate,
        String certificateLevel,
        String interactionTypeUsed,
        String serverRandom,
        String userChallenge) {

    public boolean running() {
        return "RUNNING".equals(state);
    }

    static SessionStatus of(JsonNode body) {
        JsonNode parameters = body.path("signature").path("signatureAlgorithmParameters");
        return new SessionStatus(
                text(body.path("state")),
                text(body.path("result").path("endResult")),
                text(body.path("result").path("details").path("interaction")),
                text(body.path("result").path("documentNumber")),
                text(body.path("signatureProtocol")),
                base64(body.path("signature").path("value")),
                text(body.path("signature").path("signatureAlgorithm")),
                text(parameters.path("hashAlgorithm")),
                text(parameters.path("maskGenAlgorithm").path("algorithm")),
                text(parameters.path("maskGenAlgorithm").path("parameters").path("hashAlgorithm")),
                parameters.path("saltLength").isInt()
                        ? parameters.get("saltLength").intValue()
                        : null,
                text(parameters.path("trailerField")),
                text(body.path("signature").path("flowType")),
                base64(body.path("cert").path("value")),
                text(body.path("cert").path("certificateLevel")),
                text(body.path("interactionTypeUsed")),
                text(body.path("signature").path("serverRandom")),
                text(body.path("signature").path("userChallenge")));
    }

    static String text(JsonNode node) {
        return node.isString() ? node.stringValue() : null;
    }

    static byte[] base64(JsonNode node) {
        if (!node.isString()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(node.stringValue());
        } catch (IllegalArgumentException e) {
            throw new SmartIdResponseException(SmartIdResponseException.Check.PROTOCOL, "a value is not Base64");
        }
    }
}
