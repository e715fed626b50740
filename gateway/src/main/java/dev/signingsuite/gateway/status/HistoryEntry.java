package dev.signingsuite.gateway.status;

import java.time.Instant;

/** One status a document reached, when, and a short note (never document content or secrets). */
public record HistoryEntry(DocumentStatus status, Instant occurredAt, Instant recordedAt, String detail) {}
