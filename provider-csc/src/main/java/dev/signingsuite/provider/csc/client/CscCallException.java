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
    private final java.time.Duration retryAfter;

    CscCallException(String method, int status, String error, String description, Throwable cause) {
        this(method, status, error, description, cause, null);
    }

    CscCallException(
            String method,
            int status,
            String error,
            String description,
            Throwable cause,
            java.time.Duration retryAfter) {
        super(
                "CSC " + method + " failed: " + (status == 0 ? "no answer" : "HTTP " + status) + " " + error
                        + (description == null ? "" : " (" + description + ")"),
                cause);
        this.method = method;
        this.status = status;
        this.error = error;
        this.description = description;
        this.retryAfter = retryAfter;
    }

    /** How long the service asked to be left alone ({@code Retry-After} of a 429 or 503), or null. */
    public java.time.Duration retryAfter() {
        return retryAfter;
    }

    /** The service answered 200, but not with what the method promises. */
    static CscCallException unreadable(String method, String why) {
        return new CscCallException(method, 200, "unreadable_answer", why, null);
    }

    /**
     * The service accepted a request (an asynchronous signHash) but its result could not be had: it
     * may have signed, so the request must not be sent again. Status 202, so never transient.
     */
    static CscCallException acceptedUnanswered(String method, CscCallException last) {
        return new CscCallException(
                method,
                202,
                ACCEPTED_UNANSWERED,
                "the signHash was accepted but its result was not had"
                        + (last == null ? " within the polling time" : ": " + last.getMessage()),
                last);
    }

    private static final String ACCEPTED_UNANSWERED = "accepted_unanswered";

    /** See {@link #acceptedUnanswered}: the service may have signed; never ask again. */
    public boolean isAcceptedUnanswered() {
        return ACCEPTED_UNANSWERED.equals(error);
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

    /**
     * The request may have reached the service and been carried out, but no answer came (a read
     * timeout, a reset): what a single-use token must not be sent again after. A refused connection
     * or an open circuit breaker never sent it.
     */
    public boolean isAnswerLost() {
        return status == 0
                && ("io_error".equals(error) || "interrupted".equals(error))
                && !"ConnectException".equals(description)
                && !"HttpConnectTimeoutException".equals(description);
    }

    /** The access token was refused or has expired: a new one may help. */
    public boolean isUnauthorized() {
        return status == 401 || "expired_token".equals(error) || "invalid_token".equals(error);
    }

    /** The SAD has expired: a new {@code credentials/authorize} may help. */
    public boolean isExpiredSad() {
        return "sad_expired".equals(error) || describes("sad expired");
    }

    /** The SAD does not cover the hashes sent (SCAL 2): a replayed or a mismatched authorisation. */
    public boolean isHashNotAuthorized() {
        return "unauthorized_hash".equals(error) || "invalid_hash".equals(error) || describes("not authorized");
    }

    /**
     * The authorising person's factors were refused (wrong PIN or OTP), the credential is locked, or
     * an OAuth grant was denied: trying again with the same data would only lock the credential.
     */
    public boolean isAuthorisationRefused() {
        return switch (error) {
            case "invalid_authentication_data",
                    "invalid_pin",
                    "invalid_otp",
                    "locked_pin",
                    "locked_otp",
                    "access_denied",
                    "invalid_grant",
                    "operator_authorisation_required" -> true;
            default -> describes("credential locked");
        };
    }

    private boolean describes(String fragment) {
        return description != null
                && description.toLowerCase(java.util.Locale.ROOT).contains(fragment);
    }
}
