package dev.signingsuite.gateway.operator;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.EventTypes;
import dev.signingsuite.events.LoginCallbackReceived;
import dev.signingsuite.gateway.status.StatusStore;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /onetime/callback}, the redirect URI of the one-time signing login registered at the
 * identity provider (ADR 24, 28). As {@code /eparaksts/callback} and {@code /csc/callback} do, it hands
 * {@code state} and {@code code} (or {@code error}) on as the browser brought them and holds no login
 * state; unlike them it hands them on as {@link LoginCallbackReceived} on Kafka rather than to one
 * provider URL, because the login lives in whichever provider-onetime instance its batch's first
 * document came to: every instance reads the callback, the one holding the state exchanges the code.
 * The status store, which has each waiting document's login link and state, tells whether any
 * document waits for this login; when none does, nothing is sent and the page says so.
 */
@RestController
class OnetimeCallbackPage {

    /** The StreamBridge output binding to {@code signing.login-callbacks.v1}. */
    static final String BINDING = "loginCallbacks-out-0";

    private static final Logger log = LoggerFactory.getLogger(OnetimeCallbackPage.class);

    private final StatusStore store;
    private final StreamBridge bridge;
    private final Clock clock;
    private final OperatorHtml html = new OperatorHtml("One-time signing", "Sign with a one-time certificate", "", "");

    OnetimeCallbackPage(StatusStore store, StreamBridge bridge, Clock clock) {
        this.store = store;
        this.bridge = bridge;
        this.clock = clock;
    }

    // The identity provider's redirect for a person's browser: not part of the API description.
    @Operation(hidden = true)
    @GetMapping(path = "/onetime/callback", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> callback(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String error,
            @RequestParam(name = "error_description", required = false) String errorDescription) {
        boolean hasCode = code != null && !code.isBlank();
        boolean hasError = error != null && !error.isBlank();
        if (state == null || state.isBlank() || hasCode == hasError) {
            return page(
                    HttpStatus.BAD_REQUEST,
                    "This login could not be completed",
                    "The identity provider's answer is incomplete (it needs a state and a code or an error)."
                            + " Nothing changed: open the link you were sent and log in again.");
        }
        int waiting = store.awaitingLink(state);
        if (waiting == 0) {
            return page(
                    HttpStatus.NOT_FOUND,
                    "No document waits for this login",
                    "It ended already (its documents were signed, refused or timed out), or this address was"
                            + " altered. Nothing changed.");
        }
        LoginCallbackReceived callback = new LoginCallbackReceived(
                LoginCallbackReceived.SCHEMA_VERSION,
                state,
                hasCode ? code : null,
                hasError ? error : null,
                hasError ? errorDescription : null,
                clock.instant());
        if (!send(callback)) {
            return page(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "The login could not be passed on",
                    "The signing service cannot be reached right now. Nothing changed: open the link you were"
                            + " sent again in a moment and log in again.");
        }
        return hasError
                ? page(
                        HttpStatus.OK,
                        "The login was refused",
                        "The identity provider answered " + error
                                + (errorDescription == null ? "" : " (" + errorDescription + ")") + ". The "
                                + documents(waiting) + " waiting for it will not be signed.")
                : page(
                        HttpStatus.OK,
                        "Your login was received",
                        "The signing service checks it and signs the " + documents(waiting)
                                + " waiting for it. You can close this page.");
    }

    private boolean send(LoginCallbackReceived callback) {
        try {
            return bridge.send(
                    BINDING,
                    MessageBuilder.withPayload(callback)
                            .setHeader(KafkaHeaders.KEY, callback.state().getBytes(UTF_8))
                            .setHeader(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE)
                            .setHeader(CloudEventHeaders.ID, UUID.randomUUID().toString())
                            .setHeader(CloudEventHeaders.TYPE, EventTypes.typeOf(LoginCallbackReceived.class))
                            .setHeader(CloudEventHeaders.SOURCE, "/signing-suite/gateway")
                            .setHeader(
                                    CloudEventHeaders.TIME,
                                    callback.receivedAt().toString())
                            .setHeader(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE)
                            .build());
        } catch (RuntimeException e) {
            log.warn("Relaying a one-time login callback failed: {}", e.getMessage());
            return false;
        }
    }

    private static String documents(int count) {
        return count == 1 ? "document" : count + " documents";
    }

    private ResponseEntity<String> page(HttpStatus status, String state, String next) {
        return ResponseEntity.status(status)
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.TEXT_HTML)
                .body(html.renderWithoutLogin(state, next, Map.of(), ""));
    }
}
