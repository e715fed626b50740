package dev.signingsuite.augmentation.trust;

import eu.europa.esig.dss.model.DSSException;
import io.micrometer.core.instrument.Timer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Trust-service endpoints tried in order until one answers, each request timed per endpoint with
 * its outcome ({@code success}, {@code empty}, {@code error}): what the TSA and OCSP failover share.
 *
 * @param <S> a DSS source bound to one endpoint
 */
final class Failover<S> {

    private final Map<String, S> endpoints;
    private final BiFunction<String, String, Timer> timer;

    /**
     * @param endpoints by their name in the meters (a URL, or {@code aia}), in the order they are tried
     * @param timer the request timer for an outcome and an endpoint
     */
    Failover(Map<String, S> endpoints, BiFunction<String, String, Timer> timer) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one endpoint");
        }
        this.endpoints = new LinkedHashMap<>(endpoints);
        this.timer = timer;
    }

    /** The first answer that is not null, or null; every endpoint's failure in {@code failures}. */
    <T> T firstAnswer(Function<S, T> request, Map<String, DSSException> failures) {
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
