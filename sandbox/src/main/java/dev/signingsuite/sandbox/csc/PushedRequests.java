package dev.signingsuite.sandbox.csc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pushed authorisation requests (RFC 9126; CSC API v2 section 8.4.3): the client's authorize
 * parameters kept under a single-use {@code request_uri} that the browser then carries alone.
 */
final class PushedRequests {

    /** LVRTC's request_uri lives 60 s (eparaksts.md section 12). */
    static final Duration LIFETIME = Duration.ofSeconds(60);

    private record Pushed(Map<String, String> parameters, Instant expiresAt) {}

    private final Clock clock;
    private final Map<String, Pushed> pushed = new ConcurrentHashMap<>();

    PushedRequests(Clock clock) {
        this.clock = clock;
    }

    /** The answer to {@code oauth2/pushed_authorize} of an authenticated client (status 201). */
    Map<String, Object> push(Map<String, String> form, String clientId) {
        if (form.containsKey("request_uri")) {
            throw CscError.invalidRequest("request_uri is not allowed in a pushed authorization request");
        }
        Map<String, String> parameters = new LinkedHashMap<>(form);
        parameters.remove("client_secret");
        parameters.put("client_id", clientId);
        String uri = "urn:ietf:params:oauth:request_uri:" + Authorizations.randomValue();
        pushed.put(uri, new Pushed(Map.copyOf(parameters), clock.instant().plus(LIFETIME)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("request_uri", uri);
        answer.put("expires_in", LIFETIME.toSeconds());
        return answer;
    }

    /** The parameters pushed under the query's {@code request_uri}, once, before it expires, for its client. */
    Map<String, String> pull(Map<String, String> query) {
        Pushed request = pushed.remove(query.get("request_uri"));
        if (request == null
                || !clock.instant().isBefore(request.expiresAt())
                || !request.parameters().get("client_id").equals(query.get("client_id"))) {
            throw CscError.invalid("request_uri");
        }
        return request.parameters();
    }
}
