package dev.signingsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/** One YAML document of a manifest file. */
record Manifest(Path file, int index, JsonNode node) {

    String apiVersion() {
        return node.path("apiVersion").asText();
    }

    String kind() {
        return node.path("kind").asText();
    }

    String name() {
        return node.path("metadata").path("name").asText();
    }

    /** Where a violation is: file, document and kind/name. */
    String where() {
        return file.getFileName() + "#" + index + " " + kind() + "/" + name();
    }

    /** A copy whose node can be edited without touching this one (tests break copies). */
    Manifest copy() {
        return new Manifest(file, index, node.deepCopy());
    }

    ObjectNode object() {
        return (ObjectNode) node;
    }
}
