package dev.signingsuite.standalone.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * One bench: the baseline's and the suite's throughput (everything submitted at once) and CPU per
 * document, each the median of {@link Baseline#docsPerSecond() several runs}; the suite's CPU by
 * stage and its peak memory; its latency from intake to {@code ContainerAssembled} at half that
 * throughput (the load our latency goal speaks of) and in the burst, with the half load's time hop
 * by hop; and the mean time each stage's own timer recorded.
 */
public record BenchResult(
        int documents,
        int documentBytes,
        String level,
        String format,
        String provider,
        int partitions,
        Baseline baseline,
        Suite suite,
        double halfLoadDocsPerSecond,
        long p50Millis,
        long p95Millis,
        long p99Millis,
        Map<String, StageTime> stages,
        Interactive interactive,
        LaneHops halfLoadHops) {

    public record StageTime(long count, double meanMillis) {}

    /**
     * A person's documents (Smart-ID, the interactive lane) sealed while a bulk run is under way.
     *
     * @param documents how many, paced across the bulk run
     * @param p50Millis from intake to outcome, the simulator's person's own time (2 s) included
     * @param bulkDocsPerSecond the bulk run's own throughput meanwhile
     * @param hops where that time went, hop by hop
     */
    public record Interactive(int documents, long p50Millis, long p99Millis, double bulkDocsPerSecond, LaneHops hops) {}

    /**
     * @param threads the thread count that was fastest in the trial
     * @param trialDocuments documents of the trial each thread count sealed
     * @param trialDocsPerSecond by thread count
     * @param docsPerSecond of each measured run, in run order
     * @param cpuMsPerDoc of each measured run, in run order
     */
    public record Baseline(
            int threads,
            int trialDocuments,
            Map<Integer, Double> trialDocsPerSecond,
            List<Double> docsPerSecond,
            List<Double> cpuMsPerDoc) {}

    /**
     * @param stageCpuMsPerDoc by stage, each the median of the runs
     * @param peakRssBytes of the whole process during the measured runs; empty off Linux
     * @param peakOfSuiteRuns false when the peak could not be reset: it is then the process's peak
     *     since it started, baseline included
     * @param burstP50Millis latencies of the median run
     */
    public record Suite(
            List<Double> docsPerSecond,
            List<Double> cpuMsPerDoc,
            Map<String, Double> stageCpuMsPerDoc,
            OptionalLong peakRssBytes,
            boolean peakOfSuiteRuns,
            long burstP50Millis,
            long burstP95Millis,
            long burstP99Millis) {}

    public double baselineDocsPerSecond() {
        return median(baseline.docsPerSecond());
    }

    public double suiteDocsPerSecond() {
        return median(suite.docsPerSecond());
    }

    public double baselineCpuMsPerDoc() {
        return median(baseline.cpuMsPerDoc());
    }

    public double suiteCpuMsPerDoc() {
        return median(suite.cpuMsPerDoc());
    }

    public double ratio() {
        return baselineDocsPerSecond() == 0 ? 0 : suiteDocsPerSecond() / baselineDocsPerSecond();
    }

    public double cpuRatio() {
        return baselineCpuMsPerDoc() == 0 ? 0 : suiteCpuMsPerDoc() / baselineCpuMsPerDoc();
    }

    public long suitePeakRssMb() {
        return suite.peakRssBytes().orElse(0) / (1024 * 1024);
    }

    /** The middle value; of an even count, the mean of the two middle ones. */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    public String json() {
        String stageJson = stages.entrySet().stream()
                .map(e -> format(
                        "\"%s\": {\"count\": %d, \"mean_ms\": %.2f}",
                        e.getKey(), e.getValue().count(), e.getValue().meanMillis()))
                .collect(Collectors.joining(", ", "{", "}"));
        String trials = baseline.trialDocsPerSecond().entrySet().stream()
                .map(e -> format("\"%d\": %.2f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
        String stageCpu = suite.stageCpuMsPerDoc().entrySet().stream()
                .map(e -> format("\"%s\": %.2f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
        return String.join(
                "\n",
                "{",
                format("  \"documents\": %d,", documents),
                format("  \"document_bytes\": %d,", documentBytes),
                format("  \"level\": \"%s\",", level),
                format("  \"format\": \"%s\",", format),
                format("  \"provider\": \"%s\",", provider),
                format("  \"partitions\": %d,", partitions),
                format("  \"runs\": %d,", suite.docsPerSecond().size()),
                format("  \"baseline_threads\": %d,", baseline.threads()),
                format("  \"baseline_trial_documents\": %d,", baseline.trialDocuments()),
                format("  \"baseline_trial_docs_per_s\": %s,", trials),
                format("  \"baseline_docs_per_s\": %.2f,", baselineDocsPerSecond()),
                format("  \"baseline_runs_docs_per_s\": %s,", list(baseline.docsPerSecond())),
                format("  \"suite_docs_per_s\": %.2f,", suiteDocsPerSecond()),
                format("  \"suite_runs_docs_per_s\": %s,", list(suite.docsPerSecond())),
                format("  \"ratio\": %.3f,", ratio()),
                format("  \"baseline_cpu_ms_per_doc\": %.2f,", baselineCpuMsPerDoc()),
                format("  \"baseline_runs_cpu_ms_per_doc\": %s,", list(baseline.cpuMsPerDoc())),
                format("  \"suite_cpu_ms_per_doc\": %.2f,", suiteCpuMsPerDoc()),
                format("  \"suite_runs_cpu_ms_per_doc\": %s,", list(suite.cpuMsPerDoc())),
                format("  \"cpu_ratio\": %.3f,", cpuRatio()),
                format("  \"stage_cpu_ms_per_doc\": %s,", stageCpu),
                format("  \"suite_peak_rss_mb\": %d,", suitePeakRssMb()),
                format("  \"suite_peak_rss_scope\": \"%s\",", suite.peakOfSuiteRuns() ? "suite runs" : "process"),
                format("  \"half_load_docs_per_s\": %.2f,", halfLoadDocsPerSecond),
                format("  \"p50_ms\": %d,", p50Millis),
                format("  \"p95_ms\": %d,", p95Millis),
                format("  \"p99_ms\": %d,", p99Millis),
                format("  \"half_load_hops_ms\": %s,", halfLoadHops.json()),
                format("  \"burst_p50_ms\": %d,", suite.burstP50Millis()),
                format("  \"burst_p95_ms\": %d,", suite.burstP95Millis()),
                format("  \"burst_p99_ms\": %d,", suite.burstP99Millis()),
                interactive == null
                        ? "  \"interactive_p99_ms\": null,"
                        : format(
                                "  \"interactive_documents\": %d, \"interactive_p50_ms\": %d, \"interactive_p99_ms\": %d,"
                                        + " \"interactive_bulk_docs_per_s\": %.2f,%n  \"interactive_hops_ms\": %s,",
                                interactive.documents(),
                                interactive.p50Millis(),
                                interactive.p99Millis(),
                                interactive.bulkDocsPerSecond(),
                                interactive.hops().json()),
                format("  \"stage_mean_ms\": %s", stageJson),
                "}",
                "");
    }

    public String markdown() {
        StringBuilder table = new StringBuilder();
        int runs = suite.docsPerSecond().size();
        table.append(format(
                "%d documents of %d bytes in %s at %s with %s, %d partitions; each side run %d times, medians%n%n",
                documents, documentBytes, format, level, provider, partitions, runs));
        table.append("| run | documents/s | each run | CPU ms per document | each run | p50 ms | p95 ms | p99 ms |\n"
                + "| --- | ---: | --- | ---: | --- | ---: | ---: | ---: |\n");
        table.append(format(
                "| baseline (DSS loop, %d threads) | %.1f | %s | %.1f | %s | | | |%n",
                baseline.threads(),
                baselineDocsPerSecond(),
                runs(baseline.docsPerSecond()),
                baselineCpuMsPerDoc(),
                runs(baseline.cpuMsPerDoc())));
        table.append(format(
                "| suite (Kafka, every service), all at once | %.1f | %s | %.1f | %s | %d | %d | %d |%n",
                suiteDocsPerSecond(),
                runs(suite.docsPerSecond()),
                suiteCpuMsPerDoc(),
                runs(suite.cpuMsPerDoc()),
                suite.burstP50Millis(),
                suite.burstP95Millis(),
                suite.burstP99Millis()));
        table.append(format(
                "| suite at half that load, paced, once | %.1f | | | | %d | %d | %d |%n",
                halfLoadDocsPerSecond, p50Millis, p95Millis, p99Millis));
        if (interactive != null) {
            table.append(format(
                    "| %d Smart-ID documents during a bulk run (bulk at %.1f/s) | | | | | %d | | %d |%n",
                    interactive.documents(),
                    interactive.bulkDocsPerSecond(),
                    interactive.p50Millis(),
                    interactive.p99Millis()));
        }
        table.append(format("| ratio suite/baseline | %.2f | | %.2f | | | | |%n%n", ratio(), cpuRatio()));
        table.append(format(
                "Baseline threads by trial (%d documents each): %s documents/s; kept %d.%n",
                baseline.trialDocuments(),
                baseline.trialDocsPerSecond().entrySet().stream()
                        .map(e -> format("%d → %.1f", e.getKey(), e.getValue()))
                        .collect(Collectors.joining(", ")),
                baseline.threads()));
        table.append(format(
                "Suite peak resident memory: %d MiB (%s).%n%n",
                suitePeakRssMb(),
                suite.peakOfSuiteRuns()
                        ? "the whole process during the suite's runs"
                        : "the process's peak since it started: the kernel refused to reset it"));
        table.append("| stage | CPU ms per document |\n| --- | ---: |\n");
        suite.stageCpuMsPerDoc().forEach((stage, ms) -> table.append(format("| %s | %.1f |%n", stage, ms)));
        table.append(format("| whole suite (median of the runs' totals) | %.1f |%n%n", suiteCpuMsPerDoc()));
        // A stage's timer times one unit of its work: a document, or for a batching provider a batch.
        table.append("| stage (own timer, median run) | units timed | mean ms per unit |\n| --- | ---: | ---: |\n");
        stages.forEach(
                (stage, time) -> table.append(format("| %s | %d | %.1f |%n", stage, time.count(), time.meanMillis())));
        return table.toString();
    }

    private static String runs(List<Double> values) {
        return values.stream().map(v -> format("%.1f", v)).collect(Collectors.joining(" / "));
    }

    private static String list(List<Double> values) {
        return values.stream().map(v -> format("%.2f", v)).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
