package dev.signingsuite.gateway.webhooks;

import dev.signingsuite.gateway.RepeatingTask;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every poll interval: publishes recorded batch completions, delivers the due webhooks, and counts
 * what waits. One thread per instance; the database shares the work between instances.
 */
final class WebhookRunner extends RepeatingTask {

    private static final Logger log = LoggerFactory.getLogger(WebhookRunner.class);

    private final BatchCompletedPublisher publisher;
    private final WebhookDelivery delivery;
    private final WebhookOutbox outbox;
    private final WebhookMeters meters;
    private final Duration interval;

    WebhookRunner(
            BatchCompletedPublisher publisher,
            WebhookDelivery delivery,
            WebhookOutbox outbox,
            WebhookMeters meters,
            Duration interval) {
        super("webhooks");
        this.publisher = publisher;
        this.delivery = delivery;
        this.outbox = outbox;
        this.meters = meters;
        this.interval = interval;
    }

    @Override
    protected void round() {
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
    protected Optional<Duration> interval() {
        return Optional.of(interval);
    }
}
