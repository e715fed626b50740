package dev.signingsuite.augmentation.trust;

import dev.signingsuite.events.FailureReason;

/**
 * A service the stage depends on did not answer: transient. The stage declares this type for
 * parking (ADR 0012): the record is redelivered with growing delays until the service is back or
 * the deadline passes; then the document fails with {@link #reason()} and its signature value is
 * kept. A TSA or OCSP responder out of reach is a {@link TrustServiceUnavailableException}; the
 * blob store out of reach while reading or storing a document (PAdES, XAdES at LTA) is this type
 * with {@link FailureReason#STAGE_UNAVAILABLE}.
 */
public class ServiceUnavailableException extends RuntimeException {

    private final FailureReason reason;

    public ServiceUnavailableException(FailureReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** The failure reason of a document whose deadline passed while this service was away. */
    public FailureReason reason() {
        return reason;
    }
}
