package dev.signingsuite.standalone.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The baseline's side of a bench: a warm-up, a trial of each thread count on a slice of the
 * documents (its TSA and OCSP calls block, so more threads than cores can pay), then the measured
 * runs with the fastest count, each metered for CPU.
 */
public final class BaselineBench {

    /** Thread counts the trial compares. */
    static final List<Integer> THREAD_COUNTS = List.of(2, 4, 8);

    /** At most this many documents per thread count in the trial: enough to rank, short enough. */
    static final int TRIAL_DOCUMENTS = 200;

    private BaselineBench() {}

    /**
     * @param childCpuNanos CPU of the suite's other processes, which the baseline leaves out but
     *     the meter reads all the same
     */
    public static BenchResult.Baseline measure(
            BaselineLoop loop,
            List<Path> warmUp,
            List<Path> documents,
            Path work,
            int runs,
            LongSupplier childCpuNanos,
            PrintStream out,
            boolean verbose)
            throws Exception {
        loop.run(warmUp, work.resolve("baseline-warm-up"), THREAD_COUNTS.get(0));
        List<Path> trial = documents.subList(0, Math.min(documents.size(), TRIAL_DOCUMENTS));
        Map<Integer, Double> trials = new TreeMap<>();
        for (int threads : THREAD_COUNTS) {
            Path output = work.resolve("baseline-trial-" + threads);
            trials.put(threads, trial.size() / seconds(loop.run(trial, output, threads)));
            deleteTree(output);
        }
        int threads = trials.entrySet().stream()
                .max(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .orElseThrow()
                .getKey();
        out.printf(
                Locale.ROOT,
                "  trial on the first %d documents: %s; measuring with %d threads%n",
                trial.size(),
                trials.entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%d threads %.1f documents/s", e.getKey(), e.getValue()))
                        .toList(),
                threads);

        List<Double> rates = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Path output = work.resolve("baseline-out-" + run);
            CpuMeter meter = CpuMeter.start(childCpuNanos);
            Duration elapsed = loop.run(documents, output, threads);
            CpuUsage usage = meter.stop();
            rates.add(documents.size() / seconds(elapsed));
            cpu.add(usage.baselineNanos() / 1e6 / documents.size());
            out.printf(
                    Locale.ROOT,
                    "  run %d: %.1f documents/s, %.1f ms CPU per document%n",
                    run,
                    rates.get(run - 1),
                    cpu.get(run - 1));
            if (verbose && run == 1) {
                usage.printBusiestThreads(out);
            }
            deleteTree(output);
        }
        return new BenchResult.Baseline(threads, trial.size(), trials, rates, cpu);
    }

    static double seconds(Duration duration) {
        return Math.max(duration.toNanos() / 1e9, 1e-3);
    }

    /** A run's containers were validated as they were written; only the disk space remains. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
