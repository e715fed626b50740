package dev.signingsuite.events;

/**
 * The fields every pipeline event carries, so any stage can key, route, log and report on an event
 * without knowing its type. Implementations list these fields first, in this order.
 */
public interface DocumentEvent {

    /** The version of the payload schema within the topic's major version. */
    int schemaVersion();

    /** The suite's id of the document; the Kafka key. */
    String documentId();

    /** The batch the document belongs to. */
    String batchId();

    /** The tenant that owns the document. */
    String tenantId();

    /** The back-office's own reference, echoed in the public outputs; may be null. */
    String clientReference();
}
