-- Where the person's browser goes when its part of a digest signature ends (ADR 29): the callback
-- URL POST /v1/signatures checked against the tenant's registered hosts, kept as it was checked,
-- so the person page redirects only to what was validated. Versioned 6.29 so that other migrations
-- numbered 6 or 7 can land beside it. A signature's row goes with its status row.
CREATE TABLE signature_callbacks (
    signature_id TEXT        PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    tenant_id    TEXT        NOT NULL,
    callback_url TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);
