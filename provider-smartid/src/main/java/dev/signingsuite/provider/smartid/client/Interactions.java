package dev.signingsuite.provider.smartid.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Builds the {@code interactions} string (reference §7); keep the exact string that was sent. */
final class Interactions {

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
}
