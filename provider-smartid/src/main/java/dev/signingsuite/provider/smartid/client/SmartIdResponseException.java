package dev.signingsuite.provider.smartid.client;

/** The service answered OK but the answer cannot be trusted: a check of reference §10 failed. */
public final class SmartIdResponseException extends RuntimeException {

    /** Which check failed; decides the DocumentFailed reason. */
    public enum Check {
        CERTIFICATE,
        SIGNATURE,
        PROTOCOL
    }

    private final Check check;

    public SmartIdResponseException(Check check, String message) {
        super(message);
        this.check = check;
    }

    public Check check() {
        return check;
    }
}
