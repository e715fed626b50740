package dev.signingsuite.events;

import java.util.List;

/** Invariant checks shared by the records; messages name the faulty field. */
final class Checks {

    private Checks() {}

    static <T> T notNull(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static String notBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required and must not be blank");
        }
        return value;
    }

    static byte[] notEmpty(byte[] value, String field) {
        if (value == null || value.length == 0) {
            throw new IllegalArgumentException(field + " is required and must not be empty");
        }
        return value;
    }

    static <T> List<T> notEmpty(List<T> value, String field) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " must hold at least one element");
        }
        return copyOf(value, field);
    }

    static <T> List<T> copyOf(List<T> value, String field) {
        for (T element : value) {
            if (element == null) {
                throw new IllegalArgumentException(field + " must not contain null elements");
            }
        }
        return List.copyOf(value);
    }

    static int schemaVersion(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("schemaVersion must be at least 1 but was " + value);
        }
        return value;
    }

    /** Checks the fields every {@link DocumentEvent} shares. */
    static void header(int schemaVersion, String documentId, String batchId, String tenantId, String clientReference) {
        schemaVersion(schemaVersion);
        Ids.require(documentId, "documentId");
        Ids.require(batchId, "batchId");
        Ids.require(tenantId, "tenantId");
        Ids.optional(clientReference, "clientReference");
    }
}
