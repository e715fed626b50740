package dev.signingsuite.provider.smartid.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Builds the {@code interactions} string (reference §7); keep the exact string that was sent. */
public final class Interactions {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Interactions() {}

    /** One {@code displayTextAndPIN} interaction, allowed in every flow. */
    public static String displayTextAndPin(String text) {
        if (text == null || text.isEmpty() || text.length() > 60) {
            throw new IllegalArgumentException("displayText60 must be 1..60 characters");
        }
        Map<String, String> interaction = new LinkedHashMap<>();
        interaction.put("type", "displayTextAndPIN");
        interaction.put("displayText60", text);
        return encode(List.of(interaction));
    }

    static String encode(List<Map<String, String>> interactions) {
        return Base64.getEncoder()
                .encodeToString(JSON.writeValueAsString(interactions).getBytes(UTF_8));
    }

    /**
     * The interaction types an {@code interactions} string offers, in the order sent: what {@code
     * interactionTypeUsed} may name (reference §7: the app uses the first type it supports).
     *
     * @throws IllegalArgumentException if it is not the Base64 of a JSON array of typed interactions
     */
    public static List<String> types(String interactions) {
        List<String> types = new ArrayList<>();
        try {
            JsonNode array = JSON.readTree(Base64.getDecoder().decode(interactions));
            if (array == null || !array.isArray()) {
                throw new IllegalArgumentException("interactions is not a JSON array");
            }
            for (JsonNode interaction : array) {
                String type = SessionStatus.text(interaction.path("type"));
                if (type == null) {
                    throw new IllegalArgumentException("an interaction has no type");
                }
                types.add(type);
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException("interactions is not Base64 of JSON", e);
        }
        return List.copyOf(types);
    }
}
