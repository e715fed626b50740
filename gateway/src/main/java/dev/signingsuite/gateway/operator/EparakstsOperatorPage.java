package dev.signingsuite.gateway.operator;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code /operator/eparaksts}: whether the eZīmogs+ seal authorisation is in place or
 * re-authorisation is needed, and the button that starts the person's login.
 *
 * <p>The person's browser only ever talks to the gateway, the one service operators reach: {@code
 * /operator/eparaksts/login} relays provider-eparaksts's redirect to the platform's login, and the
 * platform sends the browser back to the gateway's {@code /eparaksts/callback} (the redirect URI
 * registered with the platform), which hands code and state to provider-eparaksts server to
 * server. The provider exchanges the code: the tokens never pass through the gateway. Not behind
 * the API key: bind the gateway to a network only operators reach, or put these pages behind the
 * operator's own access control.
 */
@RestController
@ConditionalOnProperty("signing.gateway.operator.eparaksts-url")
class EparakstsOperatorPage {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI provider;

    EparakstsOperatorPage(OperatorProperties properties) {
        String base = properties.eparakstsUrl().toString();
        this.provider = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    @GetMapping(path = "/operator/eparaksts", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page() {
        String status;
        boolean authorised;
        try {
            HttpResponse<String> answer = HTTP.send(
                    HttpRequest.newBuilder(URI.create(provider + "/eparaksts/authorisation"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            status = answer.body();
            authorised = answer.statusCode() == 200 && status.contains("\"AUTHORISED\"");
        } catch (IOException e) {
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
                    .body(html("provider-eparaksts does not answer", "", false));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        }
        String headline = authorised ? "Seal authorisation in place" : "Re-authorisation needed";
        return ResponseEntity.ok(html(headline, status, !authorised));
    }

    /** Starts the login: the provider's redirect to the platform (with its state), passed on. */
    @GetMapping("/operator/eparaksts/login")
    ResponseEntity<String> login() {
        try {
            HttpResponse<String> answer = HTTP.send(
                    HttpRequest.newBuilder(URI.create(provider + "/eparaksts/login"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.headers()
                    .firstValue("Location")
                    .filter(location -> answer.statusCode() == 302)
                    .map(location -> ResponseEntity.status(HttpStatus.FOUND)
                            .location(URI.create(location))
                            .<String>build())
                    .orElseGet(() -> unavailable("provider-eparaksts did not start a login"));
        } catch (IOException e) {
            return unavailable("provider-eparaksts does not answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        }
    }

    /**
     * The platform's redirect after the person's login: code and state (or error) go to the
     * provider as they came; the browser then sees the operator page again, or what went wrong.
     */
    @GetMapping(path = "/eparaksts/callback", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> callback(HttpServletRequest request) {
        String query = request.getQueryString() == null ? "" : request.getQueryString();
        try {
            HttpResponse<String> answer = HTTP.send(
                    HttpRequest.newBuilder(URI.create(provider + "/eparaksts/callback?" + query))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                return ResponseEntity.status(HttpStatus.SEE_OTHER)
                        .location(URI.create("/operator/eparaksts"))
                        .build();
            }
            HttpStatus status = answer.statusCode() == 400 || answer.statusCode() == 403
                    ? HttpStatus.valueOf(answer.statusCode())
                    : HttpStatus.BAD_GATEWAY;
            return ResponseEntity.status(status)
                    .contentType(MediaType.TEXT_HTML)
                    .body(html("The login did not authorise sealing", answer.body(), true));
        } catch (IOException e) {
            return unavailable("provider-eparaksts does not answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        }
    }

    private ResponseEntity<String> unavailable(String why) {
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
                .contentType(MediaType.TEXT_HTML)
                .body(html(why, "", false));
    }

    private String html(String headline, String details, boolean loginFirst) {
        String login = "/operator/eparaksts/login";
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>eParaksts eZīmogs+</title>"
                + "</head><body><h1>eParaksts eZīmogs+ cloud</h1><p id=\"state\"><strong>"
                + HtmlUtils.htmlEscape(headline) + "</strong></p><pre id=\"details\">" + HtmlUtils.htmlEscape(details)
                + "</pre><p><a id=\"login\" href=\"" + HtmlUtils.htmlEscape(login) + "\">"
                + (loginFirst ? "Log in with eParaksts to authorise sealing" : "Log in again") + "</a></p>"
                + "</body></html>";
    }
}
