package dev.signingsuite.provider.smartid.client;

/**
 * A Smart-ID call did not succeed: the service answered an HTTP error, something unreadable or
 * unacceptable, or could not be reached ({@link #status()} 0).
 */
public final class SmartIdCallException extends RuntimeException {

    private final String call;
    private final int status;

    public SmartIdCallException(String call, int status, String detail, Throwable cause) {
        super(
                "Smart-ID " + call + " failed: " + (status == 0 ? "no answer" : "HTTP " + status)
                        + (detail == null ? "" : " (" + detail + ")"),
                cause);
        this.call = call;
        this.status = status;
    }

    public String call() {
        return call;
    }

    /** The HTTP status, or 0 when no answer arrived (I/O error, timeout). */
    public int status() {
        return status;
    }

    /** Worth another attempt (reference §11): no answer, 429, 580 maintenance or another 5xx. */
    public boolean isTransient() {
        return status == 0 || status == 429 || status >= 500;
    }

    /** 404: the account or document does not exist or is unsuitable; on GET session, the session is gone. */
    public boolean isNotFound() {
        return status == 404 || status == 471 || status == 472;
    }
}
