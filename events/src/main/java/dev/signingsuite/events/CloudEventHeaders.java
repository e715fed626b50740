package dev.signingsuite.events;

/**
 * Kafka header names of the CloudEvents 1.0 Kafka protocol binding in binary mode, plus W3C trace
 * context. Metadata travels in headers so routers and tracers need not parse the payload.
 */
public final class CloudEventHeaders {

    /** CloudEvents spec version; value {@link #SPEC_VERSION_VALUE}. */
    public static final String SPEC_VERSION = "ce_specversion";

    /** The CloudEvents version the suite writes. */
    public static final String SPEC_VERSION_VALUE = "1.0";

    /** A unique id per written event (a random UUID); lets readers spot duplicates. */
    public static final String ID = "ce_id";

    /** The event type, see {@link EventTypes}. */
    public static final String TYPE = "ce_type";

    /** The writing service, a URI reference such as {@code /signing-suite/gateway}. */
    public static final String SOURCE = "ce_source";

    /** When the event was written, ISO-8601 (RFC 3339). */
    public static final String TIME = "ce_time";

    /** The document id for document events. */
    public static final String SUBJECT = "ce_subject";

    /** The payload's media type; value {@link #CONTENT_TYPE_VALUE}. */
    public static final String CONTENT_TYPE = "content-type";

    /** Every payload is JSON. */
    public static final String CONTENT_TYPE_VALUE = "application/json";

    /** W3C trace context, so a trace follows a document through every stage. */
    public static final String TRACEPARENT = "traceparent";

    private CloudEventHeaders() {}
}
