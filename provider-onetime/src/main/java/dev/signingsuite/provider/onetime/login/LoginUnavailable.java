package dev.signingsuite.provider.onetime.login;

/** The identity provider did not answer (or answered what no identity provider would): an outage. */
public final class LoginUnavailable extends RuntimeException {

    public LoginUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
