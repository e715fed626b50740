package dev.signingsuite.gateway.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * An RFC 9457 body written where Spring MVC does not run (Tomcat's error reporting, the error
 * page): the same members {@link ApiProblem} has, so a client parses every error alike.
 */
final class ProblemJson {

    static final String CONTENT_TYPE = "application/problem+json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemJson() {}

    static String of(int status, String detail, String instance) {
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", known == null ? "Error" : known.getReasonPhrase());
        problem.put("status", status);
        problem.put("detail", detail);
        if (instance != null) {
            problem.put("instance", instance);
        }
        return JSON.writeValueAsString(problem);
    }

    /** What Tomcat says about a request it refused, without echoing what the client sent. */
    static String detailOf(int status, Throwable cause) {
        String message = cause == null ? null : cause.getMessage();
        if (message != null && !message.isBlank()) {
            // Tomcat quotes the offending input in brackets ("Invalid character found in [...]").
            int quoted = message.indexOf('[');
            String plain = (quoted < 0 ? message : message.substring(0, quoted)).strip();
            if (!plain.isEmpty()) {
                return plain.length() > 200 ? plain.substring(0, 200) : plain;
            }
        }
        HttpStatus known = HttpStatus.resolve(status);
        return known != null && known.is4xxClientError()
                ? "the request cannot be processed: " + known.getReasonPhrase()
                : "the request failed inside the gateway";
    }
}
