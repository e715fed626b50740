package dev.signingsuite.gateway.webhooks;

import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of deliveries: takes the due messages, POSTs each signed (Standard Webhooks), and records
 * the result. A 2xx answer delivers; anything else (a redirect too: never followed) is retried with
 * doubling waits until {@code retry-for} after the first attempt, then FAILED. An endpoint whose
 * host resolves to an address the deployment forbids is FAILED at once (refused).
 */
final class WebhookDelivery {

    static final String ID = "webhook-id";
    static final String TIMESTAMP = "webhook-timestamp";
    static final String SIGNATURE = "webhook-signature";

    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);

    private final WebhookOutbox outbox;
    private final WebhookProperties properties;
    private final Function<String, WebhookProperties.Endpoint> endpoints;
    private final AddressGuard guard;
    private final HttpClient http;
    private final Clock clock;
    private final WebhookMeters meters;

    WebhookDelivery(
            WebhookOutbox outbox,
            WebhookProperties properties,
            Function<String, WebhookProperties.Endpoint> endpoints,
            AddressGuard guard,
            HttpClient http,
            Clock clock,
            WebhookMeters meters) {
        this.outbox = outbox;
        this.properties = properties;
        this.endpoints = endpoints;
        this.guard = guard;
        this.http = http;
        this.clock = clock;
        this.meters = meters;
    }

    static HttpClient client(Duration timeout) {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    /** @return how many messages this round attempted */
    int deliverDue() {
        List<WebhookOutbox.Due> due = outbox.take(clock.instant(), properties.lease(), properties.batchSize());
        CompletableFuture.allOf(due.stream().map(this::attempt).toArray(CompletableFuture[]::new))
                .join();
        return due.size();
    }

    private CompletableFuture<Void> attempt(WebhookOutbox.Due message) {
        WebhookProperties.Endpoint endpoint = endpoints.apply(message.tenantId());
        if (endpoint == null) {
            fail(message, null, "tenant " + message.tenantId() + " has no webhook endpoint any more");
            return CompletableFuture.completedFuture(null);
        }
        URI url = URI.create(message.url());
        try {
            String refusal = guard.refusal(url.getHost());
            if (refusal != null) {
                log.warn("Webhook {} refused: {}", message.id(), refusal);
                outbox.failed(message.id(), null, "refused: " + refusal, clock.instant());
                meters.delivery("refused");
                return CompletableFuture.completedFuture(null);
            }
        } catch (UnknownHostException e) {
            retry(message, null, "host " + url.getHost() + " does not resolve");
            return CompletableFuture.completedFuture(null);
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header(ID, message.id())
                .header(TIMESTAMP, Long.toString(timestamp))
                .header(
                        SIGNATURE,
                        WebhookSignature.sign(
                                WebhookSignature.keyOf(endpoint.secret()), message.id(), timestamp, message.body()))
                .POST(HttpRequest.BodyPublishers.ofString(message.body()))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            record(message, response, error);
            return null;
        });
    }

    private void record(WebhookOutbox.Due message, HttpResponse<Void> response, Throwable error) {
        try {
            if (error != null) {
                Throwable cause = error.getCause() == null ? error : error.getCause();
                retry(message, null, cause.getClass().getSimpleName() + ": " + cause.getMessage());
            } else if (response.statusCode() / 100 == 2) {
                outbox.delivered(message.id(), response.statusCode(), clock.instant());
                meters.delivery("delivered");
            } else {
                retry(message, response.statusCode(), "answered " + response.statusCode());
            }
        } catch (RuntimeException e) {
            // The lease runs out and the message is attempted again: at least once.
            log.warn("Cannot record the attempt of webhook {}: {}", message.id(), e.getMessage());
        }
    }

    private void retry(WebhookOutbox.Due message, Integer status, String error) {
        Instant now = clock.instant();
        Instant deadline = message.createdAt().plus(properties.retryFor());
        if (!now.isBefore(deadline)) {
            fail(message, status, error + "; gave up after " + (message.attempts() + 1) + " attempts");
            return;
        }
        Instant next = now.plus(wait(message.attempts()));
        outbox.retryAt(message.id(), status, error, next.isAfter(deadline) ? deadline : next);
        meters.delivery("retried");
    }

    private void fail(WebhookOutbox.Due message, Integer status, String error) {
        log.warn("Webhook {} to tenant {} failed: {}", message.id(), message.tenantId(), error);
        outbox.failed(message.id(), status, error, clock.instant());
        meters.delivery("failed");
    }

    /** The wait after the {@code attempts + 1}th failed attempt: doubling from first-retry, at most max-retry-interval. */
    Duration wait(int attempts) {
        Duration wait = properties.firstRetry();
        for (int i = 0; i < attempts && wait.compareTo(properties.maxRetryInterval()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(properties.maxRetryInterval()) > 0 ? properties.maxRetryInterval() : wait;
    }
}
