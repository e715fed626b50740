-- The signing-attempt (Kafka header, absent = 0) of the event that set the document's status: a
-- deliberate re-processing (attempt n+1) may still assemble a document that attempt n failed.
ALTER TABLE documents ADD COLUMN attempt INTEGER NOT NULL DEFAULT 0;
