package dev.signingsuite.standalone.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VictimsTest {

    private static final List<String> PROCESSES = List.of(
            "hash-service#1",
            "hash-service#2",
            "augmentation-service#1",
            "augmentation-service#2",
            "container-service#1",
            "container-service#2",
            "gateway#1",
            "provider-csc#1",
            "provider-csc#2");

    @Test
    void everyKindOfServiceIsKilledOnceBeforeAnyKindAgain() {
        for (long seed = 0; seed < 50; seed++) {
            Victims<String> victims = new Victims<>(p -> p.substring(0, p.indexOf('#')), new Random(seed));
            List<String> kinds = new ArrayList<>();
            for (int kill = 0; kill < 5; kill++) {
                String victim = victims.apply(PROCESSES);
                kinds.add(victim.substring(0, victim.indexOf('#')));
            }

            assertThat(kinds)
                    .as("seed %d", seed)
                    .containsExactlyInAnyOrder(
                            "hash-service", "augmentation-service", "container-service", "gateway", "provider-csc");
        }
    }

    @Test
    void afterEveryKindAnyProcessMayBeDrawn() {
        Victims<String> victims = new Victims<>(p -> p.substring(0, p.indexOf('#')), new Random(7));
        for (int kill = 0; kill < 5; kill++) {
            victims.apply(PROCESSES);
        }
        List<String> later = new ArrayList<>();
        for (int kill = 0; kill < 200; kill++) {
            later.add(victims.apply(PROCESSES));
        }

        assertThat(later).containsAll(PROCESSES);
    }
}
