package dev.signingsuite.provider.csc.client;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Answers a CSC service gives later: the signatures of an asynchronous {@code signHash} ({@code
 * signatures/signPolling}, section 11.12) and the SAD of a {@code credentials/authorize} answered
 * 202 ({@code credentials/authorizeCheck}, section 11.7).
 *
 * <p>Asking again is safe: polling reads a result, it does not start a signature. So a lost or
 * failed poll (no answer, 429, 5xx) is simply asked again, never followed by a second {@code
 * signHash}. When no result came within {@code polling.maxWait} the call is given up as {@link
 * CscCallException#isAcceptedUnanswered()}: not transient, so no caller retries the signHash the
 * service may have carried out.
 */
final class LaterAnswers {

    static final String SIGN_POLLING = "signatures/signPolling";
    static final String AUTHORIZE_CHECK = "credentials/authorizeCheck";

    private final ServiceTokens service;
    private final CscTransport transport;
    private final CscProperties.Polling polling;
    private final boolean pendingAs400;

    LaterAnswers(ServiceTokens service, CscTransport transport, CscProperties.Polling polling, boolean pendingAs400) {
        this.service = service;
        this.transport = transport;
        this.polling = polling;
        this.pendingAs400 = pendingAs400;
    }

    /**
     * The signatures of an accepted asynchronous signHash.
     *
     * @param credentialToken the {@code scope=credential} token the signHash was sent with, or null
     *     for the service token
     */
    List<String> signatures(String responseId, String credentialToken) {
        CscWire.PollingRequest request = new CscWire.PollingRequest(responseId);
        CscCallException last = null;
        for (int attempt = 0; attempt < attempts(); attempt++) {
            if (!pause()) {
                throw CscCallException.acceptedUnanswered(SIGN_POLLING, last);
            }
            try {
                CscTransport.Answered<CscWire.SignHashResponse> answer = credentialToken == null
                        ? service.callAnswered(SIGN_POLLING, request, CscWire.SignHashResponse.class)
                        : transport.sendAnswered(
                                SIGN_POLLING,
                                transport.jsonRequest(
                                        SIGN_POLLING, CscTransport.json(request), "Bearer " + credentialToken),
                                CscWire.SignHashResponse.class,
                                true);
                List<String> signatures =
                        answer.body() == null ? null : answer.body().signatures();
                boolean pending = answer.accepted() || (pendingAs400 && (signatures == null || signatures.isEmpty()));
                if (!pending) {
                    return signatures;
                }
            } catch (CscCallException e) {
                if (!e.isTransient() && !isPending(e)) {
                    throw CscCallException.acceptedUnanswered(SIGN_POLLING, e);
                }
                last = e;
            }
        }
        throw CscCallException.acceptedUnanswered(SIGN_POLLING, last);
    }

    /** The SAD of an authorisation the service answered 202; the newest handle is used (section 11.7). */
    CscWire.AuthorizeResponse authorization(String handle) {
        String current = handle;
        CscCallException last = null;
        for (int attempt = 0; attempt < attempts(); attempt++) {
            if (!pause()) {
                throw new CscCallException(AUTHORIZE_CHECK, 0, "interrupted", null, last);
            }
            try {
                CscTransport.Answered<CscWire.AuthorizeResponse> answer = service.callAnswered(
                        AUTHORIZE_CHECK, new CscWire.AuthorizeCheckRequest(current), CscWire.AuthorizeResponse.class);
                if (!answer.accepted()) {
                    return answer.body();
                }
                if (answer.body() != null && answer.body().handle() != null) {
                    current = answer.body().handle();
                }
            } catch (CscCallException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                last = e;
            }
        }
        // Nothing was signed yet: an authorisation that never came is worth trying again later.
        throw new CscCallException(
                AUTHORIZE_CHECK,
                last == null ? 503 : last.status(),
                "authorization_pending",
                "no answer within " + polling.maxWait(),
                last);
    }

    /**
     * SIGN8 answers a signing still going on with 400 and "...has been accepted for processing, but
     * the processing has not yet been completed." (csc-api-v2.md 9.3); the specification with 202
     * {@code accepted_request}.
     */
    private boolean isPending(CscCallException e) {
        if ("accepted_request".equals(e.error())) {
            return true;
        }
        String description = e.description() == null ? "" : e.description().toLowerCase(Locale.ROOT);
        return pendingAs400 && e.status() == 400 && description.contains("not yet been completed");
    }

    private int attempts() {
        long ratio =
                polling.maxWait().toMillis() / Math.max(1, polling.interval().toMillis());
        return (int) Math.max(1, Math.min(ratio, 10_000));
    }

    /** False when interrupted (the instance stops). */
    private boolean pause() {
        Duration interval = polling.interval();
        try {
            Thread.sleep(Math.max(0, interval.toMillis()));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
