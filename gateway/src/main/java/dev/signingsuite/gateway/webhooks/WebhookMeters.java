package dev.signingsuite.gateway.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/** The webhooks' and batch completions' metrics, named like the suite's other {@code signing.*} meters. */
final class WebhookMeters {

    /** Counter, tag {@code outcome}: delivered, retried (a failed attempt that will be retried), failed, refused. */
    static final String DELIVERIES = "signing.webhook.deliveries";

    /** Gauge: messages waiting for delivery, over every instance, as this instance last counted. */
    static final String PENDING = "signing.webhook.pending";

    /** Counter: batches this instance found complete. */
    static final String BATCHES_COMPLETED = "signing.batches.completed";

    private final MeterRegistry registry;
    private final AtomicLong pending = new AtomicLong();
    private final Counter batches;

    WebhookMeters(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(PENDING, pending, AtomicLong::get)
                .description("webhook messages waiting for delivery")
                .register(registry);
        this.batches = Counter.builder(BATCHES_COMPLETED)
                .description("batches whose every document has its outcome")
                .register(registry);
        for (String outcome : new String[] {"delivered", "retried", "failed", "refused"}) {
            counter(outcome);
        }
    }

    void delivery(String outcome) {
        counter(outcome).increment();
    }

    void pending(long count) {
        pending.set(count);
    }

    void batchCompleted() {
        batches.increment();
    }

    private Counter counter(String outcome) {
        return Counter.builder(DELIVERIES)
                .description("webhook delivery attempts by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }
}
