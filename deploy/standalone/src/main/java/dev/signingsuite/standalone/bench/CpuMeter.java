package dev.signingsuite.standalone.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongSupplier;

/**
 * User plus system CPU time of this process between {@link #start} and {@link #stop}, and of each
 * of its Java threads. The JVM only reports threads still alive, so a sampler reads every thread's
 * counter every {@value #INTERVAL_MILLIS} ms: a thread that ends during the run keeps what it had at
 * the last sample and loses at most one interval. The JVM's GC and JIT threads, which are no Java
 * threads, come from {@link JvmThreads}.
 */
public final class CpuMeter {

    static final long INTERVAL_MILLIS = 200;

    /** Thread name the sampler runs under, so that its own cost can be told apart. */
    public static final String SAMPLER_THREAD = "bench-cpu-sampler";

    private final com.sun.management.ThreadMXBean threads;
    private final com.sun.management.OperatingSystemMXBean os;
    private final LongSupplier childProcessNanos;
    private final Map<Long, Long> atStart = new HashMap<>();
    private final Map<Long, Sample> latest = new HashMap<>();
    /** Read once per thread: a name costs more to read than a CPU counter. */
    private final Map<Long, String> names = new HashMap<>();

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<Long, JvmThreads.Task> jvmAtStart;
    private final long processAtStart;
    private final long childrenAtStart;
    private final Thread sampler;

    private record Sample(String name, long nanos) {}

    private CpuMeter(LongSupplier childProcessNanos) {
        this.threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        this.os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        if (!threads.isThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM does not report CPU time per thread");
        }
        threads.setThreadCpuTimeEnabled(true);
        this.childProcessNanos = childProcessNanos;
        this.childrenAtStart = childProcessNanos.getAsLong();
        sample();
        latest.forEach((id, sample) -> atStart.put(id, sample.nanos()));
        this.jvmAtStart = JvmThreads.read();
        this.processAtStart = os.getProcessCpuTime();
        this.sampler = new Thread(this::sampleUntilStopped, SAMPLER_THREAD);
        sampler.setDaemon(true);
        sampler.start();
    }

    /**
     * @param childProcessNanos CPU of the processes this one started that do the suite's work (its
     *     database), read at start and stop
     */
    public static CpuMeter start(LongSupplier childProcessNanos) {
        return new CpuMeter(childProcessNanos);
    }

    public CpuUsage stop() throws InterruptedException {
        long process = os.getProcessCpuTime() - processAtStart;
        Map<String, Long> jvm = JvmThreads.between(jvmAtStart, JvmThreads.read());
        stopped.countDown();
        sampler.join();
        sample();
        Map<String, Long> byName = new HashMap<>();
        latest.forEach(
                (id, sample) -> byName.merge(sample.name(), sample.nanos() - atStart.getOrDefault(id, 0L), Long::sum));
        return new CpuUsage(process, childProcessNanos.getAsLong() - childrenAtStart, byName, jvm);
    }

    private void sampleUntilStopped() {
        try {
            while (!stopped.await(INTERVAL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                sample();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void sample() {
        long[] ids = threads.getAllThreadIds();
        long[] nanos = threads.getThreadCpuTime(ids);
        long[] unnamed = java.util.Arrays.stream(ids)
                .filter(id -> !names.containsKey(id))
                .toArray();
        if (unnamed.length > 0) {
            for (ThreadInfo info : threads.getThreadInfo(unnamed, 0)) {
                if (info != null) {
                    names.put(info.getThreadId(), info.getThreadName());
                }
            }
        }
        for (int i = 0; i < ids.length; i++) {
            String name = names.get(ids[i]);
            // -1 or no name: the thread ended meanwhile; its last sample stands.
            if (nanos[i] >= 0 && name != null) {
                latest.put(ids[i], new Sample(name, nanos[i]));
            }
        }
    }
}
