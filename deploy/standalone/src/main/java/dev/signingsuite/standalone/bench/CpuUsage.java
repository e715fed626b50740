package dev.signingsuite.standalone.bench;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link CpuMeter} saw over one run: the process's CPU, its database's, and each Java
 * thread's by name, in nanoseconds.
 *
 * @param processNanos user plus system CPU of this JVM, GC and JIT included
 * @param childProcessNanos of the suite's database server and its backends
 * @param threadNanos by thread name (threads of one name summed)
 * @param jvmNanos of the JVM's own GC and JIT threads, which are no Java threads
 */
public record CpuUsage(
        long processNanos, long childProcessNanos, Map<String, Long> threadNanos, Map<String, Long> jvmNanos) {

    /**
     * What neither a Java thread nor a GC or JIT thread accounts for: the JVM's other threads
     * (safepoints, its periodic tasks) and threads that ended between two samples.
     */
    public static final String JVM = "jvm";

    /** The database server, a process of its own. */
    public static final String DATABASE = "database";

    public CpuUsage {
        threadNanos = Map.copyOf(threadNanos);
        jvmNanos = Map.copyOf(jvmNanos);
    }

    /** CPU by {@link ThreadGroups group}, plus GC, JIT, {@link #JVM} and {@link #DATABASE}. */
    public Map<String, Long> byGroup() {
        Map<String, Long> groups = new TreeMap<>();
        threadNanos.forEach((name, nanos) -> groups.merge(ThreadGroups.groupOf(name), nanos, Long::sum));
        groups.put(JvmThreads.GC, jvmNanos.getOrDefault(JvmThreads.GC, 0L));
        groups.put(JvmThreads.JIT, jvmNanos.getOrDefault(JvmThreads.JIT, 0L));
        long counted = groups.values().stream().mapToLong(Long::longValue).sum();
        // The threads are read a moment after the process: a small negative remainder is that moment.
        groups.put(JVM, Math.max(0, processNanos - counted));
        groups.put(DATABASE, childProcessNanos);
        return groups;
    }

    /**
     * The suite's work: the whole process and its database, except the sandbox (it stands for the
     * remote services), the bench's own client and sampler, and the idle baseline.
     */
    public Map<String, Long> suiteStages() {
        Map<String, Long> stages = byGroup();
        ThreadGroups.NOT_THE_SUITE.forEach(stages::remove);
        return stages;
    }

    public long suiteNanos() {
        return suiteStages().values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The baseline's work: its own threads and the JVM's (GC, JIT and the rest). The suite's
     * threads, idle meanwhile, and the sandbox are left out.
     */
    public long baselineNanos() {
        Map<String, Long> groups = byGroup();
        return groups.getOrDefault(ThreadGroups.BASELINE, 0L)
                + groups.get(JvmThreads.GC)
                + groups.get(JvmThreads.JIT)
                + groups.get(JVM);
    }

    /** The busiest threads and the group each was counted in, to check the grouping by name. */
    public void printBusiestThreads(PrintStream out) {
        out.printf(
                Locale.ROOT,
                "    busiest threads (CPU ms, group, name); GC %.0f ms, JIT %.0f ms, other JVM %.0f ms%n",
                millis(byGroup().get(JvmThreads.GC)),
                millis(byGroup().get(JvmThreads.JIT)),
                millis(byGroup().get(JVM)));
        threadNanos.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(BUSIEST)
                .forEach(e -> out.printf(
                        Locale.ROOT,
                        "    %8.0f  %-12s %s%n",
                        millis(e.getValue()),
                        ThreadGroups.groupOf(e.getKey()),
                        e.getKey()));
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static final int BUSIEST = 40;
}
