-- Tenants in the database (ADR 30): what signing.gateway.tenants configured, plus what the admin API
-- adds. Versioned 7.4 so that other migrations numbered 7 can land beside it.

CREATE TABLE tenants (
    id          TEXT        PRIMARY KEY,
    -- named in signing.gateway.tenants: each start writes its signers, callback hosts, allowed
    -- addresses and webhook from configuration, and the admin API may not change them
    configured  BOOLEAN     NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    -- a disabled tenant's keys authenticate nothing and its Kafka intake is refused
    disabled_at TIMESTAMPTZ
);

-- Only the SHA-256 of each key: keys are 256 random bits (or configured), so no slow hash is needed
-- to make a stolen table useless, and an indexed lookup by digest finds the key in one step.
CREATE TABLE api_keys (
    id         TEXT        PRIMARY KEY,
    tenant_id  TEXT        NOT NULL REFERENCES tenants (id),
    sha256     BYTEA       NOT NULL UNIQUE CHECK (octet_length(sha256) = 32),
    -- configuration or admin: a start revokes the configuration's keys it no longer names
    origin     TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    -- once set, never cleared: a revoked key stays revoked even if configuration names it again
    revoked_at TIMESTAMPTZ
);

CREATE INDEX api_keys_by_tenant ON api_keys (tenant_id);

CREATE TABLE tenant_signers (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    provider  TEXT NOT NULL,
    -- * allows any identity of the provider
    identity  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, provider, identity)
);

CREATE TABLE tenant_callback_hosts (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    -- lower case
    host      TEXT NOT NULL,
    PRIMARY KEY (tenant_id, host)
);

-- Who may fetch the tenant's signatures and containers; none: anyone with the key.
CREATE TABLE tenant_allowed_addresses (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    network   CIDR NOT NULL,
    PRIMARY KEY (tenant_id, network)
);

-- The secret as issued (whsec_...): HMAC needs it, not a digest of it (ADR 30 says why it is not
-- encrypted here).
CREATE TABLE tenant_webhooks (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants (id),
    url       TEXT NOT NULL,
    secret    TEXT NOT NULL
);
