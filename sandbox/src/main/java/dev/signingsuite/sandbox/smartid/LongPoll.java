package dev.signingsuite.sandbox.smartid;

import com.sun.net.httpserver.HttpExchange;
import dev.signingsuite.sandbox.http.ApiExchanges;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET session/{id}?timeoutMs=}: answered now if the session is complete, else when it
 * completes or the wait ends. The waiting exchange holds no server thread: the scheduler or the
 * completing thread answers it.
 */
final class LongPoll {

    private static final Logger log = LoggerFactory.getLogger(LongPoll.class);

    private final Sessions sessions;
    private final ScheduledExecutorService scheduler;

    LongPoll(Sessions sessions, ScheduledExecutorService scheduler) {
        this.sessions = sessions;
        this.scheduler = scheduler;
    }

    /** @return whether the answer is deferred (the caller must then leave the exchange open) */
    boolean status(HttpExchange exchange, String id) throws IOException {
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw SmartIdProblem.invalid("/sessionId", "Invalid sessionId");
        }
        Session session =
                sessions.retained(id).orElseThrow(() -> SmartIdProblem.of(404, "Not Found", "Session not found"));
        long timeoutMs = timeoutMs(exchange.getRequestURI().getQuery());
        Session.Waiter waiter = new Session.Waiter(exchange, new AtomicBoolean(), new ScheduledFuture<?>[1]);
        Map<String, Object> completion = session.await(waiter);
        if (completion != null) {
            ApiExchanges.sendJson(exchange, 200, completion);
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

    /** Answers a waiting exchange once: completion and timeout may race. */
    static void answer(Session.Waiter waiter, Map<String, Object> body) {
        if (!waiter.answered().compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> timeout = waiter.timeout()[0];
        if (timeout != null) {
            timeout.cancel(false);
        }
        try {
            ApiExchanges.sendJson(waiter.exchange(), 200, body);
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
}
