package dev.signingsuite.sandbox.smartid;

import dev.signingsuite.sandbox.smartid.SmartIdRequests.Flow;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The POST endpoints (reference §3, §15): certificate by document number, signature sessions
 * (notification, device link, linked) and certificate-choice sessions. Finds the account a route
 * names and opens the session; a repeated POST without nonce gets its session back (§2).
 */
final class SessionEndpoints {

    private static final Pattern ETSI = Pattern.compile("^(PAS|IDC|PNO)[A-Z]{2}-.+$");

    private record Idempotent(Map<String, Object> answer, Instant at) {}

    private final SmartIdAccounts accounts;
    private final Sessions sessions;
    private final SessionAnswers answers;
    private final Supplier<SmartIdSettings> settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Idempotent> recent = new ConcurrentHashMap<>();

    SessionEndpoints(
            SmartIdAccounts accounts,
            Sessions sessions,
            SessionAnswers answers,
            Supplier<SmartIdSettings> settings,
            Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.answers = answers;
        this.settings = settings;
        this.clock = clock;
    }

    Map<String, Object> post(String route, JsonNode body) {
        SmartIdRequests requests = new SmartIdRequests(settings.get());
        String rpName = body.path("relyingPartyName").asString(null);
        String[] parts = route.split("/");
        if (route.startsWith("signature/certificate/") && parts.length == 3) {
            SmartIdRequests.Certificate request = requests.certificate(body, false, false);
            SmartIdAccounts.Account account = byDocument(parts[2], request.level());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("state", "OK");
            answer.put("cert", answers.cert(account));
            return answer;
        }
        if (parts[0].equals("authentication") && (parts.length == 3 || parts.length == 4)) {
            return authentication(body, parts, requests, rpName);
        }
        if (parts.length == 4 && parts[0].equals("signature") && !parts[1].equals("certificate-choice")) {
            return signature(route, body, parts, requests, rpName);
        }
        if (route.equals("signature/certificate-choice/device-link/anonymous")) {
            SmartIdRequests.Certificate request = requests.certificate(body, true, true);
            return idempotent(
                    route,
                    body,
                    request.nonce(),
                    () -> answers.created(sessions.open(
                            Session.Kind.CERTIFICATE_CHOICE,
                            true,
                            null,
                            null,
                            request.level(),
                            request.initialCallbackUrl(),
                            request.ignoredProperties(),
                            rpName)));
        }
        if (route.startsWith("signature/certificate-choice/notification/etsi/") && parts.length == 5) {
            SmartIdRequests.Certificate request = requests.certificate(body, false, true);
            SmartIdAccounts.Account account = byEtsi(parts[4], request.level());
            return idempotent(route, body, request.nonce(), () -> {
                Session session = sessions.open(
                        Session.Kind.CERTIFICATE_CHOICE,
                        false,
                        account,
                        null,
                        request.level(),
                        null,
                        request.ignoredProperties(),
                        rpName);
                sessions.interruptsLinkedFlow(session);
                return answers.created(session);
            });
        }
        throw SmartIdProblem.notFound();
    }

    private Map<String, Object> signature(
            String route, JsonNode body, String[] parts, SmartIdRequests requests, String rpName) {
        Flow flow = switch (parts[1] + "/" + parts[2]) {
            case "notification/document", "notification/etsi" -> Flow.NOTIFICATION;
            case "notification/linked" -> Flow.LINKED;
            case "device-link/document", "device-link/etsi" -> Flow.DEVICE_LINK;
            default -> throw SmartIdProblem.notFound();
        };
        SmartIdRequests.Sign sign = requests.sign(body, flow);
        SmartIdAccounts.Account account =
                parts[2].equals("etsi") ? byEtsi(parts[3], sign.level()) : byDocument(parts[3], sign.level());
        return idempotent(route, body, sign.nonce(), () -> {
            // Checked for new sessions only: a repeated linked POST gets its session back (§2).
            if (flow == Flow.LINKED) {
                sessions.requireLinkable(sign.linkedSessionId(), account);
            }
            Session session = sessions.open(
                    Session.Kind.SIGNATURE,
                    flow == Flow.DEVICE_LINK,
                    account,
                    sign,
                    sign.level(),
                    flow == Flow.LINKED ? sessions.linkedCallback(sign.linkedSessionId()) : sign.initialCallbackUrl(),
                    sign.ignoredProperties(),
                    rpName);
            if (flow == Flow.LINKED) {
                sessions.linkedSignatureStarted(account);
            } else {
                sessions.interruptsLinkedFlow(session);
            }
            Map<String, Object> answer = answers.created(session);
            if (flow == Flow.NOTIFICATION) {
                answer.put("vc", Map.of("type", "numeric4", "value", String.format("%04d", random.nextInt(10000))));
            }
            return answer;
        });
    }

    // #1–#5 of §3: a new session each time (the RP retries with a new rpChallenge, §11).
    private Map<String, Object> authentication(JsonNode body, String[] parts, SmartIdRequests requests, String rpName) {
        String target = parts[1] + "/" + parts[2];
        boolean deviceLink = parts[1].equals("device-link");
        if (!(parts.length == 3
                ? target.equals("device-link/anonymous")
                : Set.of("device-link/etsi", "device-link/document", "notification/etsi", "notification/document")
                        .contains(target))) {
            throw SmartIdProblem.notFound();
        }
        SmartIdRequests.Sign auth = requests.authentication(body, deviceLink ? Flow.DEVICE_LINK : Flow.NOTIFICATION);
        SmartIdAccounts.Account account = parts.length == 3
                ? null
                : parts[2].equals("etsi") ? byEtsi(parts[3], auth.level()) : byDocument(parts[3], auth.level());
        Session session = sessions.open(
                Session.Kind.AUTHENTICATION,
                deviceLink,
                account,
                auth,
                auth.level(),
                auth.initialCallbackUrl(),
                auth.ignoredProperties(),
                rpName);
        return answers.created(session);
    }

    // §2: the same session POST within the window, without nonce, returns the same session.
    private Map<String, Object> idempotent(
            String route, JsonNode body, String nonce, Supplier<Map<String, Object>> create) {
        if (nonce != null) {
            return create.get();
        }
        Instant now = clock.instant();
        recent.values()
                .removeIf(entry ->
                        entry.at().plus(settings.get().idempotencyWindow()).isBefore(now));
        String key = route + "\n" + body;
        synchronized (recent) {
            Idempotent existing = recent.get(key);
            if (existing != null) {
                return existing.answer();
            }
            Map<String, Object> answer = create.get();
            recent.put(key, new Idempotent(answer, now));
            return answer;
        }
    }

    private SmartIdAccounts.Account byDocument(String documentNumber, String level) {
        SmartIdAccounts.Account account =
                accounts.byDocumentNumber(documentNumber).orElseThrow(SmartIdProblem::notFound);
        return suitable(account, level);
    }

    private SmartIdAccounts.Account byEtsi(String etsiId, String level) {
        if (!ETSI.matcher(etsiId).matches()) {
            throw SmartIdProblem.invalid("/id-etsi-qcs-SemanticsId-Natural", "Invalid semantics identifier");
        }
        return suitable(accounts.byEtsiId(etsiId).orElseThrow(SmartIdProblem::notFound), level);
    }

    // An ADVANCED-only account has no suitable certificate for a QUALIFIED or QSCD request.
    private static SmartIdAccounts.Account suitable(SmartIdAccounts.Account account, String level) {
        if ("ADVANCED".equals(account.level()) && !"ADVANCED".equals(level)) {
            throw SmartIdProblem.notFound();
        }
        return account;
    }
}
