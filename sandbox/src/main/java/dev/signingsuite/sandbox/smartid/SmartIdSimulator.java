package dev.signingsuite.sandbox.smartid;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.signingsuite.sandbox.smartid.SmartIdRequests.Flow;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Smart-ID Relying Party API v3 signing endpoints (reference §3, §15), served at {@code
 * <base>/smart-id-rp/v3/}: certificate by document number, notification and device-link signature
 * sessions by document number and ETSI id, certificate choice, linked notification signature and
 * the {@code session/{id}} long poll. Simulated people answer per {@link SmartIdAccounts} after the
 * configured delay and sign with their own RSA keys. A long poll holds no server thread: the
 * exchange is answered from the simulator's scheduler when the session completes or the wait ends.
 */
public final class SmartIdSimulator implements HttpHandler, AutoCloseable {

    /** The context path under the sandbox's base URL, as on the demo service. */
    public static final String CONTEXT = "/smart-id-rp/v3";

    /** The simulated phone's scan-or-tap endpoint, as the demo's Mock Service (reference §12). */
    public static final String MOCK_DEVICE_LINK = "/mock/device-link";

    private static final Logger log = LoggerFactory.getLogger(SmartIdSimulator.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_BODY = 64 * 1024;
    private static final Pattern ETSI = Pattern.compile("^(PAS|IDC|PNO)[A-Z]{2}-.+$");
    private static final Pattern SESSION = Pattern.compile("^session/([^/]+)$");
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final SmartIdAccounts accounts;
    private final URI deviceLinkBase;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService scheduler;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Idempotent> recent = new ConcurrentHashMap<>();
    private final AtomicInteger created = new AtomicInteger();
    private final Deque<Integer> injectedStatuses = new ArrayDeque<>();
    /** Document number -> the completed device-link certificate choice its app now waits to link. */
    private final Map<String, LinkExpectation> expectingLinked = new ConcurrentHashMap<>();

    private final List<String> openedCallbacks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile SmartIdSettings settings;
    private volatile boolean tamperSignatures;
    private volatile String reportedLevel;
    private volatile String foreignCertificateOf;

    public SmartIdSimulator(URI baseUrl, SmartIdAccounts accounts, SmartIdSettings settings, Clock clock) {
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
        this.deviceLinkBase = URI.create(baseUrl + "/device-link");
        this.scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "smartid-simulator");
            thread.setDaemon(true);
            return thread;
        });
    }

    public SmartIdAccounts accounts() {
        return accounts;
    }

    public SmartIdSettings settings() {
        return settings;
    }

    /** Replaces the settings for requests from now on (sessions already scheduled keep theirs). */
    public void configure(SmartIdSettings settings) {
        this.settings = settings;
    }

    /** How many sessions were created (idempotent repeats not counted). */
    public int sessionsCreated() {
        return created.get();
    }

    /** Signature sessions created and not yet answered by their person (notification and device link). */
    public int signatureSessionsOpen() {
        return (int) sessions.values().stream()
                .filter(s -> s.kind == Session.Kind.SIGNATURE && s.completion() == null)
                .count();
    }

    /**
     * The people of up to {@code count} open notification signature sessions answer now, each as
     * their account says, instead of after the configured delay (for tests that hold sessions open
     * with a long delay and then release them).
     *
     * @return how many sessions were answered
     */
    public int answerWaitingNow(int count) {
        int answered = 0;
        for (Session session : List.copyOf(sessions.values())) {
            if (answered >= count) {
                break;
            }
            if (session.kind == Session.Kind.SIGNATURE && !session.deviceLink && session.completion() == null) {
                personAnswers(session, "Notification");
                answered++;
            }
        }
        return answered;
    }

    /** Answers the next {@code times} requests with {@code status} (580 maintenance, 480, 500, …). */
    public synchronized void injectStatus(int status, int times) {
        for (int i = 0; i < times; i++) {
            injectedStatuses.add(status);
        }
    }

    /** Robustness hook: flips a bit in every signature value from now on. */
    public void tamperSignatures(boolean tamper) {
        this.tamperSignatures = tamper;
    }

    /** Robustness hook: reports this certificateLevel instead of the account's (null: the account's). */
    public void reportLevel(String level) {
        this.reportedLevel = level;
    }

    /** Robustness hook: answers with the certificate of another document number (null: the right one). */
    public void foreignCertificate(String documentNumber) {
        this.foreignCertificateOf = documentNumber;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String route = path.startsWith(CONTEXT + "/") ? path.substring(CONTEXT.length() + 1) : "";
        boolean deferred = false;
        try {
            Integer injected = nextInjectedStatus();
            if (injected != null) {
                throw SmartIdProblem.of(injected, "Injected", "Injected status " + injected);
            }
            if (path.equals(MOCK_DEVICE_LINK)) {
                requireMethod(exchange, "POST");
                send(exchange, 200, scan(SmartIdRequests.parse(readBody(exchange))));
                return;
            }
            Matcher session = SESSION.matcher(route);
            if (session.matches()) {
                requireMethod(exchange, "GET");
                deferred = status(exchange, session.group(1));
                return;
            }
            requireMethod(exchange, "POST");
            JsonNode body = SmartIdRequests.parse(readBody(exchange));
            send(exchange, 200, post(route, body));
        } catch (SmartIdProblem e) {
            log.debug("Smart-ID {} answered {}: {}", route, e.status(), e.getMessage());
            send(exchange, e.status(), e.body("/task-id/" + token(14).toLowerCase()));
        } catch (RuntimeException e) {
            log.warn("Smart-ID {} failed", route, e);
            send(
                    exchange,
                    500,
                    SmartIdProblem.of(500, "Internal Server Error", "Internal error")
                            .body(path));
        } finally {
            if (!deferred) {
                exchange.close();
            }
        }
    }

    private Map<String, Object> post(String route, JsonNode body) {
        SmartIdRequests requests = new SmartIdRequests(settings);
        String rpName = body.path("relyingPartyName").asString(null);
        String[] parts = route.split("/");
        if (route.startsWith("signature/certificate/") && parts.length == 3) {
            SmartIdRequests.Certificate request = requests.certificate(body, false, false);
            SmartIdAccounts.Account account = byDocument(parts[2], request.level());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("state", "OK");
            answer.put("cert", cert(account));
            return answer;
        }
        if (parts.length == 4 && parts[0].equals("signature") && !parts[1].equals("certificate-choice")) {
            Flow flow = switch (parts[1] + "/" + parts[2]) {
                case "notification/document", "notification/etsi" -> Flow.NOTIFICATION;
                case "notification/linked" -> Flow.LINKED;
                case "device-link/document", "device-link/etsi" -> Flow.DEVICE_LINK;
                default -> throw notFound();
            };
            SmartIdRequests.Sign sign = requests.sign(body, flow);
            SmartIdAccounts.Account account =
                    parts[2].equals("etsi") ? byEtsi(parts[3], sign.level()) : byDocument(parts[3], sign.level());
            return idempotent(route, body, sign.nonce(), () -> {
                // Checked for new sessions only: a repeated linked POST gets its session back (§2).
                if (flow == Flow.LINKED) {
                    requireLinkable(sign.linkedSessionId(), account);
                }
                Session session = open(
                        Session.Kind.SIGNATURE,
                        flow == Flow.DEVICE_LINK,
                        account,
                        sign,
                        sign.level(),
                        flow == Flow.LINKED ? linkedCallback(sign.linkedSessionId()) : sign.initialCallbackUrl(),
                        sign.ignoredProperties(),
                        rpName);
                if (flow == Flow.LINKED) {
                    expectingLinked.remove(account.documentNumber());
                } else {
                    interruptsLinkedFlow(session);
                }
                Map<String, Object> answer = created(session);
                if (flow == Flow.NOTIFICATION) {
                    answer.put("vc", Map.of("type", "numeric4", "value", String.format("%04d", random.nextInt(10000))));
                }
                return answer;
            });
        }
        if (route.equals("signature/certificate-choice/device-link/anonymous")) {
            SmartIdRequests.Certificate request = requests.certificate(body, true, true);
            return idempotent(
                    route,
                    body,
                    request.nonce(),
                    () -> created(open(
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
                Session session = open(
                        Session.Kind.CERTIFICATE_CHOICE,
                        false,
                        account,
                        null,
                        request.level(),
                        null,
                        request.ignoredProperties(),
                        rpName);
                interruptsLinkedFlow(session);
                return created(session);
            });
        }
        throw notFound();
    }

    private Session open(
            Session.Kind kind,
            boolean deviceLink,
            SmartIdAccounts.Account account,
            SmartIdRequests.Sign sign,
            String level,
            String callback,
            List<String> ignored,
            String relyingPartyName) {
        Instant now = clock.instant();
        byte[] secret = new byte[18];
        random.nextBytes(secret);
        Session session = new Session(
                UUID.randomUUID().toString(),
                kind,
                deviceLink,
                account,
                sign,
                level,
                callback,
                ignored,
                now,
                deviceLink ? token(24) : null,
                deviceLink ? Base64.getEncoder().encodeToString(secret) : null,
                relyingPartyName);
        sessions.put(session.id, session);
        created.incrementAndGet();
        if (!deviceLink) {
            SmartIdSettings current = settings;
            Duration delay =
                    "TIMEOUT".equals(account.endResult()) ? current.timeoutDelay() : current.confirmationDelay();
            scheduler.schedule(() -> personAnswers(session, "Notification"), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
        return session;
    }

    private Map<String, Object> created(Session session) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sessionID", session.id);
        if (session.deviceLink) {
            answer.put("sessionToken", session.sessionToken);
            answer.put("sessionSecret", session.sessionSecret);
            answer.put("deviceLinkBase", deviceLinkBase.toString());
        }
        return answer;
    }

    /** The simulated person's answer on the phone: the account's outcome, signed if OK. */
    void personAnswers(Session session, String flowType) {
        try {
            complete(session, outcome(session, flowType));
        } catch (RuntimeException e) {
            log.warn("Smart-ID session {} failed", session.id, e);
            complete(session, failure("SERVER_ERROR", null));
        }
    }

    private Map<String, Object> outcome(Session session, String flowType) {
        SmartIdAccounts.Account account = session.account;
        if (!"OK".equals(account.endResult())) {
            return failure(account.endResult(), account.interaction());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("endResult", "OK");
        result.put("documentNumber", account.documentNumber());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", "COMPLETE");
        body.put("result", result);
        Map<String, Object> signature = new LinkedHashMap<>();
        if (session.kind == Session.Kind.SIGNATURE) {
            SmartIdRequests.Sign sign = session.sign;
            byte[] value = RawDigestSigner.sign(
                    account.key().privateKey(), sign.signatureAlgorithm(), sign.hashAlgorithm(), sign.digestBytes());
            if (tamperSignatures) {
                value[value.length / 2] ^= 1;
            }
            body.put("signatureProtocol", "RAW_DIGEST_SIGNATURE");
            signature.put("value", Base64.getEncoder().encodeToString(value));
            signature.put("flowType", flowType);
            signature.put("signatureAlgorithm", sign.signatureAlgorithm());
            if ("rsassa-pss".equals(sign.signatureAlgorithm())) {
                signature.put("signatureAlgorithmParameters", pssParameters(sign.hashAlgorithm()));
            }
        } else {
            signature.put("flowType", flowType);
        }
        body.put("signature", signature);
        body.put("cert", cert(account));
        if (session.kind == Session.Kind.SIGNATURE) {
            body.put("interactionTypeUsed", session.sign.interactionTypes().get(0));
        }
        if (!session.ignoredProperties.isEmpty()) {
            body.put("ignoredProperties", session.ignoredProperties);
        }
        return body;
    }

    private static Map<String, Object> pssParameters(String hash) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("hashAlgorithm", hash);
        parameters.put("maskGenAlgorithm", Map.of("algorithm", "id-mgf1", "parameters", Map.of("hashAlgorithm", hash)));
        parameters.put("saltLength", RawDigestSigner.HASH_LENGTHS.get(hash));
        parameters.put("trailerField", "0xbc");
        return parameters;
    }

    private static Map<String, Object> failure(String endResult, String interaction) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("endResult", endResult);
        if (interaction != null) {
            result.put("details", Map.of("interaction", interaction));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", "COMPLETE");
        body.put("result", result);
        return body;
    }

    private void complete(Session session, Map<String, Object> body) {
        List<Session.Waiter> waiting = session.complete(body, clock.instant());
        if (session.completion() == body && session.ok()) {
            if (session.kind == Session.Kind.CERTIFICATE_CHOICE && session.deviceLink) {
                // §15.13: the app now waits for the linked signature of this certificate choice.
                expectingLinked.put(
                        session.account.documentNumber(),
                        new LinkExpectation(session.id, clock.instant().plus(settings.linkedWindow())));
            } else if (session.kind == Session.Kind.SIGNATURE && session.initialCallbackUrl != null) {
                // §15.12: same-device and linked flows end by opening the callback (recorded, not fetched).
                openedCallbacks.add(session.initialCallbackUrl);
            }
        }
        for (Session.Waiter waiter : waiting) {
            answer(waiter, body);
        }
    }

    // GET session/{id}?timeoutMs=: answered now if complete, else when it completes or the wait ends.
    private boolean status(HttpExchange exchange, String id) throws IOException {
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw SmartIdProblem.invalid("/sessionId", "Invalid sessionId");
        }
        Session session = sessions.get(id);
        Instant completedAt = session == null ? null : session.completedAt();
        if (session == null
                || (completedAt != null
                        && completedAt.plus(settings.retention()).isBefore(clock.instant()))) {
            if (session != null) {
                sessions.remove(id);
            }
            throw SmartIdProblem.of(404, "Not Found", "Session not found");
        }
        long timeoutMs = timeoutMs(exchange.getRequestURI().getQuery());
        Session.Waiter waiter = new Session.Waiter(exchange, new AtomicBoolean(), new ScheduledFuture<?>[1]);
        Map<String, Object> completion = session.await(waiter);
        if (completion != null) {
            send(exchange, 200, completion);
            return false;
        }
        waiter.timeout()[0] = scheduler.schedule(
                () -> {
                    session.forget(waiter);
                    Map<String, Object> running = new LinkedHashMap<>();
                    running.put("state", "RUNNING");
                    if (!session.ignoredProperties.isEmpty()) {
                        running.put("ignoredProperties", session.ignoredProperties);
                    }
                    answer(waiter, running);
                },
                timeoutMs,
                TimeUnit.MILLISECONDS);
        return true;
    }

    private void answer(Session.Waiter waiter, Map<String, Object> body) {
        if (!waiter.answered().compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> timeout = waiter.timeout()[0];
        if (timeout != null) {
            timeout.cancel(false);
        }
        try {
            send(waiter.exchange(), 200, body);
        } catch (IOException e) {
            log.debug("A long-poll client went away: {}", e.getMessage());
        } finally {
            waiter.exchange().close();
        }
    }

    static long timeoutMs(String query) {
        long timeout = 60_500;
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("timeoutMs=")) {
                    try {
                        timeout = Long.parseLong(pair.substring("timeoutMs=".length()));
                    } catch (NumberFormatException e) {
                        throw SmartIdProblem.invalid("/timeoutMs", "Invalid timeoutMs");
                    }
                }
            }
        }
        return Math.max(1000, Math.min(120_000, timeout));
    }

    private void requireLinkable(String linkedSessionId, SmartIdAccounts.Account account) {
        Session choice = sessions.get(linkedSessionId);
        LinkExpectation expected = expectingLinked.get(account.documentNumber());
        if (expected == null
                || !expected.choiceSessionId().equals(linkedSessionId)
                || expected.until().isBefore(clock.instant())
                || choice == null
                || choice.kind != Session.Kind.CERTIFICATE_CHOICE
                || !choice.deviceLink
                || !choice.ok()
                || choice.account == null
                || !choice.account.documentNumber().equals(account.documentNumber())) {
            throw SmartIdProblem.invalid(
                    "/linkedSessionID", "linkedSessionID must name a completed device-link certificate choice");
        }
    }

    private SmartIdAccounts.Account byDocument(String documentNumber, String level) {
        SmartIdAccounts.Account account =
                accounts.byDocumentNumber(documentNumber).orElseThrow(SmartIdSimulator::notFound);
        return suitable(account, level);
    }

    private SmartIdAccounts.Account byEtsi(String etsiId, String level) {
        if (!ETSI.matcher(etsiId).matches()) {
            throw SmartIdProblem.invalid("/id-etsi-qcs-SemanticsId-Natural", "Invalid semantics identifier");
        }
        return suitable(accounts.byEtsiId(etsiId).orElseThrow(SmartIdSimulator::notFound), level);
    }

    // An ADVANCED-only account has no suitable certificate for a QUALIFIED or QSCD request.
    private static SmartIdAccounts.Account suitable(SmartIdAccounts.Account account, String level) {
        if ("ADVANCED".equals(account.level()) && !"ADVANCED".equals(level)) {
            throw notFound();
        }
        return account;
    }

    private Map<String, Object> cert(SmartIdAccounts.Account account) {
        SmartIdAccounts.Account shown = account;
        String foreign = foreignCertificateOf;
        if (foreign != null) {
            shown = accounts.byDocumentNumber(foreign).orElse(account);
        }
        String level = reportedLevel != null ? reportedLevel : account.level();
        try {
            Map<String, Object> cert = new LinkedHashMap<>();
            cert.put(
                    "value",
                    Base64.getEncoder().encodeToString(shown.key().certificate().getEncoded()));
            cert.put("certificateLevel", level);
            return cert;
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Idempotent(Map<String, Object> answer, Instant at) {}

    /** A completed device-link certificate choice whose app waits for the linked signature. */
    private record LinkExpectation(String choiceSessionId, Instant until) {}

    // §9: after a linked signature the app opens the certificate choice's callback.
    private String linkedCallback(String linkedSessionId) {
        Session choice = sessions.get(linkedSessionId);
        return choice == null ? null : choice.initialCallbackUrl;
    }

    // §15.13: another transaction while the app waits for the linked signature fails at once.
    private void interruptsLinkedFlow(Session session) {
        LinkExpectation expected = expectingLinked.get(session.account.documentNumber());
        if (expected != null && !expected.until().isBefore(clock.instant())) {
            complete(session, failure("EXPECTED_LINKED_SESSION", null));
        }
    }

    /** The callbacks the simulated app opened, oldest first (§15.12). */
    public List<String> openedCallbacks() {
        return List.copyOf(openedCallbacks);
    }

    /**
     * {@code POST /mock/device-link}: the person scans or taps {@code deviceLink} with the app of
     * {@code documentNumber}. A correct, fresh link lets the person answer as the account does
     * (after the confirmation delay); a stale QR link is ignored (the session keeps RUNNING); a
     * link that fails the checks ends its session with PROTOCOL_FAILURE. 200 in all these cases,
     * as the demo's Mock Service; the body says what the phone did.
     */
    private Map<String, Object> scan(JsonNode body) {
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
                accounts.byDocumentNumber(documentNumber).orElseThrow(SmartIdSimulator::notFound);
        DeviceLinkScan scan = DeviceLinkScan.parse(link, deviceLinkBase.toString());
        Session session = scan == null
                ? null
                : sessions.values().stream()
                        .filter(s -> s.deviceLink && scan.sessionToken().equals(s.sessionToken))
                        .findFirst()
                        .orElse(null);
        if (session == null) {
            throw SmartIdProblem.invalid("/deviceLink", "The link names no session of this service");
        }
        if (session.completion() != null) {
            return Map.of("outcome", "IGNORED", "detail", "the session is already complete");
        }
        SmartIdSettings current = settings;
        boolean signature = session.kind == Session.Kind.SIGNATURE;
        List<String> payload = List.of(
                current.schemeName(),
                signature ? "RAW_DIGEST_SIGNATURE" : "",
                signature ? session.sign.digest() : "",
                Base64.getEncoder()
                        .encodeToString(String.valueOf(session.relyingPartyName)
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "",
                signature ? session.sign.interactions() : "");
        DeviceLinkScan.Outcome outcome = scan.check(
                deviceLinkBase.toString(),
                flowType,
                signature ? "sign" : "cert",
                payload,
                session.initialCallbackUrl,
                session.sessionSecret,
                session.createdAt,
                clock.instant(),
                current.qrTolerance());
        switch (outcome.verdict()) {
            case STALE -> {
                log.debug("Smart-ID session {}: stale link ignored: {}", session.id, outcome.reason());
                return Map.of("outcome", "IGNORED", "detail", outcome.reason());
            }
            case PROTOCOL_FAILURE -> {
                log.debug("Smart-ID session {}: {}", session.id, outcome.reason());
                complete(session, failure("PROTOCOL_FAILURE", null));
                return Map.of("outcome", "PROTOCOL_FAILURE", "detail", outcome.reason());
            }
            case ACCEPTED -> {
                // fall through to the person's answer below
            }
        }
        if (session.account == null) {
            // Anonymous certificate choice: the scanning app decides whose certificate it is.
            if ("ADVANCED".equals(account.level()) && !"ADVANCED".equals(session.level)) {
                complete(session, failure("DOCUMENT_UNUSABLE", null));
                return Map.of("outcome", "DOCUMENT_UNUSABLE");
            }
            session.account = account;
        } else if (!session.account.documentNumber().equals(account.documentNumber())) {
            throw SmartIdProblem.invalid("/documentNumber", "The session belongs to another document");
        }
        if (interruptsLinked(session)) {
            return Map.of("outcome", "EXPECTED_LINKED_SESSION");
        }
        Duration delay = "TIMEOUT".equals(account.endResult()) ? current.timeoutDelay() : current.confirmationDelay();
        scheduler.schedule(() -> personAnswers(session, flowType), delay.toMillis(), TimeUnit.MILLISECONDS);
        return Map.of("outcome", "ACCEPTED");
    }

    private boolean interruptsLinked(Session session) {
        interruptsLinkedFlow(session);
        return session.completion() != null;
    }

    // §2: the same session POST within the window, without nonce, returns the same session.
    private Map<String, Object> idempotent(
            String route, JsonNode body, String nonce, java.util.function.Supplier<Map<String, Object>> create) {
        if (nonce != null) {
            return create.get();
        }
        Instant now = clock.instant();
        recent.values()
                .removeIf(entry -> entry.at().plus(settings.idempotencyWindow()).isBefore(now));
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

    private synchronized Integer nextInjectedStatus() {
        return injectedStatuses.poll();
    }

    private String token(int length) {
        StringBuilder token = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            token.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return token.toString();
    }

    private static SmartIdProblem notFound() {
        return SmartIdProblem.of(404, "Not Found", "Not found");
    }

    private static void requireMethod(HttpExchange exchange, String method) {
        if (!method.equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", method);
            throw SmartIdProblem.of(405, "Method Not Allowed", "Method not allowed");
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw SmartIdProblem.of(413, "Payload Too Large", "Body too large");
            }
            return body;
        }
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
