-- newsgraph store, migration 010: PostgreSQL's indexes on migration 009's columns: an actor's events by code or
-- canonical name on either side (a bitmap OR of four index scans), events in date order, a speaker's quotes,
-- quotes newest first. DuckDB scans these short columns (see migration 005).
-- engine: postgresql

CREATE INDEX events_source_code ON events (source_code);
CREATE INDEX events_target_code ON events (target_code);
CREATE INDEX events_source_name ON events (lower(source_name));
CREATE INDEX events_target_name ON events (lower(target_name));
CREATE INDEX events_event_date ON events (event_date, doc_id, sentence, id);
CREATE INDEX quotes_speaker_code ON quotes (speaker_code);
CREATE INDEX quotes_speaker_name ON quotes (lower(speaker_name));
CREATE INDEX quotes_published ON quotes (published DESC NULLS LAST, doc_id, start_char);
