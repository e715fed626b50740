-- Webhooks and batch completions (ADR 27). Versioned 6.1 so that another migration numbered 6 can
-- land beside it.

-- The outbox of webhook messages: one row per message and endpoint, written in the transaction that
-- recorded the status it tells of, so none is lost and a redelivered event adds none. The id is the
-- message's webhook-id, the same on every attempt.
CREATE TABLE webhook_messages (
    id              TEXT        PRIMARY KEY,
    tenant_id       TEXT        NOT NULL,
    batch_id        TEXT        NOT NULL,
    -- null for batch.completed
    document_id     TEXT,
    -- document.assembled, document.failed, document.awaiting_person, batch.completed
    event_type      TEXT        NOT NULL,
    url             TEXT        NOT NULL,
    -- the JSON body, sent byte for byte the same on every attempt
    body            TEXT        NOT NULL,
    -- PENDING, DELIVERED, FAILED (refused address, or retries given up)
    state           TEXT        NOT NULL,
    attempts        INTEGER     NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    -- an instance that took the message for an attempt holds it until then; a crashed instance's
    -- lease runs out and another takes the message again
    leased_until    TIMESTAMPTZ,
    last_status     INTEGER,
    last_error      TEXT,
    delivered_at    TIMESTAMPTZ
);

CREATE INDEX webhook_messages_due ON webhook_messages (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX webhook_messages_by_document ON webhook_messages (document_id, created_at);

-- One row per completed batch, inserted once under a lock on the batch's row; published_at is set
-- once BatchCompleted is on Kafka.
CREATE TABLE batch_completions (
    tenant_id          TEXT        NOT NULL,
    batch_id           TEXT        NOT NULL,
    documents          INTEGER     NOT NULL,
    assembled          INTEGER     NOT NULL,
    failed             INTEGER     NOT NULL,
    -- {"REASON": count, ...}
    failures_by_reason TEXT        NOT NULL,
    completed_at       TIMESTAMPTZ NOT NULL,
    published_at       TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, batch_id)
);

CREATE INDEX batch_completions_unpublished ON batch_completions (completed_at) WHERE published_at IS NULL;

-- Whether a batch still has a document without an outcome, without reading the whole batch.
CREATE INDEX documents_open ON documents (tenant_id, batch_id) WHERE stage_rank < 90;

-- Batches that were complete before this migration are not announced now.
INSERT INTO batch_completions (tenant_id, batch_id, documents, assembled, failed, failures_by_reason,
                               completed_at, published_at)
SELECT b.tenant_id, b.id, count(d.id), count(d.id) FILTER (WHERE d.status = 'ASSEMBLED'),
       count(d.id) FILTER (WHERE d.status = 'FAILED'), '{}', now(), now()
FROM batches b JOIN documents d ON d.tenant_id = b.tenant_id AND d.batch_id = b.id
GROUP BY b.tenant_id, b.id
HAVING count(d.id) FILTER (WHERE d.stage_rank < 90) = 0;
