package dev.signingsuite.gateway.devices;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An error of the device API, rendered as {@code application/problem+json} like every API error. */
final class DeviceProblem extends ErrorResponseException {

    private DeviceProblem(HttpStatus status, String title, String detail) {
        super(status, problem(status, title, detail), null);
    }

    static DeviceProblem badRequest(String detail) {
        return new DeviceProblem(HttpStatus.BAD_REQUEST, "Bad request", detail);
    }

    static DeviceProblem unauthenticatedPerson(String detail) {
        return new DeviceProblem(HttpStatus.UNAUTHORIZED, "Person not authenticated", detail);
    }

    static DeviceProblem refused(String detail) {
        return new DeviceProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Device refused", detail);
    }

    static DeviceProblem notFound(String detail) {
        return new DeviceProblem(HttpStatus.NOT_FOUND, "Not found", detail);
    }

    static DeviceProblem unavailable(String detail) {
        return new DeviceProblem(HttpStatus.SERVICE_UNAVAILABLE, "Device registration unavailable", detail);
    }

    static DeviceProblem badGateway(String detail) {
        return new DeviceProblem(HttpStatus.BAD_GATEWAY, "Device service failed", detail);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
