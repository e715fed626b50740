package dev.signingsuite.provider.smartid.devicelink;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /internal/smartid/device-links/{documentId}}: the current device links of a document
 * waiting for its certificate choice, each call with a fresh authCode (QR links age by the second).
 * Internal: only the gateway calls it, server to server; the person's browser never reaches this
 * service. Bind it to a network only the gateway reaches.
 */
@RestController
class DeviceLinkEndpoint {

    private final ChoiceSessions choices;

    DeviceLinkEndpoint(ChoiceSessions choices) {
        this.choices = choices;
    }

    @GetMapping(path = "/internal/smartid/device-links/{documentId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> links(@PathVariable String documentId) {
        return choices.links(documentId)
                .<ResponseEntity<?>>map(links -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("documentId", documentId);
                    body.put("sessionId", links.sessionId());
                    body.put("elapsedSeconds", links.elapsedSeconds());
                    body.put("qr", links.qr());
                    if (links.web2App() != null) {
                        body.put("web2App", links.web2App());
                    }
                    return ResponseEntity.ok()
                            .header("Cache-Control", "no-store")
                            .body(body);
                })
                .orElseGet(() -> {
                    ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                            HttpStatus.NOT_FOUND, "no certificate choice of document " + documentId + " is open here");
                    problem.setTitle("No open certificate choice");
                    return ResponseEntity.status(HttpStatus.NOT_FOUND)
                            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                            .body(problem);
                });
    }
}
