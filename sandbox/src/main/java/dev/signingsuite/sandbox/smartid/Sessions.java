package dev.signingsuite.sandbox.smartid;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated service's sessions from creation to completion: the simulated person answering
 * after the configured delay, and the device-link certificate choice that a linked signature must
 * follow (reference §15.13).
 */
final class Sessions {

    private static final Logger log = LoggerFactory.getLogger(Sessions.class);
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** A completed device-link certificate choice whose app waits for the linked signature. */
    private record LinkExpectation(String choiceSessionId, Instant until) {}

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final AtomicInteger created = new AtomicInteger();
    /** Document number -> the completed device-link certificate choice its app now waits to link. */
    private final Map<String, LinkExpectation> expectingLinked = new ConcurrentHashMap<>();

    private final List<String> openedCallbacks = new CopyOnWriteArrayList<>();
    private final SessionAnswers answers;
    private final Supplier<SmartIdSettings> settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService scheduler;

    Sessions(
            SessionAnswers answers,
            Supplier<SmartIdSettings> settings,
            Clock clock,
            ScheduledExecutorService scheduler) {
        this.answers = answers;
        this.settings = settings;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    Session open(
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
        byId.put(session.id, session);
        created.incrementAndGet();
        if (!deviceLink) {
            answerAfterDelay(session, "Notification");
        }
        return session;
    }

    /** The person answers as their account says, after the delay the current settings give. */
    void answerAfterDelay(Session session, String flowType) {
        SmartIdSettings current = settings.get();
        Duration delay =
                "TIMEOUT".equals(session.account.endResult()) ? current.timeoutDelay() : current.confirmationDelay();
        scheduler.schedule(() -> personAnswers(session, flowType), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    void personAnswers(Session session, String flowType) {
        try {
            complete(session, answers.outcome(session, flowType));
        } catch (RuntimeException e) {
            log.warn("Smart-ID session {} failed", session.id, e);
            complete(session, SessionAnswers.failure("SERVER_ERROR", null));
        }
    }

    void complete(Session session, Map<String, Object> body) {
        List<Session.Waiter> waiting = session.complete(body, clock.instant());
        if (session.completion() == body && session.ok()) {
            if (session.kind == Session.Kind.CERTIFICATE_CHOICE && session.deviceLink) {
                // §15.13: the app now waits for the linked signature of this certificate choice.
                expectingLinked.put(
                        session.account.documentNumber(),
                        new LinkExpectation(
                                session.id, clock.instant().plus(settings.get().linkedWindow())));
            } else if (session.kind == Session.Kind.SIGNATURE && session.initialCallbackUrl != null) {
                // §15.12: same-device and linked flows end by opening the callback (recorded, not fetched).
                openedCallbacks.add(session.initialCallbackUrl);
            } else if (session.kind == Session.Kind.AUTHENTICATION
                    && session.initialCallbackUrl != null
                    && !"QR".equals(SessionAnswers.flowType(body))) {
                // §9: an authentication's callback carries the verifier of its userChallenge.
                openedCallbacks.add(session.initialCallbackUrl + "&sessionSecretDigest="
                        + SessionAnswers.sessionSecretDigest(session.sessionSecret) + "&userChallengeVerifier="
                        + session.userChallengeVerifier);
            }
        }
        for (Session.Waiter waiter : waiting) {
            LongPoll.answer(waiter, body);
        }
    }

    /** The session while it is retained; forgets it once its retention after completion ended. */
    Optional<Session> retained(String id) {
        Session session = byId.get(id);
        Instant completedAt = session == null ? null : session.completedAt();
        if (completedAt != null && completedAt.plus(settings.get().retention()).isBefore(clock.instant())) {
            byId.remove(id);
            return Optional.empty();
        }
        return Optional.ofNullable(session);
    }

    Optional<Session> byDeviceLinkToken(String sessionToken) {
        return byId.values().stream()
                .filter(s -> s.deviceLink && sessionToken.equals(s.sessionToken))
                .findFirst();
    }

    int created() {
        return created.get();
    }

    int signaturesOpen() {
        return (int) byId.values().stream()
                .filter(s -> s.kind == Session.Kind.SIGNATURE && s.completion() == null)
                .count();
    }

    int answerWaitingNow(int count) {
        int answered = 0;
        for (Session session : List.copyOf(byId.values())) {
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

    List<String> openedCallbacks() {
        return List.copyOf(openedCallbacks);
    }

    void requireLinkable(String linkedSessionId, SmartIdAccounts.Account account) {
        Session choice = byId.get(linkedSessionId);
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

    /** The app no longer waits for a linked signature: it has started. */
    void linkedSignatureStarted(SmartIdAccounts.Account account) {
        expectingLinked.remove(account.documentNumber());
    }

    // §9: after a linked signature the app opens the certificate choice's callback.
    String linkedCallback(String linkedSessionId) {
        Session choice = byId.get(linkedSessionId);
        return choice == null ? null : choice.initialCallbackUrl;
    }

    /**
     * §15.13: another transaction while the app waits for the linked signature fails at once.
     *
     * @return whether the session ended for that reason (or had ended before)
     */
    boolean interruptsLinkedFlow(Session session) {
        LinkExpectation expected = expectingLinked.get(session.account.documentNumber());
        if (expected != null && !expected.until().isBefore(clock.instant())) {
            complete(session, SessionAnswers.failure("EXPECTED_LINKED_SESSION", null));
        }
        return session.completion() != null;
    }

    String token(int length) {
        StringBuilder token = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            token.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return token.toString();
    }
}
