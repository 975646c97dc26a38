-- newsgraph store, migration 003: when each record was stored (GDELT's
-- DATEADDED is the time GDELT first saw an article; newsgraph's is this), and
-- the document's tone (record `document.tone`: GDELT V2Tone's seven fields).
-- Records stored before this migration get the time of the upgrade as their
-- stored_at (a time by which they were surely stored) and no tone: their
-- GDELT rows leave AvgTone and V1.5TONE empty; a store ingested afresh has
-- both. Times are UTC, without a zone.

ALTER TABLE documents ADD COLUMN stored_at TIMESTAMP;
UPDATE documents SET stored_at = timezone('UTC', CURRENT_TIMESTAMP);
ALTER TABLE documents ADD COLUMN tone DOUBLE PRECISION;
ALTER TABLE documents ADD COLUMN tone_positive DOUBLE PRECISION;
ALTER TABLE documents ADD COLUMN tone_negative DOUBLE PRECISION;
ALTER TABLE documents ADD COLUMN tone_polarity DOUBLE PRECISION;
ALTER TABLE documents ADD COLUMN tone_activity DOUBLE PRECISION;
ALTER TABLE documents ADD COLUMN tone_self_group DOUBLE PRECISION;
ALTER TABLE documents ADD COLUMN tone_words INTEGER;
