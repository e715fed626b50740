-- Retention (ADR 31): the expired documents of a tenant, oldest first, without reading the others.
CREATE INDEX documents_ended ON documents (tenant_id, updated_at) WHERE stage_rank >= 90;
-- Whether a remaining document names a blob an expired one names (equal content in the filesystem
-- store): the job asks with containment (@>) on the trail's details.
CREATE INDEX audit_trail_details ON audit_trail USING GIN (details jsonb_path_ops);
