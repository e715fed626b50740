package dev.signingsuite.provider.csc.client;

/**
 * A CSC call did not succeed: the service answered an error ({@code {"error",
 * "error_description"}}), something unreadable, or could not be reached ({@link #status()} 0). The
 * methods say what the caller should do about it.
 */
public final class CscCallException extends RuntimeException {

    private final String method;
    private final int status;
    private final String error;
    private final String description;

    CscCallException(String method, int status, String error, String description, Throwable cause) {
        super(
                "CSC " + method + " failed: " + (status == 0 ? "no answer" : "HTTP " + status) + " " + error
                        + (description == null ? "" : " (" + description + ")"),
                cause);
        this.method = method;
        this.status = status;
        this.error = error;
        this.description = description;
    }

    public String method() {
        return method;
    }

    /** The HTTP status, or 0 when no answer arrived (I/O error, timeout). */
    public int status() {
        return status;
    }

    /** The CSC {@code error} code, or a placeholder such as {@code io_error} when there was none. */
    public String error() {
        return error;
    }

    /** The CSC {@code error_description}, possibly null. */
    public String description() {
        return description;
    }

    /** Worth another attempt: no answer, 429 or a server error. */
    public boolean isTransient() {
        return status == 0 || status == 429 || status >= 500;
    }

    /** The access token was refused: a new one may help. */
    public boolean isUnauthorized() {
        return status == 401;
    }
}
