package dev.signingsuite.gateway.operator;

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
 * re-authorisation is needed, and the button that starts the person's login. The login and its
 * callback are provider-eparaksts's ({@code /eparaksts/login}, {@code /eparaksts/callback}): the
 * token never passes through the gateway. Not behind the API key: bind the gateway to a network
 * only operators reach, or put the page behind the operator's own access control.
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

    private String html(String headline, String details, boolean loginFirst) {
        String login = provider + "/eparaksts/login";
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>eParaksts eZīmogs+</title>"
                + "</head><body><h1>eParaksts eZīmogs+ cloud</h1><p id=\"state\"><strong>"
                + HtmlUtils.htmlEscape(headline) + "</strong></p><pre id=\"details\">" + HtmlUtils.htmlEscape(details)
                + "</pre><p><a id=\"login\" href=\"" + HtmlUtils.htmlEscape(login) + "\">"
                + (loginFirst ? "Log in with eParaksts to authorise sealing" : "Log in again") + "</a></p>"
                + "</body></html>";
    }
}
