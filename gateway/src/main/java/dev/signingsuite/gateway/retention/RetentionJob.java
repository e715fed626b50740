package dev.signingsuite.gateway.retention;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Every interval, the retention sweep for each tenant that has a retention. One thread per instance;
 * the sweep's row locks share the work between instances.
 */
final class RetentionJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final RetentionSweep sweep;
    private final RetentionProperties properties;
    private volatile ScheduledExecutorService executor;

    RetentionJob(RetentionSweep sweep, RetentionProperties properties) {
        this.sweep = sweep;
        this.properties = properties;
    }

    void round() {
        for (Map.Entry<String, RetentionProperties.TenantRetention> tenant :
                properties.tenants().entrySet()) {
            Duration retention = tenant.getValue().retention();
            if (retention == null) {
                continue;
            }
            try {
                sweep.sweep(tenant.getKey(), retention);
            } catch (RuntimeException e) {
                log.warn("Retention of tenant {} failed, will try again: {}", tenant.getKey(), e.getMessage());
            }
        }
    }

    @Override
    public void start() {
        if (properties.tenants().values().stream().allMatch(t -> t.retention() == null)) {
            return;
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "retention");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.retention().interval().toMillis();
        started.scheduleWithFixedDelay(this::round, interval, interval, TimeUnit.MILLISECONDS);
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
