-- Idempotent intake: per tenant a clientReference names one document, whichever intake (REST or
-- Kafka) used it first. The primary key, not a lookup, decides between two gateway instances that
-- take in the same reference at once.

CREATE TABLE intake_references (
    tenant_id        TEXT        NOT NULL,
    client_reference TEXT        NOT NULL,
    document_id      TEXT        NOT NULL,
    batch_id         TEXT        NOT NULL,
    -- SHA-256 (hex) over every file's name, media type and content digest, the signer, format and
    -- level: what makes a second submission "the same content"
    fingerprint      TEXT        NOT NULL,
    -- the data file names, one per line (a safe name holds no control character)
    file_names       TEXT        NOT NULL,
    -- rest | kafka
    source           TEXT        NOT NULL,
    -- the Kafka intake record that claimed the reference (topic/partition/offset), so that its own
    -- redelivery is told apart from a second record
    intake_record    TEXT,
    claimed_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, client_reference)
);

CREATE INDEX intake_references_by_document ON intake_references (document_id);
