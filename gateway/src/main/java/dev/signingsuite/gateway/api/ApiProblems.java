package dev.signingsuite.gateway.api;

import dev.signingsuite.gateway.intake.IntakeRejectedException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as {@code application/problem+json}, never a stack trace: Spring's own (missing or
 * malformed parameters 400, upload over the multipart limits 413, …) from the base class, the
 * gateway's below.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    private final MultipartRefusals refusals;

    ApiProblems(MultipartRefusals refusals) {
        this.refusals = refusals;
    }

    @ExceptionHandler(IntakeRejectedException.class)
    ResponseEntity<Object> rejected(IntakeRejectedException e) {
        HttpStatus status = switch (e.reason()) {
            case SIGNER_NOT_ALLOWED -> HttpStatus.FORBIDDEN;
            case DOCUMENT_TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            default -> HttpStatus.BAD_REQUEST;
        };
        String title = switch (e.reason()) {
            case SIGNER_NOT_ALLOWED -> "Signer not allowed";
            case DOCUMENT_TOO_LARGE -> "Document too large";
            case INVALID_FILE_NAME -> "Invalid file name";
            default -> "Invalid document";
        };
        return render(new ApiProblem(status, title, e.getMessage(), e.reason()));
    }

    /** A malformed or truncated multipart body; limits are {@link #handleMaxUploadSizeExceededException}'s. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> malformedUpload(MultipartException e) {
        log.debug("Unreadable upload", e);
        return render(ApiProblem.badRequest("the multipart body cannot be read; is it complete?"));
    }

    /** Every multipart limit Tomcat enforces, named as the limit it is. */
    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            MaxUploadSizeExceededException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return render(refusals.problemFor(e));
    }

    /** An unknown value of a parameter names the values there are (ApiValues). */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        String name = e.getPropertyName() == null ? "a parameter" : e.getPropertyName();
        String detail = cause instanceof IllegalArgumentException && cause.getMessage() != null
                ? name + ": " + cause.getMessage()
                : name + " has an invalid value";
        return render(ApiProblem.badRequest(detail));
    }

    @ExceptionHandler(UncheckedIOException.class)
    ResponseEntity<Object> storageUnavailable(UncheckedIOException e) {
        log.warn("Storage failed: {}", e.getMessage());
        return render(new ApiProblem(
                HttpStatus.SERVICE_UNAVAILABLE, "Storage unavailable", "the document could not be stored; try again"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Request failed", e);
        return render(new ApiProblem(
                HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "the request failed inside the gateway"));
    }

    private static ResponseEntity<Object> render(ApiProblem problem) {
        ProblemDetail body = problem.getBody();
        return ResponseEntity.status(problem.getStatusCode()).body(body);
    }
}
