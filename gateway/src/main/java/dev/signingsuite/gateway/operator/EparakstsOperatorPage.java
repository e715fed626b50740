package dev.signingsuite.gateway.operator;

import jakarta.servlet.http.HttpServletRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /operator/eparaksts}: whether the eZīmogs+ seal authorisation is in place or
 * re-authorisation is needed, and the button that starts the person's login.
 *
 * <p>{@code /operator/eparaksts/login} relays provider-eparaksts's redirect to the platform's login,
 * and the platform sends the browser back to the gateway's {@code /eparaksts/callback} (the redirect
 * URI registered with the platform), which hands code and state to provider-eparaksts server to
 * server (see {@link ProviderRelay}). Not behind the API key: bind the gateway to a network only
 * operators reach, or put these pages behind the operator's own access control.
 */
@RestController
@ConditionalOnProperty("signing.gateway.operator.eparaksts-url")
class EparakstsOperatorPage {

    private final ProviderRelay relay;

    EparakstsOperatorPage(OperatorProperties properties) {
        this.relay = new ProviderRelay(
                "provider-eparaksts",
                properties.eparakstsUrl(),
                new OperatorHtml(
                        "eParaksts eZīmogs+",
                        "eParaksts eZīmogs+ cloud",
                        "/operator/eparaksts/login",
                        "Log in with eParaksts to authorise sealing"));
    }

    @GetMapping(path = "/operator/eparaksts", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page() {
        Optional<HttpResponse<String>> answer = relay.get("/eparaksts/authorisation");
        if (answer.isEmpty()) {
            return relay.notAnswering();
        }
        AuthorisationState now = AuthorisationState.read(answer.get().body());
        boolean authorised = answer.get().statusCode() == 200 && now.authorised();
        return ResponseEntity.ok(
                authorised
                        ? relay.html()
                                .render(
                                        "Sealing is authorised",
                                        "Nothing to do now. Log in again before the authorisation expires to keep sealing"
                                                + " without a pause.",
                                        now.details(),
                                        false)
                        : relay.html()
                                .render(
                                        "Sealing is not authorised",
                                        "Log in with eParaksts (the link below): documents for the seal wait until then.",
                                        now.details(),
                                        true));
    }

    @GetMapping("/operator/eparaksts/login")
    ResponseEntity<String> login() {
        return relay.redirect("/eparaksts/login", "provider-eparaksts did not start a login");
    }

    @GetMapping(path = "/eparaksts/callback", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> callback(HttpServletRequest request) {
        return relay.callback("/eparaksts/callback", request, "/operator/eparaksts", "Sealing is not authorised");
    }
}
