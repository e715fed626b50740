package dev.signingsuite.standalone;

import dev.signingsuite.standalone.bench.BenchResult;
import dev.signingsuite.standalone.bench.BenchResult.StageTime;
import dev.signingsuite.standalone.bench.CpuUsage;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One measured run of the suite.
 *
 * @param stages what the stages' own timers recorded in this run
 * @param latencies from intake to outcome, sorted
 */
record SuiteRun(double docsPerSecond, CpuUsage cpu, Map<String, StageTime> stages, List<Long> latencies) {

    double cpuMsPerDoc(int documents) {
        return cpu.suiteNanos() / 1e6 / documents;
    }

    /** Each stage's median over the runs (a stage a run did not see counts 0 there). */
    static Map<String, Double> stageCpuMsPerDoc(List<SuiteRun> runs, int documents) {
        Map<String, Double> stages = new TreeMap<>();
        runs.stream()
                .flatMap(r -> r.cpu().suiteStages().keySet().stream())
                .distinct()
                .forEach(stage -> stages.put(
                        stage,
                        BenchResult.median(runs.stream()
                                .map(r -> r.cpu().suiteStages().getOrDefault(stage, 0L) / 1e6 / documents)
                                .toList())));
        return stages;
    }
}
