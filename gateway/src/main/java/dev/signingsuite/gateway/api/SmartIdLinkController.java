package dev.signingsuite.gateway.api;

import dev.signingsuite.gateway.status.DocumentRecord;
import dev.signingsuite.gateway.status.DocumentStatus;
import dev.signingsuite.gateway.status.StatusStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Smart-ID device link of a document whose signer chooses the certificate on the phone
 * (status AWAITING_SCAN). The link carries an authCode built with a secret only provider-smartid
 * holds; the gateway relays it server to server, so the browser only ever talks to the gateway. A QR
 * link ages by the second: show each for one second only and fetch a fresh one (reference §8.1).
 */
@RestController
class SmartIdLinkController {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The current links: {@code qr} always, {@code web2App} when provider-smartid has a callback. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record DeviceLink(String documentId, String qr, String web2App, long elapsedSeconds, long refreshAfterMs) {}

    private final StatusStore store;
    private final PersonLinks personLinks;
    private final PersonReturns returns;
    private final URI provider;

    SmartIdLinkController(
            StatusStore store, SmartIdLinkProperties properties, PersonLinks personLinks, PersonReturns returns) {
        this.store = store;
        this.personLinks = personLinks;
        this.returns = returns;
        String base = properties.providerUrl() == null
                ? null
                : properties.providerUrl().toString();
        this.provider = base == null ? null : URI.create(base.endsWith("/") ? base : base + "/");
    }

    @Operation(summary = "The current Smart-ID device link (fresh authCode) of a document waiting for a scan")
    @GetMapping(path = "/v1/documents/{documentId}/smartid/link", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DeviceLink> link(
            @Parameter(hidden = true) @RequestAttribute(ApiKeyFilter.TENANT) String tenantId,
            @PathVariable String documentId) {
        DocumentRecord document =
                store.find(tenantId, documentId).orElseThrow(() -> ApiProblem.notFound("no document " + documentId));
        requireAwaitingScan(document);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(fetch(documentId));
    }

    @Operation(summary = "A page that shows the document's Smart-ID QR code, refreshed every second")
    @GetMapping(path = "/v1/documents/{documentId}/smartid/page", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(
            @Parameter(hidden = true) @RequestAttribute(ApiKeyFilter.TENANT) String tenantId,
            @PathVariable String documentId) {
        return pageOf(
                store.find(tenantId, documentId).orElseThrow(() -> ApiProblem.notFound("no document " + documentId)));
    }

    /**
     * The same page for the person, without the API key: the link's capability names the document
     * (the status's {@code personPageUrl}). Not part of the API description: a person opens it (a
     * one-time signing person opens {@link OnetimeLoginPage}). Once the document is finished,
     * a browser sent by an e-service goes back to the callback URL kept for it (digest signing).
     */
    @Operation(hidden = true)
    @GetMapping(path = PersonLinks.SMARTID_PAGE + "{capability}")
    ResponseEntity<String> personPage(
            @PathVariable String capability,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        Optional<PersonLinks.Capability> named = personLinks.verify(capability);
        if (named.isEmpty()) {
            if (accept == null || !accept.contains(MediaType.TEXT_HTML_VALUE)) {
                throw new ApiProblem(
                        HttpStatus.FORBIDDEN,
                        "Link not valid",
                        "this link was altered or has expired: ask the sender for a new one");
            }
            // A person's browser: a page in words, not problem+json.
            return ResponseEntity.status(HttpStatus.FORBIDDEN)
                    .cacheControl(CacheControl.noStore())
                    .contentType(MediaType.TEXT_HTML)
                    .body(html(
                            false,
                            "<p id=\"status\">This link is not valid</p><p id=\"next\">It was altered or has"
                                    + " expired. Ask whoever sent it for a new link.</p>",
                            "Sign with Smart-ID"));
        }
        DocumentRecord document = store.find(named.get().tenantId(), named.get().documentId())
                .orElseThrow(
                        () -> ApiProblem.notFound("no document " + named.get().documentId()));
        Optional<URI> back = document.status().terminal() ? returns.returnTo(document) : Optional.empty();
        if (back.isPresent()) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER)
                    .cacheControl(CacheControl.noStore())
                    .location(back.get())
                    .build();
        }
        return pageOf(document);
    }

    private ResponseEntity<String> pageOf(DocumentRecord document) {
        String documentId = document.id();
        String body;
        boolean refresh = !document.status().terminal();
        if (document.status() == DocumentStatus.AWAITING_SCAN) {
            DeviceLink link = fetch(documentId);
            body = "<p id=\"status\">Waiting for you to scan the code</p><p id=\"next\">Scan the code with the"
                    + " Smart-ID app to choose your certificate.</p>" + QrCodes.svg(link.qr())
                    + "<p><code id=\"link\">" + HtmlUtils.htmlEscape(link.qr()) + "</code></p>"
                    + (link.web2App() == null
                            ? ""
                            : "<p><a id=\"web2app\" href=\"" + HtmlUtils.htmlEscape(link.web2App())
                                    + "\">Open the Smart-ID app on this device</a></p>");
        } else {
            body = "<p id=\"status\">" + HtmlUtils.htmlEscape(inWords(document)) + "</p><p id=\"next\">"
                    + HtmlUtils.htmlEscape(next(document)) + "</p>"
                    + (document.status() == DocumentStatus.SIGNATURE_REQUESTED && document.verificationCode() != null
                            ? "<p>Verification code: <strong id=\"code\">"
                                    + HtmlUtils.htmlEscape(document.verificationCode()) + "</strong></p>"
                            : "");
        }
        body += "<p>Document: <span id=\"file\">" + HtmlUtils.htmlEscape(String.valueOf(document.fileName()))
                + "</span>, updated <time id=\"updated\" datetime=\"" + document.updatedAt() + "\">"
                + document.updatedAt() + "</time></p>";
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.TEXT_HTML)
                .body(html(refresh, body, "Sign with Smart-ID"));
    }

    // Reloaded each second while the document is not finished: a QR code is never older than that.
    private static String html(boolean refresh, String body, String title) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width\">"
                + (refresh ? "<meta http-equiv=\"refresh\" content=\"1\">" : "")
                + "<title>" + title + "</title><style>body{font-family:sans-serif;max-width:40em;margin:2em auto;"
                + "padding:0 1em}#status{font-size:1.25em;font-weight:bold}</style></head><body><h1>" + title
                + "</h1>" + body + LOCAL_TIMES + "</body></html>";
    }

    /** Shows the {@code <time>} elements in the browser's own time zone. */
    private static final String LOCAL_TIMES = "<script>for(const t of document.querySelectorAll('time[datetime]')){"
            + "const d=new Date(t.getAttribute('datetime'));if(!isNaN(d)){t.textContent=d.toLocaleString(undefined,"
            + "{year:'numeric',month:'short',day:'numeric',hour:'2-digit',minute:'2-digit',second:'2-digit',timeZoneName:'short'});}}</script>";

    private static String inWords(DocumentRecord document) {
        return switch (document.status()) {
            case RECEIVED -> "Being prepared";
            case AWAITING_PERSON -> "Waiting for an approval";
            case AWAITING_SCAN -> "Waiting for you to scan the code";
            case SIGNATURE_REQUESTED -> "Waiting for your confirmation in the Smart-ID app";
            case ASSEMBLED -> "Signed";
            case FAILED -> "Not signed";
        };
    }

    private static String next(DocumentRecord document) {
        return switch (document.status()) {
            case RECEIVED, AWAITING_PERSON ->
                "Keep this page open: it changes by itself when there is something to do.";
            case AWAITING_SCAN -> "Scan the code with the Smart-ID app.";
            case SIGNATURE_REQUESTED ->
                "Check that the app shows the verification code below, then enter your PIN2 in the app.";
            case ASSEMBLED -> "Nothing more to do: you can close this page.";
            case FAILED ->
                "Nothing more happens with this document"
                        + (document.failure() == null ? "" : " (" + reason(document.failure()) + ")")
                        + ". Ask the sender if it should be signed again.";
        };
    }

    private static String reason(DocumentRecord.Failure failure) {
        return switch (failure.reason()) {
            case USER_REFUSED -> "the signature was refused in the app";
            case TIMEOUT -> "no answer in time";
            case WRONG_VC -> "a wrong verification code was chosen";
            default ->
                failure.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }

    private static void requireAwaitingScan(DocumentRecord document) {
        if (document.status() != DocumentStatus.AWAITING_SCAN) {
            throw new ApiProblem(
                    HttpStatus.CONFLICT,
                    "Not waiting for a scan",
                    "document " + document.id() + " is " + document.status()
                            + ": it does not wait for a Smart-ID device-link scan");
        }
    }

    private DeviceLink fetch(String documentId) {
        if (provider == null) {
            throw new ApiProblem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Smart-ID links unavailable",
                    "signing.gateway.smartid.provider-url is not configured");
        }
        HttpResponse<String> answer;
        try {
            answer = HTTP.send(
                    HttpRequest.newBuilder(provider.resolve("internal/smartid/device-links/" + documentId))
                            .header("Accept", "application/json")
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiProblem(HttpStatus.BAD_GATEWAY, "Provider unavailable", "provider-smartid does not answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Interrupted", "interrupted");
        }
        if (answer.statusCode() == 404) {
            // E.g. provider-smartid restarted: the session's secret is gone, the document will time out.
            throw new ApiProblem(
                    HttpStatus.CONFLICT,
                    "No device link",
                    "provider-smartid holds no open certificate choice of document " + documentId);
        }
        if (answer.statusCode() != 200) {
            throw new ApiProblem(
                    HttpStatus.BAD_GATEWAY,
                    "Provider error",
                    "provider-smartid answered " + answer.statusCode() + " for the device link");
        }
        JsonNode links = JSON.readTree(answer.body());
        String qr = links.path("qr").isString() ? links.get("qr").stringValue() : null;
        if (qr == null) {
            throw new ApiProblem(HttpStatus.BAD_GATEWAY, "Provider error", "provider-smartid answered no QR link");
        }
        return new DeviceLink(
                documentId,
                qr,
                links.path("web2App").isString() ? links.get("web2App").stringValue() : null,
                links.path("elapsedSeconds").asLong(0),
                1000);
    }
}
