package dev.signingsuite.sandbox.csc;

/**
 * A CSC error answer: an HTTP status and the body {@code {"error", "error_description"}} (CSC API
 * v2 section 10). Descriptions follow the specification's wording where it has one.
 */
final class CscError extends RuntimeException {

    private final int status;
    private final String error;

    private CscError(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    static CscError invalidRequest(String description) {
        return new CscError(400, "invalid_request", description);
    }

    static CscError missing(String type, String parameter) {
        return invalidRequest("Missing (or invalid type) " + type + " parameter " + parameter);
    }

    static CscError invalid(String parameter) {
        return invalidRequest("Invalid parameter " + parameter);
    }

    static CscError invalidToken(String description) {
        return new CscError(401, "invalid_token", description);
    }

    static CscError expiredToken() {
        return new CscError(401, "expired_token", "The access token has expired");
    }

    static CscError of(int status, String error, String description) {
        return new CscError(status, error, description);
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }

    String description() {
        return getMessage();
    }
}
