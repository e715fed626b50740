package dev.signingsuite.gateway.webhooks;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.BatchCompleted;
import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.SignatureRequested;
import dev.signingsuite.gateway.status.StatusStore;
import dev.signingsuite.gateway.webhooks.BatchCompletions.BatchKey;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    /** The document's row as the write left it. */
    private record Row(String tenantId, String batchId, String status, int attempt) {}

    private final JdbcClient jdbc;
    private final WebhookOutbox outbox;
    private final BatchCompletions completions;
    private final Function<String, WebhookProperties.Endpoint> endpoints;
    private final WebhookMeters meters;
    private final Clock clock;

    OutcomeNotices(
            JdbcClient jdbc,
            WebhookOutbox outbox,
            BatchCompletions completions,
            Function<String, WebhookProperties.Endpoint> endpoints,
            WebhookMeters meters,
            Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.completions = completions;
        this.endpoints = endpoints;
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
        for (DocumentEvent event : notable) {
            Row row = rows.get(event.documentId());
            boolean holds = row != null
                    && row.tenantId().equals(event.tenantId())
                    && row.status().equals(status(event));
            WebhookProperties.Endpoint endpoint = endpoints.apply(event.tenantId());
            if (holds && endpoint != null) {
                String key = "document/" + event.documentId() + "/" + row.status() + "/" + row.attempt();
                outbox.add(
                        new WebhookOutbox.Message(
                                messageId(endpoint, key),
                                event.tenantId(),
                                row.batchId(),
                                event.documentId(),
                                type(event),
                                endpoint.url().toString(),
                                body(type(event), occurredAt(event), EventJson.write(event))),
                        now);
            }
        }
        for (BatchCompleted completed : completions.complete(ended, now)) {
            meters.batchCompleted();
            WebhookProperties.Endpoint endpoint = endpoints.apply(completed.tenantId());
            if (endpoint != null) {
                String key = "batch/" + completed.tenantId() + "/" + completed.batchId();
                outbox.add(
                        new WebhookOutbox.Message(
                                messageId(endpoint, key),
                                completed.tenantId(),
                                completed.batchId(),
                                null,
                                BATCH_COMPLETED,
                                endpoint.url().toString(),
                                body(BATCH_COMPLETED, completed.completedAt(), EventJson.write(completed))),
                        now);
            }
        }
    }

    private Map<String, Row> rows(List<DocumentEvent> events) {
        Map<String, Row> rows = new LinkedHashMap<>();
        jdbc.sql("SELECT id, tenant_id, batch_id, status, attempt FROM documents WHERE id IN (:ids)")
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
                                    rs.getInt("attempt")));
                });
        return rows;
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
    static String messageId(WebhookProperties.Endpoint endpoint, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((endpoint.url() + "\n" + key).getBytes(UTF_8));
            return "msg_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
