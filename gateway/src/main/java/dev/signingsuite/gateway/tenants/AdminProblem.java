package dev.signingsuite.gateway.tenants;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An error of the admin API, rendered as {@code application/problem+json} like every API error. */
final class AdminProblem extends ErrorResponseException {

    AdminProblem(HttpStatus status, String title, String detail) {
        super(status, problem(status, title, detail), null);
    }

    static AdminProblem badRequest(String detail) {
        return new AdminProblem(HttpStatus.BAD_REQUEST, "Bad request", detail);
    }

    static AdminProblem notFound(String detail) {
        return new AdminProblem(HttpStatus.NOT_FOUND, "Not found", detail);
    }

    static AdminProblem conflict(String detail) {
        return new AdminProblem(HttpStatus.CONFLICT, "Conflict", detail);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
