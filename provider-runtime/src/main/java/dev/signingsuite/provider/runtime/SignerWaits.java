package dev.signingsuite.provider.runtime;

/**
 * Thrown by {@link RemoteSigner#sign} when nothing can be signed now and nothing is the documents'
 * fault (the authorisation ended, the service is away): the poll is handed back whole and comes
 * again after {@link RemoteSigner#recheck()}.
 */
public final class SignerWaits extends RuntimeException {

    public SignerWaits(String message) {
        super(message, null, false, false);
    }
}
