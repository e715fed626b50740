package dev.signingsuite.standalone.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChaosReportTest {

    @Test
    void passesOnlyWithNothingMissingTwiceInvalidOrUnanswered() {
        assertThat(report(0, 0, 0, 0, 10).passed()).isTrue();
        assertThat(report(1, 0, 0, 0, 10).passed()).as("missing").isFalse();
        assertThat(report(0, 1, 0, 0, 10).passed()).as("duplicate outcome").isFalse();
        assertThat(report(0, 0, 1, 0, 10).passed()).as("double signature").isFalse();
        assertThat(report(0, 0, 0, 1, 10).passed()).as("invalid container").isFalse();
        assertThat(report(0, 0, 0, 0, 9).passed()).as("unanswered malformed").isFalse();
    }

    @Test
    void jsonHasTheIssuesFields() {
        String json = report(0, 0, 0, 0, 10).json();

        assertThat(json)
                .contains("\"submitted\": 100")
                .contains("\"assembled\": 98")
                .contains("\"failed\": {\"TIMESTAMP_UNAVAILABLE\": 2}")
                .contains("\"missing\": 0")
                .contains("\"duplicate_outcomes\": 0")
                .contains("\"containers_invalid\": 0")
                .contains("\"remote_signatures\": 98")
                .contains("\"double_signatures\": 0")
                .contains("\"kills\": {\"gateway\": 1, \"hash-service\": 2}")
                .contains("\"broker_kills\": 1")
                .contains("\"malformed_sent\": 10")
                .contains("\"malformed_answered\": 10")
                .contains("\"elapsed_s\": 321.5")
                .contains("\"passed\": true");
    }

    private static ChaosReport report(int missing, int duplicates, int doubles, int invalid, int answered) {
        return new ChaosReport(
                100,
                98,
                Map.of("TIMESTAMP_UNAVAILABLE", 2),
                missing,
                duplicates,
                invalid,
                98,
                doubles,
                Map.of("hash-service", 2, "gateway", 1),
                1,
                10,
                answered,
                answered == 10 ? Map.of() : Map.of("NOT_JSON", 10 - answered),
                true,
                true,
                41.0,
                321.5);
    }
}
