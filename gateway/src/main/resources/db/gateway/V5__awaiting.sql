-- What a document waiting for a person waits for, in the provider's words (status AWAITING_PERSON,
-- or the Smart-ID device link's scan for AWAITING_SCAN). Never personal data.
ALTER TABLE documents ADD COLUMN awaiting TEXT;
