package dev.signingsuite.provider.csc.authorisation;

import dev.signingsuite.provider.csc.client.OperatorAuthorisation;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's side of the CSC service authorisation ({@code scope=service}): {@code /csc/login}
 * sends the person to the service's {@code oauth2/authorize}, {@code /csc/authorisation} tells
 * whether a login is needed; the callback is {@link CallbackController}'s. Present only when {@code
 * signing.csc.operator-redirect-uri} is set. Bound to loopback in the standalone run; the person's
 * browser only meets the gateway.
 */
@RestController
@ConditionalOnProperty("signing.csc.operator-redirect-uri")
class OperatorLoginController {

    private final OperatorAuthorisation authorisation;

    OperatorLoginController(OperatorAuthorisation authorisation) {
        this.authorisation = authorisation;
    }

    @GetMapping("/csc/login")
    ResponseEntity<Void> login() {
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(authorisation.startLogin())
                .build();
    }

    @GetMapping("/csc/authorisation")
    OperatorAuthorisation.Status status() {
        return authorisation.status();
    }
}
