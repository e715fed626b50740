package dev.signingsuite.sandbox.smartid;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.signingsuite.sandbox.http.ApiExchanges;
import dev.signingsuite.sandbox.signing.SigningLog;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

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
    private static final int MAX_BODY = 64 * 1024;
    private static final Pattern SESSION = Pattern.compile("^session/([^/]+)$");

    private final SmartIdAccounts accounts;
    private final SigningLog signingLog;
    private final ScheduledExecutorService scheduler;
    private final Deque<Integer> injectedStatuses = new ArrayDeque<>();
    private final SessionAnswers answers;
    private final Sessions sessions;
    private final SessionEndpoints endpoints;
    private final LongPoll longPoll;
    private final MockPhone phone;
    private volatile SmartIdSettings settings;

    public SmartIdSimulator(URI baseUrl, SmartIdAccounts accounts, SmartIdSettings settings, Clock clock) {
        this(baseUrl, accounts, settings, clock, new SigningLog(clock));
    }

    /** As {@link #SmartIdSimulator(URI, SmartIdAccounts, SmartIdSettings, Clock)}, recording each signed digest in {@code log}. */
    public SmartIdSimulator(
            URI baseUrl, SmartIdAccounts accounts, SmartIdSettings settings, Clock clock, SigningLog log) {
        this.signingLog = log;
        this.accounts = accounts;
        this.settings = settings;
        this.scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "smartid-simulator");
            thread.setDaemon(true);
            return thread;
        });
        URI deviceLinkBase = URI.create(baseUrl + "/device-link");
        this.answers = new SessionAnswers(accounts, deviceLinkBase, log, this::settings);
        this.sessions = new Sessions(answers, this::settings, clock, scheduler);
        this.endpoints = new SessionEndpoints(accounts, sessions, answers, this::settings, clock);
        this.longPoll = new LongPoll(sessions, scheduler);
        this.phone = new MockPhone(accounts, sessions, deviceLinkBase.toString(), this::settings, clock);
    }

    /** Every digest a phone of this simulator signed. */
    public SigningLog signingLog() {
        return signingLog;
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
        return sessions.created();
    }

    /** Signature sessions created and not yet answered by their person (notification and device link). */
    public int signatureSessionsOpen() {
        return sessions.signaturesOpen();
    }

    /**
     * The people of up to {@code count} open notification signature sessions answer now, each as
     * their account says, instead of after the configured delay (for tests that hold sessions open
     * with a long delay and then release them).
     *
     * @return how many sessions were answered
     */
    public int answerWaitingNow(int count) {
        return sessions.answerWaitingNow(count);
    }

    /** Answers the next {@code times} requests with {@code status} (580 maintenance, 480, 500, …). */
    public synchronized void injectStatus(int status, int times) {
        for (int i = 0; i < times; i++) {
            injectedStatuses.add(status);
        }
    }

    /** Robustness hook: flips a bit in every signature value from now on. */
    public void tamperSignatures(boolean tamper) {
        answers.tamperSignatures(tamper);
    }

    /** Robustness hook: reports this certificateLevel instead of the account's (null: the account's). */
    public void reportLevel(String level) {
        answers.reportLevel(level);
    }

    /** Robustness hook: answers with the certificate of another document number (null: the right one). */
    public void foreignCertificate(String documentNumber) {
        answers.foreignCertificate(documentNumber);
    }

    /** The callbacks the simulated app opened, oldest first (§15.12). */
    public List<String> openedCallbacks() {
        return sessions.openedCallbacks();
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
                ApiExchanges.sendJson(exchange, 200, phone.scan(body(exchange)));
                return;
            }
            Matcher session = SESSION.matcher(route);
            if (session.matches()) {
                requireMethod(exchange, "GET");
                deferred = longPoll.status(exchange, session.group(1));
                return;
            }
            requireMethod(exchange, "POST");
            ApiExchanges.sendJson(exchange, 200, endpoints.post(route, body(exchange)));
        } catch (SmartIdProblem e) {
            log.debug("Smart-ID {} answered {}: {}", route, e.status(), e.getMessage());
            ApiExchanges.sendJson(
                    exchange,
                    e.status(),
                    e.body("/task-id/" + sessions.token(14).toLowerCase()));
        } catch (RuntimeException e) {
            log.warn("Smart-ID {} failed", route, e);
            ApiExchanges.sendJson(
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

    private synchronized Integer nextInjectedStatus() {
        return injectedStatuses.poll();
    }

    private static void requireMethod(HttpExchange exchange, String method) {
        ApiExchanges.requireMethod(
                exchange, method, () -> SmartIdProblem.of(405, "Method Not Allowed", "Method not allowed"));
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        return SmartIdRequests.parse(ApiExchanges.readBody(
                exchange, MAX_BODY, () -> SmartIdProblem.of(413, "Payload Too Large", "Body too large")));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
