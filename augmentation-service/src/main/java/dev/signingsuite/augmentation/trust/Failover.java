package dev.signingsuite.augmentation.trust;

import eu.europa.esig.dss.model.DSSException;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Trust-service endpoints tried in order until one answers, each request timed per endpoint with
 * its outcome ({@code success}, {@code empty}, {@code error}): what the TSA and OCSP failover share.
 * When every endpoint failed, the round is tried again after a short pause, up to {@code rounds}
 * times: a TSA that answers one request in three with 503 or a reset connection then costs a few
 * hundred milliseconds, where handing the record back to the binder cost the whole poll a
 * redelivery and its backoff (measured under chaos: augmentation at about 1 document/s per
 * consumer with 30 % of requests failed).
 *
 * @param <S> a DSS source bound to one endpoint
 */
final class Failover<S> {

    private final Map<String, S> endpoints;
    private final BiFunction<String, String, Timer> timer;
    private final Attempts attempts;

    /**
     * How often every endpoint is tried for one request, and the pause between rounds.
     *
     * @param rounds at least 1
     */
    record Attempts(int rounds, Duration pause) {

        static final Attempts ONCE = new Attempts(1, Duration.ZERO);

        Attempts {
            if (rounds < 1 || pause.isNegative()) {
                throw new IllegalArgumentException("rounds must be at least 1 and pause not negative");
            }
        }
    }

    /**
     * @param endpoints by their name in the meters (a URL, or {@code aia}), in the order they are tried
     * @param timer the request timer for an outcome and an endpoint
     */
    Failover(Map<String, S> endpoints, BiFunction<String, String, Timer> timer, Attempts attempts) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one endpoint");
        }
        this.endpoints = new LinkedHashMap<>(endpoints);
        this.timer = timer;
        this.attempts = attempts;
    }

    /**
     * The first answer that is not null, or null; the last failure of every endpoint in {@code
     * failures}. An empty answer (no failure) ends the attempts: asking again would not change it.
     */
    <T> T firstAnswer(Function<S, T> request, Map<String, DSSException> failures) {
        for (int round = 1; ; round++) {
            failures.clear();
            T answer = oneRound(request, failures);
            if (answer != null || failures.isEmpty() || round >= attempts.rounds()) {
                return answer;
            }
            try {
                Thread.sleep(attempts.pause().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private <T> T oneRound(Function<S, T> request, Map<String, DSSException> failures) {
        for (Map.Entry<String, S> endpoint : endpoints.entrySet()) {
            Timer.Sample sample = Timer.start();
            String outcome = "error";
            try {
                T answer = request.apply(endpoint.getValue());
                outcome = answer == null ? "empty" : "success";
                if (answer != null) {
                    return answer;
                }
            } catch (DSSException e) {
                failures.put(endpoint.getKey(), e);
            } finally {
                sample.stop(timer.apply(outcome, endpoint.getKey()));
            }
        }
        return null;
    }
}
