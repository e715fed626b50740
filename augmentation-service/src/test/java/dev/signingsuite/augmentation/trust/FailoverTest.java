package dev.signingsuite.augmentation.trust;

import static org.assertj.core.api.Assertions.assertThat;

import eu.europa.esig.dss.model.DSSException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The rounds over a trust service's endpoints: a passing fault is tried again, an empty answer is not. */
class FailoverTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<String> calls = new ArrayList<>();

    @Test
    void aRoundOfFailuresIsTriedAgainAndTheFirstAnswerWins() {
        Failover<String> failover = failover(3, "tsa-1", "tsa-2");
        AtomicInteger failuresLeft = new AtomicInteger(3);
        Map<String, DSSException> failures = new LinkedHashMap<>();

        String answer = failover.firstAnswer(endpoint -> answerAfter(endpoint, failuresLeft), failures);

        assertThat(answer).isEqualTo("token from tsa-2");
        assertThat(calls)
                .as("both endpoints failed in round 1; tsa-1 failed again in round 2, tsa-2 answered")
                .containsExactly("tsa-1", "tsa-2", "tsa-1", "tsa-2");
        assertThat(failures).as("the answering round's failures only").containsOnlyKeys("tsa-1");
    }

    @Test
    void afterTheLastRoundEveryEndpointsLastFailureIsReported() {
        Failover<String> failover = failover(2, "tsa-1", "tsa-2");
        Map<String, DSSException> failures = new LinkedHashMap<>();

        String answer = failover.firstAnswer(endpoint -> answerAfter(endpoint, new AtomicInteger(100)), failures);

        assertThat(answer).isNull();
        assertThat(calls).hasSize(4);
        assertThat(failures).containsOnlyKeys("tsa-1", "tsa-2");
        assertThat(meters.timer("signing.tsp.requests", "outcome", "error", "endpoint", "tsa-1")
                        .count())
                .isEqualTo(2);
    }

    @Test
    void anEmptyAnswerIsNotAskedAgain() {
        Failover<String> failover = failover(3, "ocsp");
        Map<String, DSSException> failures = new LinkedHashMap<>();

        String answer = failover.firstAnswer(
                endpoint -> {
                    calls.add(endpoint);
                    return null;
                },
                failures);

        assertThat(answer).isNull();
        assertThat(calls).as("no failure: the responder has nothing for us").containsExactly("ocsp");
    }

    private String answerAfter(String endpoint, AtomicInteger failuresLeft) {
        calls.add(endpoint);
        if (failuresLeft.getAndDecrement() > 0) {
            throw new DSSException(endpoint + " answered HTTP 503");
        }
        return "token from " + endpoint;
    }

    private Failover<String> failover(int rounds, String... endpoints) {
        Map<String, String> named = new LinkedHashMap<>();
        for (String endpoint : endpoints) {
            named.put(endpoint, endpoint);
        }
        return new Failover<>(
                named,
                (outcome, endpoint) -> meters.timer("signing.tsp.requests", "outcome", outcome, "endpoint", endpoint),
                new Failover.Attempts(rounds, Duration.ofMillis(1)));
    }
}
