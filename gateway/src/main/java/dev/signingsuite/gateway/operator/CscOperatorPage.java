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
 * {@code /operator/csc}: whether the CSC service authorisation ({@code scope=service}) a person
 * gave is in place, and the link that starts the person's login, as for eParaksts (see {@link
 * EparakstsOperatorPage}): {@code /operator/csc/login} relays provider-csc's redirect to the
 * service's {@code oauth2/authorize}; the service sends the browser back to the gateway's {@code
 * /csc/callback} (the redirect URI registered with the service), which hands code and state to
 * provider-csc server to server. The provider exchanges the code; the tokens never pass through the
 * gateway. Not behind the API key: bind the gateway to a network only operators reach.
 */
@RestController
@ConditionalOnProperty("signing.gateway.operator.csc-url")
class CscOperatorPage {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI provider;

    CscOperatorPage(OperatorProperties properties) {
        String base = properties.cscUrl().toString();
        this.provider = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    @GetMapping(path = "/operator/csc", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page() {
        String status;
        boolean authorised;
        try {
            HttpResponse<String> answer = HTTP.send(
                    HttpRequest.newBuilder(URI.create(provider + "/csc/authorisation"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            status = answer.body();
            if (answer.statusCode() == 404) {
                // provider-csc authenticates itself (client credentials, auth/login): nothing to do here.
                return ResponseEntity.ok(html(
                        "provider-csc authenticates itself; no operator authorisation is used",
                        "signing.csc.operator-redirect-uri is not set",
                        false));
            }
            authorised = answer.statusCode() == 200 && status.contains("\"AUTHORISED\"");
        } catch (IOException e) {
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(html("provider-csc does not answer", "", false));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        }
        String headline = authorised ? "CSC service authorisation in place" : "Re-authorisation needed";
        return ResponseEntity.ok(html(headline, status, !authorised));
    }

    /** Starts the login: the provider's redirect to the service (with its state and PKCE challenge), passed on. */
    @GetMapping("/operator/csc/login")
    ResponseEntity<String> login() {
        try {
            HttpResponse<String> answer = HTTP.send(
                    HttpRequest.newBuilder(URI.create(provider + "/csc/login"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.headers()
                    .firstValue("Location")
                    .filter(location -> answer.statusCode() == 302)
                    .map(location -> ResponseEntity.status(HttpStatus.FOUND)
                            .location(URI.create(location))
                            .<String>build())
                    .orElseGet(() -> unavailable("provider-csc did not start a login"));
        } catch (IOException e) {
            return unavailable("provider-csc does not answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        }
    }

    /**
     * The service's redirect after the person's login: code and state (or error) go to the
     * provider as they came; the browser then sees the operator page again, or what went wrong.
     */
    @GetMapping(path = "/csc/callback", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> callback(HttpServletRequest request) {
        String query = request.getQueryString() == null ? "" : request.getQueryString();
        try {
            HttpResponse<String> answer = HTTP.send(
                    HttpRequest.newBuilder(URI.create(provider + "/csc/callback?" + query))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                return ResponseEntity.status(HttpStatus.SEE_OTHER)
                        .location(URI.create("/operator/csc"))
                        .build();
            }
            HttpStatus status = answer.statusCode() == 400 || answer.statusCode() == 403
                    ? HttpStatus.valueOf(answer.statusCode())
                    : HttpStatus.BAD_GATEWAY;
            return ResponseEntity.status(status)
                    .contentType(MediaType.TEXT_HTML)
                    .body(html("The login did not authorise the CSC service", answer.body(), true));
        } catch (IOException e) {
            return unavailable("provider-csc does not answer");
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
        String login = "/operator/csc/login";
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>CSC remote signing</title>"
                + "</head><body><h1>CSC remote signing service</h1><p id=\"state\"><strong>"
                + HtmlUtils.htmlEscape(headline) + "</strong></p><pre id=\"details\">" + HtmlUtils.htmlEscape(details)
                + "</pre><p><a id=\"login\" href=\"" + HtmlUtils.htmlEscape(login) + "\">"
                + (loginFirst ? "Log in at the CSC service to authorise it" : "Log in again") + "</a></p>"
                + "</body></html>";
    }
}
