package dev.signingsuite.gateway.api;

import dev.signingsuite.events.FailureReason;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An error the API answers with, rendered as {@code application/problem+json} (RFC 9457). */
public final class ApiProblem extends ErrorResponseException {

    public ApiProblem(HttpStatus status, String title, String detail) {
        super(status, problem(status, title, detail, null), null);
    }

    ApiProblem(HttpStatus status, String title, String detail, FailureReason reason) {
        super(status, problem(status, title, detail, reason), null);
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Bad request", detail);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "Not found", detail);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, "Conflict", detail);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail, FailureReason reason) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (reason != null) {
            // The same code a Kafka client would read in DocumentFailed.reason.
            problem.setProperty("reason", reason.name());
        }
        return problem;
    }
}
