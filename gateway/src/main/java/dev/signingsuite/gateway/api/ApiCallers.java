package dev.signingsuite.gateway.api;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who called the API, as {@link ApiKeyFilter} left it on the request: for controllers outside this
 * package (digest signing), which authenticate the same way.
 */
public final class ApiCallers {

    private ApiCallers() {}

    /** The tenant the API key names. */
    public static String tenant(HttpServletRequest request) {
        return required(request, ApiKeyFilter.TENANT);
    }

    /** The submitter recorded in the audit trail ({@code api-key <id>}). */
    public static String submitter(HttpServletRequest request) {
        return required(request, ApiKeyFilter.SUBMITTER);
    }

    private static String required(HttpServletRequest request, String attribute) {
        if (!(request.getAttribute(attribute) instanceof String value)) {
            // The filter guards every /v1 path; a request without it never reached an API controller.
            throw new IllegalStateException("no authenticated caller on " + request.getRequestURI());
        }
        return value;
    }
}
