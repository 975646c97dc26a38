-- newsgraph store, migration 005: indexes on what the query verbs and the pages filter on, for a store of
-- 100,000 articles. PostgreSQL only: its planner walks these B-tree and trigram (pg_trgm, LIKE '%word%')
-- indexes instead of scanning tables. DuckDB scans columns with zone maps and hash joins and uses its
-- ART indexes only for point lookups, while keeping each in memory and updating it on every insert (the
-- ingest process's memory and storing cost would grow with the store): there the migration is recorded
-- and creates nothing.
-- engine: postgresql

CREATE EXTENSION IF NOT EXISTS pg_trgm;
-- actors: by code (actors_code, migration 001), by canonical name, by part of a name
CREATE INDEX actors_name ON actors (lower(name));
CREATE INDEX actors_name_search ON actors USING gin (lower(name) gin_trgm_ops);
-- events: joined to their source (events_source, migration 001) and target actors; by root and date
CREATE INDEX events_target ON events (doc_id, target);
CREATE INDEX events_root ON events (root);
CREATE INDEX events_date ON events (date);
-- quotes: by speaker (quotes_speaker, migration 001) and by their words
CREATE INDEX quotes_text_search ON quotes USING gin (lower(text) gin_trgm_ops);
-- documents: newest first, and searched by title and body
CREATE INDEX documents_published ON documents (published DESC NULLS LAST, id);
CREATE INDEX documents_text_search ON documents USING gin (lower(text) gin_trgm_ops);
CREATE INDEX documents_title_search ON documents USING gin (lower(coalesce(title, '')) gin_trgm_ops);
