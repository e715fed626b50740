package dev.signingsuite.gateway.devices;

import dev.signingsuite.gateway.api.ApiProblem;
import org.springframework.http.HttpStatus;

/** The device API's errors: {@link ApiProblem}s with the statuses ADR 32 names. */
final class DeviceProblems {

    private DeviceProblems() {}

    static ApiProblem unauthenticatedPerson(String detail) {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, "Person not authenticated", detail);
    }

    static ApiProblem refused(String detail) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Device refused", detail);
    }

    static ApiProblem unavailable(String detail) {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Device registration unavailable", detail);
    }

    static ApiProblem badGateway(String detail) {
        return new ApiProblem(HttpStatus.BAD_GATEWAY, "Device service failed", detail);
    }
}
