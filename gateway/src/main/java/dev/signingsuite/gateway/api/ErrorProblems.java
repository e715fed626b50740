package dev.signingsuite.gateway.api;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page, in place of Spring Boot's default JSON: an error that reaches the servlet
 * container's error handling (a filter's {@code sendError}, an exception outside Spring MVC) is
 * problem+json too.
 */
@Hidden
@RestController
class ErrorProblems implements ErrorController {

    @RequestMapping(path = "${server.error.path:${error.path:/error}}")
    ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer given && given >= 400 ? given : 500;
        Throwable cause = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        // An exception's message may carry internals; a status set by sendError carries none.
        String detail = cause == null || status < 500
                ? ProblemJson.detailOf(status, null)
                : "the request failed inside the gateway";
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemJson.of(status, detail, uri == null ? null : uri.toString()));
    }
}
