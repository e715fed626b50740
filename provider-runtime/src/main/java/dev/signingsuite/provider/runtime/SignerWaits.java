package dev.signingsuite.provider.runtime;

/**
 * Thrown by {@link RemoteSigner#sign} when nothing can be signed now and nothing is the documents'
 * fault (the authorisation ended, the service is away): the poll is handed back whole and comes
 * again after {@link RemoteSigner#recheck()}.
 */
public final class SignerWaits extends RuntimeException {

    private final boolean outage;

    /** Nothing can be signed until something happens (an authorisation): waits as long as it takes. */
    public SignerWaits(String message) {
        this(message, false);
    }

    private SignerWaits(String message, boolean outage) {
        super(message, null, false, false);
        this.outage = outage;
    }

    /**
     * The service stays away after the provider's retries: the poll is parked with growing delays,
     * and a document still unsigned {@code signing.parking.deadline} after it reached the provider
     * ends {@code SIGNER_UNAVAILABLE}.
     */
    public static SignerWaits unavailable(String message) {
        return new SignerWaits(message, true);
    }

    /** Whether the service is away (rather than an authorisation missing). */
    public boolean outage() {
        return outage;
    }
}
