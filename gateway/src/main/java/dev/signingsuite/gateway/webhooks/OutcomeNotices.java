package dev.signingsuite.gateway.webhooks;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.BatchCompleted;
import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureRequested;
import dev.signingsuite.gateway.status.StatusStore;
import dev.signingsuite.gateway.webhooks.BatchCompletions.BatchKey;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the status store's events mean for webhooks and batch completions, decided in the
 * transaction that records them (ADR 27). A message is written only for the status the document
 * actually holds after the write (a late or redelivered event that changed nothing writes nothing
 * new), under an id derived from the document, the status and the attempt, so a redelivery finds
 * its message already there.
 */
final class OutcomeNotices implements StatusStore.Observer {

    static final String ASSEMBLED = "document.assembled";
    static final String FAILED = "document.failed";
    static final String AWAITING_PERSON = "document.awaiting_person";
    static final String BATCH_COMPLETED = "batch.completed";

    /** The endpoints of {@code webhook_messages.endpoint}: the tenant's, and the one a batch or request named. */
    static final String TENANT = "tenant";

    static final String REQUEST = "request";

    /**
     * The document's row as the write left it.
     *
     * @param signature a digest signature of {@code POST /v1/signatures} (a detached format): its
     *     messages are {@link SignatureMessages}, and its batch of one is not announced apart
     */
    private record Row(String tenantId, String batchId, String status, int attempt, boolean signature) {}

    /** Where a message goes: the URL and which endpoint it is ({@code tenant} or {@code request}). */
    record Target(String url, String endpoint) {}

    private final JdbcClient jdbc;
    private final WebhookOutbox outbox;
    private final BatchCompletions completions;
    private final Function<String, WebhookProperties.Endpoint> endpoints;
    private final BatchWebhooks batchWebhooks;
    private final WebhookMeters meters;
    private final Clock clock;

    OutcomeNotices(
            JdbcClient jdbc,
            WebhookOutbox outbox,
            BatchCompletions completions,
            Function<String, WebhookProperties.Endpoint> endpoints,
            BatchWebhooks batchWebhooks,
            WebhookMeters meters,
            Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.completions = completions;
        this.endpoints = endpoints;
        this.batchWebhooks = batchWebhooks;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public void recorded(List<DocumentEvent> events) {
        List<DocumentEvent> notable =
                events.stream().filter(e -> type(e) != null).toList();
        if (notable.isEmpty()) {
            return;
        }
        Map<String, Row> rows = rows(notable);
        Instant now = clock.instant();
        List<BatchKey> ended = notable.stream()
                .filter(e -> !(e instanceof SignatureRequested))
                .map(e -> new BatchKey(e.tenantId(), e.batchId()))
                .toList();
        // Looked up once per tenant and batch of the poll, not once per event.
        Map<BatchKey, List<Target>> targets = new HashMap<>();
        Set<BatchKey> signatures = new HashSet<>();
        for (DocumentEvent event : notable) {
            Row row = rows.get(event.documentId());
            boolean holds = row != null
                    && row.tenantId().equals(event.tenantId())
                    && row.status().equals(status(event));
            if (!holds) {
                continue;
            }
            BatchKey batch = new BatchKey(row.tenantId(), row.batchId());
            if (row.signature()) {
                signatures.add(batch);
            }
            String type = row.signature() ? SignatureMessages.type(event) : type(event);
            String body = body(
                    type, occurredAt(event), row.signature() ? SignatureMessages.data(event) : EventJson.write(event));
            String key = "document/" + event.documentId() + "/" + row.status() + "/" + row.attempt();
            for (Target target : targets.computeIfAbsent(batch, this::targets)) {
                outbox.add(
                        new WebhookOutbox.Message(
                                messageId(target.url(), key),
                                event.tenantId(),
                                row.batchId(),
                                event.documentId(),
                                type,
                                target.url(),
                                target.endpoint(),
                                body),
                        now);
            }
        }
        for (BatchCompleted completed : completions.complete(ended, now)) {
            meters.batchCompleted();
            BatchKey batch = new BatchKey(completed.tenantId(), completed.batchId());
            if (signatures.contains(batch)) {
                // A signature's own message is its completion; BatchCompleted still goes to Kafka.
                continue;
            }
            String key = "batch/" + completed.tenantId() + "/" + completed.batchId();
            for (Target target : targets.computeIfAbsent(batch, this::targets)) {
                outbox.add(
                        new WebhookOutbox.Message(
                                messageId(target.url(), key),
                                completed.tenantId(),
                                completed.batchId(),
                                null,
                                BATCH_COMPLETED,
                                target.url(),
                                target.endpoint(),
                                body(BATCH_COMPLETED, completed.completedAt(), EventJson.write(completed))),
                        now);
            }
        }
    }

    /**
     * Every endpoint gets each message once: the tenant's, and the one its batch or signature
     * request named unless that is the tenant's own URL (then one message, not two).
     */
    private List<Target> targets(BatchKey batch) {
        List<Target> targets = new ArrayList<>(2);
        WebhookProperties.Endpoint endpoint = endpoints.apply(batch.tenantId());
        if (endpoint != null) {
            targets.add(new Target(endpoint.url().toString(), TENANT));
        }
        batchWebhooks
                .find(batch.tenantId(), batch.batchId())
                .filter(url -> targets.stream().noneMatch(t -> t.url().equals(url)))
                .ifPresent(url -> targets.add(new Target(url, REQUEST)));
        return targets;
    }

    private Map<String, Row> rows(List<DocumentEvent> events) {
        Map<String, Row> rows = new LinkedHashMap<>();
        jdbc.sql("SELECT id, tenant_id, batch_id, status, attempt, format FROM documents WHERE id IN (:ids)")
                .param(
                        "ids",
                        events.stream()
                                .map(DocumentEvent::documentId)
                                .distinct()
                                .toList())
                .query(rs -> {
                    rows.put(
                            rs.getString("id"),
                            new Row(
                                    rs.getString("tenant_id"),
                                    rs.getString("batch_id"),
                                    rs.getString("status"),
                                    rs.getInt("attempt"),
                                    detached(rs.getString("format"))));
                });
        return rows;
    }

    private static boolean detached(String format) {
        try {
            return format != null && SignatureFormat.valueOf(format).detached();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The webhook's event type, or null when the event is not told to webhooks. */
    static String type(DocumentEvent event) {
        if (event instanceof ContainerAssembled) {
            return ASSEMBLED;
        }
        if (event instanceof DocumentFailed) {
            return FAILED;
        }
        if (event instanceof SignatureRequested requested && requested.awaitsPerson()) {
            return AWAITING_PERSON;
        }
        return null;
    }

    private static String status(DocumentEvent event) {
        return switch (Objects.requireNonNull(type(event))) {
            case ASSEMBLED -> "ASSEMBLED";
            case FAILED -> "FAILED";
            default -> "AWAITING_PERSON";
        };
    }

    private static Instant occurredAt(DocumentEvent event) {
        if (event instanceof ContainerAssembled assembled) {
            return assembled.assembledAt();
        }
        if (event instanceof DocumentFailed failed) {
            return failed.failedAt();
        }
        return ((SignatureRequested) event).requestedAt();
    }

    /**
     * The body Standard Webhooks suggests: {@code type}, {@code timestamp} (when it happened) and
     * {@code data}, here the event as it travels on Kafka.
     */
    static String body(String type, Instant timestamp, byte[] data) {
        return "{\"type\":\"" + type + "\",\"timestamp\":\"" + timestamp + "\",\"data\":" + new String(data, UTF_8)
                + "}";
    }

    /** {@code msg_} and 32 hex digits of the endpoint and what the message is about: the same on every retry. */
    static String messageId(String url, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((url + "\n" + key).getBytes(UTF_8));
            return "msg_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
