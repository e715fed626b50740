package dev.signingsuite.sandbox.smartid;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /mock/device-link}: the person scans or taps {@code deviceLink} with the app of
 * {@code documentNumber}. A correct, fresh link lets the person answer as the account does (after
 * the confirmation delay); a stale QR link is ignored (the session keeps RUNNING); a link that
 * fails the checks ends its session with PROTOCOL_FAILURE. 200 in all these cases, as the demo's
 * Mock Service (reference §12); the body says what the phone did.
 */
final class MockPhone {

    private static final Logger log = LoggerFactory.getLogger(MockPhone.class);

    private final SmartIdAccounts accounts;
    private final Sessions sessions;
    private final String deviceLinkBase;
    private final Supplier<SmartIdSettings> settings;
    private final Clock clock;

    MockPhone(
            SmartIdAccounts accounts,
            Sessions sessions,
            String deviceLinkBase,
            Supplier<SmartIdSettings> settings,
            Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.deviceLinkBase = deviceLinkBase;
        this.settings = settings;
        this.clock = clock;
    }

    Map<String, Object> scan(JsonNode body) {
        String documentNumber = body.path("documentNumber").asString(null);
        String link = body.path("deviceLink").asString(null);
        String flowType = body.path("flowType").asString(null);
        if (documentNumber == null || link == null || flowType == null) {
            throw SmartIdProblem.of(400, "Bad Request", "documentNumber, deviceLink and flowType are required");
        }
        if (!flowType.equals("QR") && !flowType.equals("Web2App") && !flowType.equals("App2App")) {
            throw SmartIdProblem.invalid("/flowType", "flowType must be QR, Web2App or App2App");
        }
        SmartIdAccounts.Account account =
                accounts.byDocumentNumber(documentNumber).orElseThrow(SmartIdProblem::notFound);
        DeviceLinkScan scan = DeviceLinkScan.parse(link, deviceLinkBase);
        Session session = scan == null
                ? null
                : sessions.byDeviceLinkToken(scan.sessionToken()).orElse(null);
        if (session == null) {
            throw SmartIdProblem.invalid("/deviceLink", "The link names no session of this service");
        }
        if (session.completion() != null) {
            return Map.of("outcome", "IGNORED", "detail", "the session is already complete");
        }
        DeviceLinkScan.Outcome outcome = check(scan, session, flowType);
        switch (outcome.verdict()) {
            case STALE -> {
                log.debug("Smart-ID session {}: stale link ignored: {}", session.id, outcome.reason());
                return Map.of("outcome", "IGNORED", "detail", outcome.reason());
            }
            case PROTOCOL_FAILURE -> {
                log.debug("Smart-ID session {}: {}", session.id, outcome.reason());
                sessions.complete(session, SessionAnswers.failure("PROTOCOL_FAILURE", null));
                return Map.of("outcome", "PROTOCOL_FAILURE", "detail", outcome.reason());
            }
            case ACCEPTED -> {
                // fall through to the person's answer below
            }
        }
        if (session.account == null) {
            // Anonymous certificate choice: the scanning app decides whose certificate it is.
            if ("ADVANCED".equals(account.level()) && !"ADVANCED".equals(session.level)) {
                sessions.complete(session, SessionAnswers.failure("DOCUMENT_UNUSABLE", null));
                return Map.of("outcome", "DOCUMENT_UNUSABLE");
            }
            session.account = account;
        } else if (!session.account.documentNumber().equals(account.documentNumber())) {
            throw SmartIdProblem.invalid("/documentNumber", "The session belongs to another document");
        }
        if (sessions.interruptsLinkedFlow(session)) {
            return Map.of("outcome", "EXPECTED_LINKED_SESSION");
        }
        sessions.answerAfterDelay(session, flowType);
        return Map.of("outcome", "ACCEPTED");
    }

    private DeviceLinkScan.Outcome check(DeviceLinkScan scan, Session session, String flowType) {
        SmartIdSettings current = settings.get();
        boolean auth = session.kind == Session.Kind.AUTHENTICATION;
        boolean signature = session.kind == Session.Kind.SIGNATURE || auth;
        List<String> payload = List.of(
                current.schemeName(),
                auth ? "ACSP_V2" : signature ? "RAW_DIGEST_SIGNATURE" : "",
                signature ? session.sign.digest() : "",
                Base64.getEncoder()
                        .encodeToString(String.valueOf(session.relyingPartyName).getBytes(StandardCharsets.UTF_8)),
                "",
                signature ? session.sign.interactions() : "");
        return scan.check(
                deviceLinkBase,
                flowType,
                auth ? "auth" : signature ? "sign" : "cert",
                payload,
                session.initialCallbackUrl,
                session.sessionSecret,
                session.createdAt,
                clock.instant(),
                current.qrTolerance());
    }
}
