package dev.signingsuite.gateway.operator;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
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
 * provider-csc server to server (see {@link ProviderRelay}). Not behind the API key: bind the gateway to a network only operators reach.
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

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ProviderRelay relay;

    CscOperatorPage(OperatorProperties properties) {
        this.relay = new ProviderRelay(
                "provider-csc",
                properties.cscUrl(),
                new OperatorHtml(
                        "CSC remote signing",
                        "CSC remote signing service",
                        "/operator/csc/login",
                        "Log in at the CSC service to authorise it"));
    }

    @GetMapping(path = "/operator/csc", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page() {
        Optional<String> approvals = approvals();
        Optional<HttpResponse<String>> answer = relay.get("/csc/authorisation");
        if (approvals.isEmpty() || answer.isEmpty()) {
            return relay.notAnswering();
        }
        if (answer.get().statusCode() == 404) {
            // provider-csc authenticates itself (client credentials, auth/login): nothing to do here.
            return ResponseEntity.ok(relay.html()
                    .renderWithoutLogin(
                            "provider-csc signs with its own credentials",
                            "Nothing to do for the service's authorisation: no person logs in for it."
                                    + (approvals.get().isEmpty()
                                            ? ""
                                            : " Documents that wait for an approval are listed below."),
                            Map.of(),
                            approvals.get()));
        }
        AuthorisationState now = AuthorisationState.read(answer.get().body());
        boolean authorised = answer.get().statusCode() == 200 && now.authorised();
        String html = authorised
                ? relay.html()
                        .render(
                                "The CSC service is authorised",
                                "Nothing to do for the service's authorisation."
                                        + (now.renews() == Boolean.TRUE ? "" : " Log in again before it expires."),
                                now.details(),
                                false)
                : relay.html()
                        .render(
                                "The CSC service is not authorised",
                                "Log in at the CSC service (the link below): documents wait until then.",
                                now.details(),
                                true);
        return ResponseEntity.ok(html.replace(OperatorHtml.LOCAL_TIMES, approvals.get() + OperatorHtml.LOCAL_TIMES));
    }

    /**
     * The approvals section: each pending group of documents with its "Approve N documents" link;
     * blank when provider-csc takes no approvals, empty when it does not answer.
     */
    private Optional<String> approvals() {
        Optional<HttpResponse<String>> answer = relay.get("/csc/approvals");
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        if (answer.get().statusCode() != 200) {
            return Optional.of("");
        }
        StringBuilder html =
                new StringBuilder("<h2>Documents waiting for a person's approval</h2><ul id=\"approvals\">");
        int listed = 0;
        for (JsonNode approval : JSON.readTree(answer.get().body())) {
            String id = approval.path("id").asString();
            int documents = approval.path("documents").asInt();
            String state = approval.path("state").asString();
            html.append("<li class=\"approval\" data-state=\"")
                    .append(HtmlUtils.htmlEscape(state))
                    .append("\">")
                    .append(HtmlUtils.htmlEscape(approval.path("subject").asString()))
                    .append(": ")
                    .append(OperatorHtml.documents(documents))
                    .append(", ")
                    .append(HtmlUtils.htmlEscape(stateInWords(state)));
            if (approval.path("expiresAt").isString()) {
                try {
                    html.append(", until ")
                            .append(OperatorHtml.time(
                                    Instant.parse(approval.get("expiresAt").asString())));
                } catch (java.time.format.DateTimeParseException e) {
                    // an unreadable expiry is left out
                }
            }
            if ("WAITING".equals(state) || "STARTED".equals(state)) {
                html.append(" <a class=\"approve\" href=\"/operator/csc/approvals/")
                        .append(HtmlUtils.htmlEscape(URLEncoder.encode(id, StandardCharsets.UTF_8)))
                        .append("\">Approve ")
                        .append(OperatorHtml.documents(documents))
                        .append("</a>");
            }
            html.append("</li>");
            listed++;
        }
        if (listed == 0) {
            html.append("<li>none</li>");
        }
        return Optional.of(html.append("</ul>").toString());
    }

    private static String stateInWords(String state) {
        return switch (state) {
            case "WAITING" -> "waiting for approval";
            case "STARTED" -> "approval started, not finished";
            default -> state.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }

    /** Starts a person's approval of one group: provider-csc's redirect to the service, passed on. */
    @GetMapping("/operator/csc/approvals/{id}")
    ResponseEntity<String> approve(@PathVariable String id) {
        return relay.redirect(
                "/csc/approvals/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/start",
                "provider-csc did not start the approval",
                "No such approval",
                "It was approved already, has expired, or the link is wrong: the waiting approvals are"
                        + " listed on /operator/csc.");
    }

    /** Starts the login: the provider's redirect to the service (with its state and PKCE challenge), passed on. */
    @GetMapping("/operator/csc/login")
    ResponseEntity<String> login() {
        return relay.redirect("/csc/login", "provider-csc did not start a login");
    }

    @GetMapping(path = "/csc/callback", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> callback(HttpServletRequest request) {
        return relay.callback("/csc/callback", request, "/operator/csc", "The CSC service is not authorised");
    }
}
