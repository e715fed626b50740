package dev.signingsuite.augmentation.trust;

/**
 * The TSA or an OCSP responder did not answer usefully: transient, the binder retries the record and
 * then dead-letters it, so the returned signature value is kept.
 *
 * <p>Deliberately not a DSS exception: DSS swallows {@code DSSException}s thrown by a revocation
 * source and would go on to write a signature without revocation data.
 */
public final class TrustServiceUnavailableException extends RuntimeException {

    public TrustServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
