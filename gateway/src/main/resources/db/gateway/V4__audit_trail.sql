-- The audit trail (ETSI EN 319 401 §7.10): one row per event of a document, append-only. The code
-- only INSERTs and SELECTs; an operator enforces it with grants, e.g. with the gateway connecting
-- as its own role:
--   REVOKE UPDATE, DELETE, TRUNCATE ON audit_trail FROM gateway;
--   GRANT SELECT, INSERT ON audit_trail TO gateway;
--   GRANT USAGE ON SEQUENCE audit_trail_id_seq TO gateway;
-- and lets only a separate archiving role (not the gateway) remove rows past their retention.
-- Never document content, PINs, verification codes, device links or tokens.

CREATE TABLE audit_trail (
    id           BIGSERIAL   PRIMARY KEY,
    document_id  TEXT        NOT NULL,
    tenant_id    TEXT        NOT NULL,
    batch_id     TEXT        NOT NULL,
    -- which event: the CloudEvents id (ce_id), else where it was read (topic/partition/offset); a
    -- redelivered record adds nothing
    event_id     TEXT        NOT NULL,
    -- document-received, signature-requested, signature-returned, signature-augmented,
    -- container-assembled, document-failed
    event_type   TEXT        NOT NULL,
    -- the signing-attempt header: above 0 for a deliberate re-processing
    attempt      INTEGER     NOT NULL,
    -- who acted: the submitter (api-key <id> / kafka intake), a provider, a stage
    actor        TEXT        NOT NULL,
    -- the event's own time, and when the gateway recorded it
    occurred_at  TIMESTAMPTZ NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL,
    -- what the event proves, per type (digests, serials, names, reasons): see gateway/README.md
    details      JSONB       NOT NULL,
    UNIQUE (document_id, event_id)
);

CREATE INDEX audit_trail_by_document ON audit_trail (tenant_id, document_id, occurred_at);
CREATE INDEX audit_trail_by_batch ON audit_trail (tenant_id, batch_id, occurred_at);
