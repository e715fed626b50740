package dev.signingsuite.standalone.seal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The summary scripts and people read after a seal run. */
public record SealReport(List<SealOutcome> outcomes, Duration elapsed, Path trustAnchor, boolean timedOut) {

    public SealReport {
        outcomes = List.copyOf(outcomes);
    }

    public long failures() {
        return outcomes.stream().filter(o -> !o.succeeded()).count();
    }

    public boolean allSealed() {
        return failures() == 0 && !timedOut;
    }

    public void print(PrintStream out) {
        long sealed = outcomes.size() - failures();
        out.printf(Locale.ROOT, "%nSealed %d of %d documents in %.1f s%n", sealed, outcomes.size(), seconds());
        out.printf(Locale.ROOT, "  throughput      %.1f documents/s%n", documentsPerSecond());
        List<Long> latencies = latencyMillis();
        if (!latencies.isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "  latency         p50 %d ms, p95 %d ms, p99 %d ms (intake to outcome)%n",
                    percentile(latencies, 50),
                    percentile(latencies, 95),
                    percentile(latencies, 99));
        }
        out.printf("  trust anchor    %s%n", trustAnchor.toAbsolutePath());
        if (timedOut) {
            out.println("  timed out: documents without an outcome are listed as failed");
        }
        outcomes.stream()
                .filter(o -> !o.succeeded())
                .forEach(o -> out.printf("  FAILED %s: %s%n", o.fileName(), o.failure()));
        out.flush();
    }

    private double seconds() {
        return elapsed.toMillis() / 1000.0;
    }

    /** Documents with an outcome per second of the run. */
    public double documentsPerSecond() {
        return outcomes.size() / Math.max(elapsed.toNanos() / 1e9, 1e-3);
    }

    /** Each outcome's wait from intake to outcome, in milliseconds, sorted. */
    public List<Long> latencyMillis() {
        return outcomes.stream()
                .filter(o -> o.latency() != null)
                .map(o -> o.latency().toMillis())
                .sorted()
                .toList();
    }

    /** Fails a measurement over documents that did not all seal: its figures would mean nothing. */
    public void requireAllSealed(String run) {
        if (!allSealed()) {
            throw new IllegalStateException("the suite did not seal every document of the " + run + ": "
                    + outcomes.stream()
                            .filter(o -> !o.succeeded())
                            .map(o -> o.fileName() + ": " + o.failure())
                            .limit(5)
                            .toList());
        }
    }

    /** Nearest-rank percentile of sorted values. */
    public static long percentile(List<Long> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
