package dev.signingsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small structural schema for resources without a Java model: which fields an object may have,
 * what its lists hold, and which values an enumerated string may take. Anything not declared is a
 * violation, the same strictness as {@link StrictModels}.
 */
sealed interface Schema {

    /** An object with exactly these optional fields. */
    record Obj(Map<String, Schema> fields) implements Schema {}

    /** A list of items of one schema. */
    record Items(Schema item) implements Schema {}

    /** A map of string keys to string values (labels, annotations, KEDA trigger metadata values). */
    record StringMap() implements Schema {}

    /** A scalar; {@code allowed} empty means any value. */
    record Scalar(Set<String> allowed) implements Schema {}

    static Obj obj(Map<String, Schema> fields) {
        return new Obj(fields);
    }

    static Items items(Schema item) {
        return new Items(item);
    }

    static Scalar scalar() {
        return new Scalar(Set.of());
    }

    static Scalar oneOf(String... values) {
        return new Scalar(Set.of(values));
    }

    static StringMap stringMap() {
        return new StringMap();
    }

    /** Adds a violation to {@code out} for every field or value {@code node} has that this schema refuses. */
    static void check(Schema schema, JsonNode node, String path, List<String> out) {
        if (schema instanceof Obj obj) {
            if (!node.isObject()) {
                out.add(path + ": expected an object");
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                Schema fieldSchema = obj.fields().get(field.getKey());
                if (fieldSchema == null) {
                    out.add(path + ": unknown field '" + field.getKey() + "'");
                } else {
                    check(fieldSchema, field.getValue(), path + "." + field.getKey(), out);
                }
            }
        } else if (schema instanceof Items items) {
            if (!node.isArray()) {
                out.add(path + ": expected a list");
                return;
            }
            for (int i = 0; i < node.size(); i++) {
                check(items.item(), node.get(i), path + "[" + i + "]", out);
            }
        } else if (schema instanceof StringMap) {
            if (!node.isObject()) {
                out.add(path + ": expected a map");
                return;
            }
            node.fields().forEachRemaining(field -> {
                if (!field.getValue().isTextual()) {
                    out.add(path + "." + field.getKey() + ": must be a string (quote it)");
                }
            });
        } else if (schema instanceof Scalar scalar) {
            if (!node.isValueNode()) {
                out.add(path + ": expected a value");
            } else if (!scalar.allowed().isEmpty() && !scalar.allowed().contains(node.asText())) {
                out.add(path + ": '" + node.asText() + "' is not one of " + scalar.allowed());
            }
        }
    }
}
