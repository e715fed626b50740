package dev.signingsuite.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bench harness on a handful of documents, so that it cannot rot: both runs complete and the
 * report holds what readers rely on. It asserts no speed; numbers come from runs by hand.
 */
@ExtendWith(OutputCaptureExtension.class)
class BenchCommandIT {

    @TempDir
    Path work;

    @Test
    void runsBaselineAndSuiteAndWritesTheReport(CapturedOutput output) throws Exception {
        Path json = work.resolve("report/bench.json");

        int status = StandaloneApplication.bench(Invocation.parse(
                "bench",
                "--documents",
                "12",
                "--size",
                "4000",
                "--level",
                "T",
                "--batch-window",
                "50",
                "--interactive-share",
                "0.25",
                "--json",
                json.toString(),
                "--standalone.data-dir=" + work.resolve("data")));

        assertThat(status).isZero();
        JsonNode report = JsonMapper.builder().build().readTree(Files.readString(json));
        assertThat(report.get("documents").asInt()).isEqualTo(12);
        assertThat(report.get("level").asString()).isEqualTo("T");
        assertThat(report.get("provider").asString()).isEqualTo("csc");
        double baseline = report.get("baseline_docs_per_s").asDouble();
        double suite = report.get("suite_docs_per_s").asDouble();
        assertThat(baseline).isPositive();
        assertThat(suite).isPositive();
        assertThat(report.get("ratio").asDouble())
                .isCloseTo(suite / baseline, org.assertj.core.data.Offset.offset(0.01));
        // Latency at half the suite's throughput, from a paced run, and in the burst.
        assertThat(report.get("half_load_docs_per_s").asDouble())
                .isCloseTo(suite / 2, org.assertj.core.data.Offset.offset(0.01));
        for (String prefix : new String[] {"", "burst_"}) {
            long p50 = report.get(prefix + "p50_ms").asLong();
            long p95 = report.get(prefix + "p95_ms").asLong();
            long p99 = report.get(prefix + "p99_ms").asLong();
            assertThat(p50).isPositive().isLessThanOrEqualTo(p95);
            assertThat(p95).isLessThanOrEqualTo(p99);
        }
        // A quarter as many Smart-ID documents as bulk ones, sealed while a bulk run is under way.
        assertThat(report.get("interactive_documents").asInt()).isEqualTo(3);
        assertThat(report.get("interactive_p50_ms").asLong())
                .isPositive()
                .isLessThanOrEqualTo(report.get("interactive_p99_ms").asLong());
        assertThat(report.get("interactive_bulk_docs_per_s").asDouble()).isPositive();
        // Every person's document is found at every hop, and no hop is longer than the longest wait
        // (with three documents, the p99 is the longest): the hops lie inside intake-to-outcome.
        var hops = report.get("interactive_hops_ms");
        assertThat(hops.get("documents").asInt()).isEqualTo(3);
        assertThat(hops.get("signer").get("p50").asLong()).isPositive();
        for (String hop : List.of("gateway", "hash", "provider", "signer", "augmentation", "container", "suite")) {
            assertThat(hops.get(hop).get("max").asLong())
                    .as(hop)
                    .isLessThanOrEqualTo(report.get("interactive_p99_ms").asLong());
        }
        // Three runs a side, the median reported; the baseline's thread count chosen by trial.
        assertThat(report.get("runs").asInt()).isEqualTo(3);
        assertThat(report.get("suite_runs_docs_per_s").size()).isEqualTo(3);
        assertThat(report.get("baseline_runs_docs_per_s").size()).isEqualTo(3);
        assertThat(report.get("baseline_threads").asInt()).isIn(2, 4, 8);
        assertThat(report.get("baseline_trial_docs_per_s").propertyNames()).containsExactly("2", "4", "8");
        double baselineCpu = report.get("baseline_cpu_ms_per_doc").asDouble();
        double suiteCpu = report.get("suite_cpu_ms_per_doc").asDouble();
        // Signing, timestamping and validating a document costs milliseconds of CPU, not microseconds
        // and not seconds: a meter that missed the workers' threads or counted idle time would not.
        assertThat(baselineCpu).isBetween(1.0, 2_000.0);
        assertThat(suiteCpu).isBetween(1.0, 5_000.0);
        JsonNode stageCpu = report.get("stage_cpu_ms_per_doc");
        for (String stage : new String[] {"hash", "provider", "augmentation", "container", "gateway", "broker"}) {
            assertThat(stageCpu.has(stage))
                    .as("stage %s in %s", stage, stageCpu)
                    .isTrue();
            assertThat(stageCpu.get(stage).asDouble()).as(stage).isPositive();
        }
        // The sandbox and the bench's own client are not the suite's work; the idle baseline neither.
        assertThat(stageCpu.propertyNames()).doesNotContain("sandbox", "bench", "baseline");
        assertThat(report.get("suite_peak_rss_mb").asLong()).isBetween(64L, 64_000L);
        // Every stage of the path recorded exactly the measured documents (the warm-up is subtracted).
        JsonNode stages = report.get("stage_mean_ms");
        for (String stage : new String[] {"hash", "provider", "augmentation", "container"}) {
            assertThat(stages.has(stage)).as("stage %s in %s", stage, stages).isTrue();
            assertThat(stages.get(stage).get("count").asLong()).isEqualTo(12);
        }
        assertThat(output.getOut())
                .contains("| ratio suite/baseline |")
                .contains("| suite at half that load, paced, once |")
                .contains("| whole suite (median of the runs' totals) |")
                .contains("JSON written to");
    }
}
