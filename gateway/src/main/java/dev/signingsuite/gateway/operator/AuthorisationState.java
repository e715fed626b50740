package dev.signingsuite.gateway.operator;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A provider's authorisation status as its internal endpoint answers it ({@code state}, an expiry,
 * seals), read for people: the state in words and labelled details instead of raw JSON.
 */
record AuthorisationState(String state, Instant expiresAt, List<String> seals, Boolean renews) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Whatever the body holds; an unreadable body is an unknown state. */
    static AuthorisationState read(String body) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (JacksonException e) {
            node = JSON.createObjectNode();
        }
        List<String> seals = new ArrayList<>();
        node.path("seals").forEach(seal -> seals.add(seal.asString()));
        JsonNode expiry = node.has("expiresAt") ? node.get("expiresAt") : node.path("accessTokenExpiresAt");
        return new AuthorisationState(
                node.path("state").isString() ? node.get("state").asString() : "UNKNOWN",
                instant(expiry),
                seals,
                node.path("refreshable").isBoolean() ? node.get("refreshable").asBoolean() : null);
    }

    boolean authorised() {
        return "AUTHORISED".equals(state);
    }

    /** The state in words, e.g. "authorised", "re-authorisation needed". */
    String inWords() {
        return switch (state) {
            case "AUTHORISED" -> "authorised";
            case "REAUTHORISATION_NEEDED" -> "re-authorisation needed";
            case "AUTHORISATION_REQUIRED" -> "not authorised yet";
            case "UNKNOWN" -> "unknown";
            default -> state.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }

    Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("Authorisation", inWords());
        if (expiresAt != null) {
            details.put("Expires", expiresAt);
        }
        if (renews != null) {
            details.put(
                    "Renews itself", renews ? "yes, until the service ends it" : "no: log in again before it expires");
        }
        if (!seals.isEmpty()) {
            details.put("Seals", String.join(", ", seals));
        }
        return details;
    }

    private static Instant instant(JsonNode node) {
        if (node == null || !node.isString()) {
            return null;
        }
        try {
            return Instant.parse(node.asString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
