package dev.signingsuite.gateway.webhooks;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Every poll interval: publishes recorded batch completions, delivers the due webhooks, and counts
 * what waits. One thread per instance; the database shares the work between instances.
 */
final class WebhookRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookRunner.class);

    private final BatchCompletedPublisher publisher;
    private final WebhookDelivery delivery;
    private final WebhookOutbox outbox;
    private final WebhookMeters meters;
    private final Duration interval;
    private volatile ScheduledExecutorService executor;

    WebhookRunner(
            BatchCompletedPublisher publisher,
            WebhookDelivery delivery,
            WebhookOutbox outbox,
            WebhookMeters meters,
            Duration interval) {
        this.publisher = publisher;
        this.delivery = delivery;
        this.outbox = outbox;
        this.meters = meters;
        this.interval = interval;
    }

    void round() {
        try {
            publisher.publishDue();
        } catch (RuntimeException e) {
            log.warn("Cannot publish batch completions now, will try again: {}", e.getMessage());
        }
        try {
            while (delivery.deliverDue() > 0) {
                // a backlog is worked off at once, not one batch per interval
            }
            meters.pending(outbox.pending());
        } catch (RuntimeException e) {
            log.warn("Cannot deliver webhooks now, will try again: {}", e.getMessage());
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "webhooks");
            thread.setDaemon(true);
            return thread;
        });
        started.scheduleWithFixedDelay(this::round, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
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
