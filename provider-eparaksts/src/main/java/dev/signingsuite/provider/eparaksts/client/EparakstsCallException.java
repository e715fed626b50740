package dev.signingsuite.provider.eparaksts.client;

/**
 * A platform call did not succeed: an error answer ({@code {"error", "error_description"}}),
 * something unreadable, or no answer at all ({@link #status()} 0).
 */
public final class EparakstsCallException extends RuntimeException {

    private final String endpoint;
    private final int status;
    private final String error;

    EparakstsCallException(String endpoint, int status, String error, String description, Throwable cause) {
        super(
                "eParaksts " + endpoint + " failed: " + (status == 0 ? "no answer" : "HTTP " + status) + " " + error
                        + (description == null ? "" : " (" + description + ")"),
                cause);
        this.endpoint = endpoint;
        this.status = status;
        this.error = error;
    }

    public String endpoint() {
        return endpoint;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    /** Worth another attempt: no answer, 429 or a server error. */
    public boolean isTransient() {
        return status == 0 || status == 429 || status >= 500;
    }

    /** The token was refused or has ended: only a new authorisation by the person helps. */
    public boolean isUnauthorized() {
        return status == 401;
    }
}
