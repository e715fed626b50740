package dev.signingsuite.sandbox.smartid;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An RFC 9457 problem the simulator answers with, as the real service does. */
final class SmartIdProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Map<String, String>> errors;

    private SmartIdProblem(int status, String title, String detail, List<Map<String, String>> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = errors;
    }

    /** 400 "Invalid request parameters found" naming the faulty field by its JSON pointer. */
    static SmartIdProblem invalid(String pointer, String detail) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("detail", detail);
        error.put("paramName", pointer.substring(pointer.lastIndexOf('/') + 1));
        error.put("pointer", pointer);
        return new SmartIdProblem(400, "Bad Request", "Invalid request parameters found", List.of(error));
    }

    static SmartIdProblem of(int status, String title, String detail) {
        return new SmartIdProblem(status, title, detail, List.of());
    }

    static SmartIdProblem notFound() {
        return of(404, "Not Found", "Not found");
    }

    int status() {
        return status;
    }

    Map<String, Object> body(String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", getMessage());
        body.put("instance", instance);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        return body;
    }
}
