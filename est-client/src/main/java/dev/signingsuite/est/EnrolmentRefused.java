package dev.signingsuite.est;

/** The CA refused a request: permanent for that request; the message is the CA's reason. */
public final class EnrolmentRefused extends RuntimeException {

    public EnrolmentRefused(String message) {
        super(message);
    }
}
