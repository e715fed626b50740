package dev.signingsuite.sandbox.smartid;

import com.sun.net.httpserver.HttpExchange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** One session of the simulated service, from creation to the end of its retention. */
final class Session {

    enum Kind {
        SIGNATURE,
        CERTIFICATE_CHOICE,
        /** ACSP_V2; {@code sign} holds the request, its digest being the rpChallenge. */
        AUTHENTICATION
    }

    /** A long-poll request waiting for the session to change. */
    record Waiter(HttpExchange exchange, AtomicBoolean answered, ScheduledFuture<?>[] timeout) {}

    final String id;
    final Kind kind;
    final boolean deviceLink;
    final SmartIdRequests.Sign sign;
    final String level;
    final String initialCallbackUrl;
    final List<String> ignoredProperties;
    final Instant createdAt;
    final String sessionToken;
    final String sessionSecret;
    /** The relyingPartyName exactly as the request sent it: authCodes use its bytes (reference §1.2). */
    final String relyingPartyName;
    /** The userChallengeVerifier of a completed authentication: the app gives it to the callback only. */
    volatile String userChallengeVerifier;
    /** Null until a device-link session is scanned for an anonymous choice. */
    volatile SmartIdAccounts.Account account;

    private final List<Waiter> waiters = new ArrayList<>();
    private Map<String, Object> completion;
    private Instant completedAt;

    Session(
            String id,
            Kind kind,
            boolean deviceLink,
            SmartIdAccounts.Account account,
            SmartIdRequests.Sign sign,
            String level,
            String initialCallbackUrl,
            List<String> ignoredProperties,
            Instant createdAt,
            String sessionToken,
            String sessionSecret,
            String relyingPartyName) {
        this.id = id;
        this.kind = kind;
        this.deviceLink = deviceLink;
        this.account = account;
        this.sign = sign;
        this.level = level;
        this.initialCallbackUrl = initialCallbackUrl;
        this.ignoredProperties = List.copyOf(ignoredProperties);
        this.createdAt = createdAt;
        this.sessionToken = sessionToken;
        this.sessionSecret = sessionSecret;
        this.relyingPartyName = relyingPartyName;
    }

    /** The COMPLETE body, or null while RUNNING. */
    synchronized Map<String, Object> completion() {
        return completion;
    }

    synchronized Instant completedAt() {
        return completedAt;
    }

    /** Completes once; returns the waiters to answer, or an empty list if it was complete already. */
    synchronized List<Waiter> complete(Map<String, Object> body, Instant at) {
        if (completion != null) {
            return List.of();
        }
        completion = body;
        completedAt = at;
        List<Waiter> waiting = List.copyOf(waiters);
        waiters.clear();
        return waiting;
    }

    /** Adds a waiter unless complete; returns the completion if there is one. */
    synchronized Map<String, Object> await(Waiter waiter) {
        if (completion == null) {
            waiters.add(waiter);
        }
        return completion;
    }

    synchronized void forget(Waiter waiter) {
        waiters.remove(waiter);
    }

    boolean ok() {
        Map<String, Object> body = completion();
        return body != null && "OK".equals(((Map<?, ?>) body.get("result")).get("endResult"));
    }
}
