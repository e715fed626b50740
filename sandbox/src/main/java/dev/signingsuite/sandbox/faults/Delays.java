package dev.signingsuite.sandbox.faults;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs delayed work off the sandbox's four HTTP threads, so that slow or held requests do not
 * starve the simulators that are not faulted. Daemon threads that end when idle: nothing to close.
 */
final class Delays {

    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService workers;

    Delays() {
        timer = new ScheduledThreadPoolExecutor(1, daemon("sandbox-faults-timer"));
        timer.setKeepAliveTime(10, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        timer.setRemoveOnCancelPolicy(true);
        workers = Executors.newCachedThreadPool(daemon("sandbox-faults-slow"));
    }

    void after(Duration delay, Runnable work) {
        timer.schedule(() -> workers.execute(work), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
