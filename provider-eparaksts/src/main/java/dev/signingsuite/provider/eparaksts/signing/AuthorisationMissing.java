package dev.signingsuite.provider.eparaksts.signing;

/**
 * No usable seal authorisation: the person has to log in (again). Not a document's failure: the
 * documents wait and are signed once the authorisation is back.
 */
public final class AuthorisationMissing extends RuntimeException {

    public AuthorisationMissing(String message) {
        super(message, null, false, false);
    }
}
