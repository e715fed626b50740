package dev.signingsuite.gateway.signatures;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An error of the signature API, rendered as {@code application/problem+json} like every API error. */
final class SignatureProblem extends ErrorResponseException {

    private SignatureProblem(HttpStatus status, String title, String detail) {
        super(status, problem(status, title, detail), null);
    }

    static SignatureProblem badRequest(String detail) {
        return new SignatureProblem(HttpStatus.BAD_REQUEST, "Bad request", detail);
    }

    static SignatureProblem notFound(String detail) {
        return new SignatureProblem(HttpStatus.NOT_FOUND, "Not found", detail);
    }

    static SignatureProblem conflict(String detail) {
        return new SignatureProblem(HttpStatus.CONFLICT, "Signature failed", detail);
    }

    static SignatureProblem unavailable(String detail) {
        return new SignatureProblem(HttpStatus.SERVICE_UNAVAILABLE, "Queue unavailable", detail);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
