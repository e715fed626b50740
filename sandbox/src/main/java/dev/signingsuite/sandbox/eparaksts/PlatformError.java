package dev.signingsuite.sandbox.eparaksts;

/**
 * An error answer of the TrustedX platform: an HTTP status and {@code {"error",
 * "error_description"}} (RFC 6749 section 5.2 on the token endpoint, the same shape on resources).
 */
final class PlatformError extends RuntimeException {

    private final int status;
    private final String error;

    PlatformError(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    static PlatformError invalidRequest(String description) {
        return new PlatformError(400, "invalid_request", description);
    }

    static PlatformError invalidToken(String description) {
        return new PlatformError(401, "invalid_token", description);
    }

    static PlatformError insufficientScope(String description) {
        return new PlatformError(403, "insufficient_scope", description);
    }

    static PlatformError notFound(String description) {
        return new PlatformError(404, "NotFoundException", description);
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
