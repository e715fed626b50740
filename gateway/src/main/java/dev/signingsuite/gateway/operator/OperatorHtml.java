package dev.signingsuite.gateway.operator;

import org.springframework.web.util.HtmlUtils;

/**
 * The one operator page shape, shared by the providers' pages: a state line, the provider's own
 * status text, and the login link. Tests and people find the parts by their ids.
 *
 * @param title the browser tab's title
 * @param heading the page heading
 * @param loginPath where the login link points on the gateway
 * @param firstLogin the link's text while no authorisation is in place
 */
record OperatorHtml(String title, String heading, String loginPath, String firstLogin) {

    String render(String headline, String details, boolean loginFirst) {
        return page(
                headline,
                details,
                "<p><a id=\"login\" href=\"" + HtmlUtils.htmlEscape(loginPath) + "\">"
                        + HtmlUtils.htmlEscape(loginFirst ? firstLogin : "Log in again") + "</a></p>");
    }

    /** For a provider that authenticates itself: a login link would only lead to an error. */
    String renderWithoutLogin(String headline, String details) {
        return page(headline, details, "");
    }

    private String page(String headline, String details, String login) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + HtmlUtils.htmlEscape(title) + "</title></head><body><h1>" + HtmlUtils.htmlEscape(heading)
                + "</h1><p id=\"state\"><strong>" + HtmlUtils.htmlEscape(headline) + "</strong></p><pre id=\"details\">"
                + HtmlUtils.htmlEscape(details) + "</pre>" + login + "</body></html>";
    }
}
