-- The gateway's status store: what it knows of each document, the batches documents belong to,
-- and the history of every status a document reached (the audit trail).

CREATE TABLE batches (
    tenant_id   TEXT        NOT NULL,
    id          TEXT        NOT NULL,
    -- rest | kafka: how the batch's first document entered the suite
    source      TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE documents (
    id                    TEXT        PRIMARY KEY,
    tenant_id             TEXT        NOT NULL,
    batch_id              TEXT        NOT NULL,
    client_reference      TEXT,
    file_name             TEXT,
    provider              TEXT,
    signer_identity       TEXT,
    format                TEXT,
    level                 TEXT,
    -- RECEIVED, SIGNATURE_REQUESTED, ASSEMBLED, FAILED; stage_rank orders them so that a late
    -- event never moves a document back, and a terminal status (rank >= 90) never changes.
    status                TEXT        NOT NULL,
    stage_rank            INTEGER     NOT NULL,
    verification_code     TEXT,
    failure_stage         TEXT,
    failure_reason        TEXT,
    failure_message       TEXT,
    container_uri         TEXT,
    container_size        BIGINT,
    container_media_type  TEXT,
    container_sha256      TEXT,
    container_name        TEXT,
    validation_indication TEXT,
    received_at           TIMESTAMPTZ,
    updated_at            TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (tenant_id, batch_id) REFERENCES batches (tenant_id, id)
);

CREATE INDEX documents_by_batch ON documents (tenant_id, batch_id);

CREATE TABLE status_history (
    id          BIGSERIAL   PRIMARY KEY,
    document_id TEXT        NOT NULL REFERENCES documents (id),
    status      TEXT        NOT NULL,
    -- when the stage reached the status (the event's own time)
    occurred_at TIMESTAMPTZ NOT NULL,
    -- when the gateway learnt of it
    recorded_at TIMESTAMPTZ NOT NULL,
    detail      TEXT,
    -- a redelivered event adds nothing
    UNIQUE (document_id, status)
);
