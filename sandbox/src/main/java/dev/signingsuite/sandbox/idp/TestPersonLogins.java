package dev.signingsuite.sandbox.idp;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sandbox only: a test person who logs in at once, as Smart-ID's demo accounts confirm at once. The
 * standalone suite has no person at a browser, so provider-onetime (configured with {@code
 * signing.onetime.login.automatic.person}) hands its authorization URL here and this identity
 * provider's {@link PersonBrowser} plays the person's browser against itself: the service needs no
 * browser of its own and never sees the password. The answer is where the browser was sent at the
 * end (the client's redirect URI with {@code code} and {@code state}, or {@code error}).
 */
@RestController
class TestPersonLogins {

    /** Where provider-onetime posts, under the issuer. */
    static final String PATH = "/sandbox/test-person/login";

    @PostMapping(path = PATH, produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> logIn(
            @RequestParam String person, @RequestParam URI authorizationUrl, HttpServletRequest request)
            throws IOException {
        // Only this provider's own authorization endpoint: the sandbox must not browse anywhere it is told.
        if (!"127.0.0.1".equals(authorizationUrl.getHost()) || authorizationUrl.getPort() != request.getLocalPort()) {
            return answer(
                    HttpStatus.BAD_REQUEST, "authorizationUrl is not this identity provider's: " + authorizationUrl);
        }
        IdpPersons.Person known = IdpPersons.find(person).orElse(null);
        if (known == null) {
            return answer(HttpStatus.NOT_FOUND, "no test person " + person);
        }
        try {
            return ResponseEntity.ok(new PersonBrowser()
                    .logIn(authorizationUrl, known.identifier(), known.password())
                    .toString());
        } catch (IllegalStateException e) {
            return answer(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        }
    }

    private static ResponseEntity<String> answer(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(message);
    }
}
