-- Batches their tenant cancelled (ADR 31): the first cancel's time, kept so that a repeated cancel
-- answers the same and the Kafka intake ends a later record of the batch CANCELLED. Versioned 7.2
-- so that other migrations numbered 7 can land beside it.
CREATE TABLE batch_cancellations (
    tenant_id    TEXT        NOT NULL,
    batch_id     TEXT        NOT NULL,
    cancelled_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, batch_id)
);
