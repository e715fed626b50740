package dev.signingsuite.augmentation.trust;

import dev.signingsuite.events.FailureReason;

/**
 * The TSA or an OCSP responder (every configured endpoint of it) did not answer usefully:
 * transient. The record is parked (messaging's parking, ADR 0012) until the service is back or the
 * deadline passes; then the document fails with {@link #reason()} and its signature value is kept.
 *
 * <p>Deliberately not a DSS exception: DSS swallows {@code DSSException}s thrown by a revocation
 * source and would go on to write a signature without revocation data.
 */
public final class TrustServiceUnavailableException extends ServiceUnavailableException {

    /** The trust service that stayed away. */
    public enum Service {
        TSA(FailureReason.TIMESTAMP_UNAVAILABLE),
        OCSP(FailureReason.REVOCATION_UNAVAILABLE);

        private final FailureReason reason;

        Service(FailureReason reason) {
            this.reason = reason;
        }
    }

    private final Service service;

    public TrustServiceUnavailableException(Service service, String message, Throwable cause) {
        super(service.reason, message, cause);
        this.service = service;
    }

    public Service service() {
        return service;
    }
}
