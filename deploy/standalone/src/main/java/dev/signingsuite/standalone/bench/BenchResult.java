package dev.signingsuite.standalone.bench;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One bench run: the baseline's and the suite's throughput (everything submitted at once), the
 * suite's latency from intake to {@code ContainerAssembled} at half that throughput (the load our
 * latency goal speaks of) and in the burst, and the mean time each stage's own timer recorded.
 */
public record BenchResult(
        int documents,
        int documentBytes,
        String level,
        String provider,
        int partitions,
        int threads,
        double baselineDocsPerSecond,
        double suiteDocsPerSecond,
        double halfLoadDocsPerSecond,
        long p50Millis,
        long p95Millis,
        long p99Millis,
        long burstP50Millis,
        long burstP95Millis,
        long burstP99Millis,
        Map<String, StageTime> stages) {

    public record StageTime(long count, double meanMillis) {}

    public double ratio() {
        return baselineDocsPerSecond == 0 ? 0 : suiteDocsPerSecond / baselineDocsPerSecond;
    }

    public String json() {
        String stageJson = stages.entrySet().stream()
                .map(e -> String.format(
                        Locale.ROOT,
                        "\"%s\": {\"count\": %d, \"mean_ms\": %.2f}",
                        e.getKey(),
                        e.getValue().count(),
                        e.getValue().meanMillis()))
                .collect(Collectors.joining(", ", "{", "}"));
        return String.format(
                Locale.ROOT,
                """
                {
                  "documents": %d,
                  "document_bytes": %d,
                  "level": "%s",
                  "provider": "%s",
                  "partitions": %d,
                  "baseline_threads": %d,
                  "baseline_docs_per_s": %.2f,
                  "suite_docs_per_s": %.2f,
                  "ratio": %.3f,
                  "half_load_docs_per_s": %.2f,
                  "p50_ms": %d,
                  "p95_ms": %d,
                  "p99_ms": %d,
                  "burst_p50_ms": %d,
                  "burst_p95_ms": %d,
                  "burst_p99_ms": %d,
                  "stage_mean_ms": %s
                }
                """,
                documents,
                documentBytes,
                level,
                provider,
                partitions,
                threads,
                baselineDocsPerSecond,
                suiteDocsPerSecond,
                ratio(),
                halfLoadDocsPerSecond,
                p50Millis,
                p95Millis,
                p99Millis,
                burstP50Millis,
                burstP95Millis,
                burstP99Millis,
                stageJson);
    }

    public String markdown() {
        StringBuilder table = new StringBuilder();
        table.append(String.format(
                Locale.ROOT,
                "%d documents of %d bytes at %s with %s, %d partitions%n%n",
                documents,
                documentBytes,
                level,
                provider,
                partitions));
        table.append("| run | documents/s | p50 ms | p95 ms | p99 ms |\n| --- | ---: | ---: | ---: | ---: |\n");
        table.append(String.format(
                Locale.ROOT, "| baseline (DSS loop, %d threads) | %.1f | | | |%n", threads, baselineDocsPerSecond));
        table.append(String.format(
                Locale.ROOT,
                "| suite (Kafka, every service), all at once | %.1f | %d | %d | %d |%n",
                suiteDocsPerSecond,
                burstP50Millis,
                burstP95Millis,
                burstP99Millis));
        table.append(String.format(
                Locale.ROOT,
                "| suite at half that load, paced | %.1f | %d | %d | %d |%n",
                halfLoadDocsPerSecond,
                p50Millis,
                p95Millis,
                p99Millis));
        table.append(String.format(Locale.ROOT, "| ratio suite/baseline | %.2f | | | |%n%n", ratio()));
        // A stage's timer times one unit of its work: a document, or for a batching provider a batch.
        table.append("| stage (own timer) | units timed | mean ms per unit |\n| --- | ---: | ---: |\n");
        stages.forEach((stage, time) -> table.append(
                String.format(Locale.ROOT, "| %s | %d | %.1f |%n", stage, time.count(), time.meanMillis())));
        return table.toString();
    }
}
