-- Webhook endpoints named by one batch (POST /v1/batches) or one digest signature (POST
-- /v1/signatures, whose batch is itself: batch id = signature id), ADR 27's section "Per-batch and
-- per-request endpoints". Kept beside the batch so every gateway instance's status consumers find it
-- in the transaction that records an outcome; written before the batch's documents are published, so
-- no outcome can be recorded before its endpoint is known. Versioned 7.6 beside the other 7.x.
CREATE TABLE batch_webhooks (
    tenant_id  TEXT        NOT NULL,
    batch_id   TEXT        NOT NULL,
    url        TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, batch_id),
    FOREIGN KEY (tenant_id, batch_id) REFERENCES batches (tenant_id, id) ON DELETE CASCADE
);

-- Which endpoint a message goes to: the tenant's (tenant_webhooks) or the one its batch or signature
-- request named (batch_webhooks). A message is written once per endpoint; both are signed with the
-- tenant's secret.
ALTER TABLE webhook_messages ADD COLUMN endpoint TEXT NOT NULL DEFAULT 'tenant';
