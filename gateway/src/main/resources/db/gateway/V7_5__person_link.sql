-- The link a person follows for a document waiting for them (the one-time signing login's
-- authorization URL, ADR 28) and its id (the login's state), from SignatureRequested's session while
-- it awaits a person. The id finds the documents a login callback is for.
ALTER TABLE documents ADD COLUMN person_link TEXT;
ALTER TABLE documents ADD COLUMN person_link_id TEXT;
CREATE INDEX documents_by_person_link_id ON documents (person_link_id) WHERE person_link_id IS NOT NULL;
