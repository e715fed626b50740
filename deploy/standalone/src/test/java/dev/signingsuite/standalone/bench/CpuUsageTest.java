package dev.signingsuite.standalone.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How one run's CPU readings become the baseline's, the suite's and each stage's share. */
class CpuUsageTest {

    private static final String CONTAINER =
            "KafkaConsumerDestination{consumerDestinationName='signing.signature-augmented.v1', partitions=6,"
                    + " dlqName='error.signing.signature-augmented.v1.container-service'}.container-0-C-1";

    private final CpuUsage usage = new CpuUsage(
            1_000,
            40,
            Map.of(
                    "baseline-loop-1",
                    100L,
                    "baseline-loop-2",
                    110L,
                    CONTAINER,
                    300L,
                    "data-plane-kafka-request-handler-0",
                    150L,
                    "sandbox-http-1",
                    90L,
                    "HTTP-Dispatcher",
                    10L,
                    "main",
                    20L,
                    CpuMeter.SAMPLER_THREAD,
                    5L),
            Map.of("gc", 80L, "jit", 60L));

    @Test
    void whatNoThreadExplainsIsTheJvmsAndGroupsAddUpToTheProcess() {
        Map<String, Long> groups = usage.byGroup();

        assertThat(groups)
                .containsEntry("baseline", 210L)
                .containsEntry("container", 300L)
                .containsEntry("broker", 150L)
                .containsEntry("sandbox", 100L)
                .containsEntry("bench", 25L)
                .containsEntry("gc", 80L)
                .containsEntry("jit", 60L)
                .containsEntry(CpuUsage.JVM, 1_000L - 210 - 300 - 150 - 100 - 25 - 80 - 60)
                .containsEntry(CpuUsage.DATABASE, 40L);
    }

    @Test
    void theSuiteLeavesOutTheSandboxTheBenchAndTheBaselineButKeepsGcJitAndItsDatabase() {
        assertThat(usage.suiteStages())
                .containsOnlyKeys("container", "broker", "gc", "jit", CpuUsage.JVM, CpuUsage.DATABASE);
        assertThat(usage.suiteNanos()).isEqualTo(300 + 150 + 80 + 60 + 75 + 40);
    }

    @Test
    void theBaselineIsItsThreadsAndTheJvmsNotTheIdleSuiteBesideIt() {
        assertThat(usage.baselineNanos()).isEqualTo(210 + 80 + 60 + 75);
    }

    @Test
    void aThreadReadAfterTheProcessLeavesNoNegativeRemainder() {
        CpuUsage late = new CpuUsage(100, 0, Map.of("baseline-loop-1", 120L), Map.of());

        assertThat(late.byGroup()).containsEntry(CpuUsage.JVM, 0L);
    }

    @Test
    void theMedianIsTheMiddleRun() {
        assertThat(BenchResult.median(List.of(0.70, 0.57, 0.64))).isEqualTo(0.64);
        assertThat(BenchResult.median(List.of(2.0, 1.0))).isEqualTo(1.5);
    }
}
