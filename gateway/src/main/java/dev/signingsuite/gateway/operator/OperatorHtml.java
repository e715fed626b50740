package dev.signingsuite.gateway.operator;

import java.time.Instant;
import java.util.Map;
import org.springframework.web.util.HtmlUtils;

/**
 * The one operator page shape, shared by the providers' pages: the state in words ({@code #state}),
 * what to do next ({@code #next}), the details as labelled values ({@code #details}), and the login
 * link ({@code #login}). Times are {@code <time>} elements in UTC, which the page's script shows in
 * the browser's local time. Tests and people find the parts by their ids.
 *
 * @param title the browser tab's title
 * @param heading the page heading
 * @param loginPath where the login link points on the gateway
 * @param firstLogin the link's text while no authorisation is in place
 */
record OperatorHtml(String title, String heading, String loginPath, String firstLogin) {

    /** Shows every {@code <time datetime>} in the browser's own time zone and language. */
    static final String LOCAL_TIMES = "<script>for(const t of document.querySelectorAll('time[datetime]')){"
            + "const d=new Date(t.getAttribute('datetime'));if(!isNaN(d)){t.textContent=d.toLocaleString(undefined,"
            + "{year:'numeric',month:'short',day:'numeric',hour:'2-digit',minute:'2-digit',timeZoneName:'short'});t.title=t.getAttribute('datetime');}}"
            + "</script>";

    private static final String STYLE = "<style>body{font-family:sans-serif;max-width:46em;margin:2em auto;"
            + "padding:0 1em;line-height:1.4}#state{font-size:1.25em}dt{font-weight:bold;float:left;clear:left;"
            + "width:9em}dd{margin-left:10em}#login,.approve{display:inline-block;padding:.4em .8em;border:1px solid;"
            + "border-radius:4px;text-decoration:none}</style>";

    /** With the login link: its text says whether it is the first login or a renewal. */
    String render(String state, String next, Map<String, Object> details, boolean loginFirst) {
        return page(
                state,
                next,
                details,
                "<p><a id=\"login\" href=\"" + HtmlUtils.htmlEscape(loginPath) + "\">"
                        + HtmlUtils.htmlEscape(loginFirst ? firstLogin : "Log in again") + "</a></p>",
                "");
    }

    /** Without a login link (a provider that authenticates itself, an error), with {@code more} HTML after. */
    String renderWithoutLogin(String state, String next, Map<String, Object> details, String more) {
        return page(state, next, details, "", more);
    }

    String page(String state, String next, Map<String, Object> details, String login, String more) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width\"><title>")
                .append(HtmlUtils.htmlEscape(title))
                .append("</title>")
                .append(STYLE)
                .append("</head><body><h1>")
                .append(HtmlUtils.htmlEscape(heading))
                .append("</h1><p id=\"state\"><strong>")
                .append(HtmlUtils.htmlEscape(state))
                .append("</strong></p><p id=\"next\">")
                .append(HtmlUtils.htmlEscape(next))
                .append("</p>");
        if (!details.isEmpty()) {
            html.append("<dl id=\"details\">");
            details.forEach((label, value) -> html.append("<dt>")
                    .append(HtmlUtils.htmlEscape(label))
                    .append("</dt><dd>")
                    .append(value instanceof Instant at ? time(at) : HtmlUtils.htmlEscape(String.valueOf(value)))
                    .append("</dd>"));
            html.append("</dl>");
        }
        return html.append(login)
                .append(more)
                .append(LOCAL_TIMES)
                .append("</body></html>")
                .toString();
    }

    /** A time for the page's script to show locally; UTC until it runs. */
    static String time(Instant at) {
        return "<time datetime=\"" + at + "\">"
                + at.toString().replace('T', ' ').replace("Z", " UTC") + "</time>";
    }

    /** "1 document", "3 documents". */
    static String documents(int count) {
        return count + (count == 1 ? " document" : " documents");
    }
}
