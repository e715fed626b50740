package dev.signingsuite.gateway.api;

import dev.signingsuite.gateway.status.DocumentRecord;
import dev.signingsuite.gateway.status.DocumentStatus;
import dev.signingsuite.gateway.status.StatusStore;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The page a one-time signer opens (the status's {@code personPageUrl}, without the API key: the
 * link's capability names the document): while the document waits for the person's login it shows
 * the identity provider's login link that provider-onetime published (ADR 28); the identity provider
 * sends the browser back to the gateway's {@code /onetime/callback}. Afterwards it says how the
 * document stands, or, for a digest signing with a callback URL, sends the browser back there (ADR
 * 29). Not part of the API description: a person opens it.
 */
@RestController
class OnetimeLoginPage {

    private final StatusStore store;
    private final PersonLinks links;
    private final PersonReturns returns;

    OnetimeLoginPage(StatusStore store, PersonLinks links, PersonReturns returns) {
        this.store = store;
        this.links = links;
        this.returns = returns;
    }

    /** What the page says where the two kinds of person differ. */
    private record Wording(String title, String actState, String actNext, String actLink) {}

    private static final Wording ONETIME = new Wording(
            "Sign with a one-time certificate",
            "Log in to sign",
            "Log in at the identity provider with your eID: a key and a certificate valid for a minute are"
                    + " made for you, and the document is signed with them. You come back here afterwards.",
            "Log in at the identity provider");

    private static final Wording DEVICE = new Wording(
            "Sign with your signing device",
            "Approve with your PIN",
            "Your registered signing device signs the document once you type its PIN at the signing"
                    + " service. You come back here afterwards.",
            "Approve at the signing service");

    @Operation(hidden = true)
    @GetMapping(path = PersonLinks.ONETIME_PAGE + "{capability}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(@PathVariable String capability) {
        return page(capability, ONETIME);
    }

    /**
     * A registered signing device's person (ADR 32): while the document waits, the link to the
     * approval that provider-csc published (the gateway's relay to the signing service's PIN page).
     */
    @Operation(hidden = true)
    @GetMapping(path = PersonLinks.DEVICE_PAGE + "{capability}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> devicePage(@PathVariable String capability) {
        return page(capability, DEVICE);
    }

    private ResponseEntity<String> page(String capability, Wording wording) {
        Optional<DocumentRecord> document =
                links.verify(capability).flatMap(named -> store.find(named.tenantId(), named.documentId()));
        if (document.isEmpty()) {
            return html(
                    wording,
                    HttpStatus.FORBIDDEN,
                    false,
                    "This link is not valid",
                    "It was altered or has expired. Ask whoever sent it for a new link.",
                    "");
        }
        DocumentRecord d = document.get();
        // A browser an e-service sent (digest signing) goes back to the callback URL kept for it.
        Optional<URI> back = d.status().terminal() ? returns.returnTo(d) : Optional.empty();
        if (back.isPresent()) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER)
                    .cacheControl(CacheControl.noStore())
                    .location(back.get())
                    .build();
        }
        String more =
                "<p>Document: <span id=\"file\">" + HtmlUtils.htmlEscape(String.valueOf(d.fileName())) + "</span></p>";
        if (d.status() == DocumentStatus.AWAITING_PERSON && d.personLink() != null) {
            return html(
                    wording,
                    HttpStatus.OK,
                    false,
                    wording.actState(),
                    wording.actNext(),
                    "<p><a id=\"login\" href=\"" + HtmlUtils.htmlEscape(d.personLink()) + "\">"
                            + HtmlUtils.htmlEscape(wording.actLink()) + "</a></p>" + more);
        }
        return switch (d.status()) {
            case ASSEMBLED ->
                html(wording, HttpStatus.OK, false, "Signed", "Nothing more to do: you can close this page.", more);
            case FAILED ->
                html(
                        wording,
                        HttpStatus.OK,
                        false,
                        "Not signed",
                        "Nothing more happens with this document"
                                + (d.failure() == null
                                        ? ""
                                        : " ("
                                                + d.failure()
                                                        .reason()
                                                        .name()
                                                        .toLowerCase(Locale.ROOT)
                                                        .replace('_', ' ') + ")")
                                + ". Ask the sender if it should be signed again.",
                        more);
            default ->
                html(
                        wording,
                        HttpStatus.OK,
                        true,
                        "Being prepared",
                        "Keep this page open: it changes by itself when there is something to do.",
                        more);
        };
    }

    private static ResponseEntity<String> html(
            Wording wording, HttpStatus status, boolean refresh, String state, String next, String more) {
        String body = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width\">"
                + (refresh ? "<meta http-equiv=\"refresh\" content=\"3\">" : "")
                + "<title>" + HtmlUtils.htmlEscape(wording.title()) + "</title></head><body><h1>"
                + HtmlUtils.htmlEscape(wording.title()) + "</h1><p id=\"status\">"
                + HtmlUtils.htmlEscape(state) + "</p><p id=\"next\">" + HtmlUtils.htmlEscape(next) + "</p>" + more
                + "</body></html>";
        return ResponseEntity.status(status)
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.TEXT_HTML)
                .body(body);
    }
}
