package dev.signingsuite.standalone.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the records' timestamps become each hop's time and the suite's share of a person's wait. */
class LaneHopsTest {

    @Test
    void eachHopIsTheTimeBetweenConsecutiveStampsAndTheSuitesShareLeavesOutTheProvider() {
        Map<String, Map<String, Long>> stamps = new LinkedHashMap<>();
        stamps.put("intake", Map.of("a", 0L, "b", 0L, "c", 0L));
        stamps.put("received", Map.of("a", 10L, "b", 20L, "c", 5L));
        stamps.put("hashed", Map.of("a", 30L, "b", 40L, "c", 6L));
        stamps.put("requested", Map.of("a", 30L, "b", 40L, "c", 6L));
        stamps.put("signed", Map.of("a", 2_030L, "b", 2_540L, "c", 7L));
        stamps.put("augmented", Map.of("a", 2_130L, "b", 2_600L));
        stamps.put("assembled", Map.of("a", 2_150L, "b", 3_600L));

        LaneHops hops = LaneHops.of(List.of("a", "b", "c"), stamps);

        // c never reached augmentation: it is left out rather than counted as zero.
        assertThat(hops.documents()).isEqualTo(2);
        assertThat(hops.hops()).containsOnlyKeys("gateway", "hash", "provider", "signer", "augmentation", "container");
        assertThat(hops.hops().get("gateway")).containsExactly(10, 20, 20);
        assertThat(hops.hops().get("provider")).containsExactly(0, 0, 0);
        assertThat(hops.hops().get("signer")).containsExactly(2_000, 2_500, 2_500);
        assertThat(hops.hops().get("container")).containsExactly(20, 1_000, 1_000);
        // a: 10 + 20 + 100 + 20; b: 20 + 20 + 60 + 1,000.
        assertThat(hops.beyondProvider()).containsExactly(150, 1_100, 1_100);
        // b took longest (3,600 ms); each row is when it came, then its five hops.
        assertThat(hops.slowest()).hasSize(2);
        assertThat(hops.slowest().get(0)).containsExactly(0, 20, 20, 0, 2_500, 60, 1_000);
        assertThat(hops.lines()).contains("slow: submitted at +0 ms, then 20 / 20 / 0 / 2500 / 60 / 1000 ms");
        assertThat(hops.json())
                .contains("\"signer\": {\"p50\": 2000, \"p99\": 2500, \"max\": 2500}")
                .contains("\"suite\": {\"p50\": 150, \"p99\": 1100, \"max\": 1100}")
                .endsWith("\"documents\": 2}");
    }
}
