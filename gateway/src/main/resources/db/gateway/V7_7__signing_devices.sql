-- Registered signing devices (issue 22, GovStack eSignature 9.2.1, ADR 32): a person's key at a remote
-- signature creation device service, certified by the CA over EST and bound to the person's identifier.
-- The device signs as the CSC signer named in signer (its credentialID), for its tenant only.
CREATE TABLE signing_devices (
    id          TEXT        PRIMARY KEY,
    tenant_id   TEXT        NOT NULL REFERENCES tenants (id),
    -- the ETSI EN 319 412-1 identifier the person's ID token named, e.g. PNOLV-010101-10006
    person_id   TEXT        NOT NULL,
    signer      TEXT        NOT NULL UNIQUE,
    -- DER X.509: the certificate first, then its issuers, as the CA answered over EST
    certificate BYTEA       NOT NULL,
    chain       BYTEA[]     NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

CREATE INDEX signing_devices_by_tenant ON signing_devices (tenant_id);
