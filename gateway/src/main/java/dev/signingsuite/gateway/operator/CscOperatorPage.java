package dev.signingsuite.gateway.operator;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /operator/csc}: whether the CSC service authorisation ({@code scope=service}) a person
 * gave is in place, and the link that starts the person's login, as for eParaksts (see {@link
 * EparakstsOperatorPage}): {@code /operator/csc/login} relays provider-csc's redirect to the
 * service's {@code oauth2/authorize}; the service sends the browser back to the gateway's {@code
 * /csc/callback} (the redirect URI registered with the service), which hands code and state to
 * provider-csc server to server. The provider exchanges the code; the tokens never pass through the
 * gateway. Not behind the API key: bind the gateway to a network only operators reach.
 *
 * <p>It also lists the groups of documents that wait for a person's approval of an {@code
 * oauth2code} credential ({@code scope=credential}, provider-csc's {@code /csc/approvals}), each with
 * an "Approve N documents" link: {@code /operator/csc/approvals/{id}} relays provider-csc's redirect
 * to {@code oauth2/authorize} with the group's hashes, and the service's redirect comes back through
 * the same {@code /csc/callback} (provider-csc tells the two logins apart by their state).
 */
@RestController
@ConditionalOnProperty("signing.gateway.operator.csc-url")
class CscOperatorPage {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI provider;

    CscOperatorPage(OperatorProperties properties) {
        String base = properties.cscUrl().toString();
        this.provider = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    @GetMapping(path = "/operator/csc", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page() {
        String approvals;
        try {
            approvals = approvals();
        } catch (IOException e) {
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(html("provider-csc does not answer", "", false));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        }
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
                                false)
                        .replace("</body>", approvals + "</body>"));
            }
            authorised = answer.statusCode() == 200 && status.contains("\"AUTHORISED\"");
        } catch (IOException e) {
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(html("provider-csc does not answer", "", false));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        }
        String headline = authorised ? "CSC service authorisation in place" : "Re-authorisation needed";
        return ResponseEntity.ok(html(headline, status, !authorised).replace("</body>", approvals + "</body>"));
    }

    /**
     * The approvals section: each pending group of documents with its "Approve N documents" link;
     * empty when provider-csc takes no approvals.
     */
    private String approvals() throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create(provider + "/csc/approvals"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            return "";
        }
        StringBuilder html =
                new StringBuilder("<h2>Documents waiting for a person's approval</h2><ul id=\"approvals\">");
        int listed = 0;
        for (JsonNode approval : JSON.readTree(answer.body())) {
            String id = approval.path("id").asString();
            int documents = approval.path("documents").asInt();
            String state = approval.path("state").asString();
            html.append("<li class=\"approval\" data-state=\"")
                    .append(HtmlUtils.htmlEscape(state))
                    .append("\">")
                    .append(HtmlUtils.htmlEscape(approval.path("credentialId").asString()))
                    .append(": ")
                    .append(documents)
                    .append(" documents (")
                    .append(HtmlUtils.htmlEscape(state))
                    .append(")");
            if ("WAITING".equals(state) || "STARTED".equals(state)) {
                html.append(" <a class=\"approve\" href=\"/operator/csc/approvals/")
                        .append(HtmlUtils.htmlEscape(URLEncoder.encode(id, StandardCharsets.UTF_8)))
                        .append("\">Approve ")
                        .append(documents)
                        .append(" documents</a>");
            }
            html.append("</li>");
            listed++;
        }
        if (listed == 0) {
            html.append("<li>none</li>");
        }
        return html.append("</ul>").toString();
    }

    /** Starts a person's approval of one group: provider-csc's redirect to the service, passed on. */
    @GetMapping("/operator/csc/approvals/{id}")
    ResponseEntity<String> approve(@PathVariable String id) {
        return relayRedirect(
                "/csc/approvals/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/start",
                "provider-csc holds no such pending approval");
    }

    /** Starts the login: the provider's redirect to the service (with its state and PKCE challenge), passed on. */
    @GetMapping("/operator/csc/login")
    ResponseEntity<String> login() {
        return relayRedirect("/csc/login", "provider-csc did not start a login");
    }

    private ResponseEntity<String> relayRedirect(String path, String otherwise) {
        try {
            HttpResponse<String> answer = HTTP.send(
                    HttpRequest.newBuilder(URI.create(provider + path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.headers()
                    .firstValue("Location")
                    .filter(location -> answer.statusCode() == 302)
                    .map(location -> ResponseEntity.status(HttpStatus.FOUND)
                            .location(URI.create(location))
                            .<String>build())
                    .orElseGet(() -> unavailable(otherwise));
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
