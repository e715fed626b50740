package dev.signingsuite.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;

/** Reads the golden files under {@code src/test/resources/golden}. */
final class Golden {

    private Golden() {}

    static byte[] bytes(String kebabName) {
        String resource = "/golden/" + kebabName + ".v1.json";
        try (InputStream in = Golden.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T read(Class<T> type) {
        return EventJson.read(bytes(EventTypes.kebabName(type)), type);
    }

    static JsonNode tree(byte[] json) {
        return EventJson.mapper().readTree(json);
    }
}
