package dev.signingsuite.gateway;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Work the gateway does every so often (webhook deliveries, retention) on a daemon thread of its
 * own, started and stopped with the application context. A round that fails is the round's own
 * business ({@link #round} catches what it can retry): the executor would otherwise stop repeating.
 */
public abstract class RepeatingTask implements SmartLifecycle {

    private final String threadName;
    private volatile ScheduledExecutorService executor;

    protected RepeatingTask(String threadName) {
        this.threadName = threadName;
    }

    /** One round of the work. */
    protected abstract void round();

    /** The pause between two rounds; empty when there is nothing to do and no thread is started. */
    protected abstract Optional<Duration> interval();

    @Override
    public void start() {
        Optional<Duration> interval = interval();
        if (interval.isEmpty()) {
            return;
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.get().toMillis();
        started.scheduleWithFixedDelay(this::round, millis, millis, TimeUnit.MILLISECONDS);
        executor = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
