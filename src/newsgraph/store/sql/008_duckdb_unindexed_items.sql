-- newsgraph store, migration 008: on DuckDB, the item tables (every table keyed by its document) lose their
-- primary keys and migration 001's three indexes. DuckDB holds each such index whole in memory (an ART)
-- and checks every insert against it: over the 25 million item rows of 100,000 articles the ingest
-- process grew with the store (ART_INDEX 42 -> 112 MiB in duckdb_memory() for 2,000 articles stored into
-- a 20,000-article file) and each insert cost more. Nothing needs them: a document's items are written
-- once, in the transaction that stores the document, after `Store.add` has checked under the write lock
-- that its id is new (documents keeps its key, one small entry per article); reads scan columns and join
-- by hash. DuckDB cannot drop a primary key, so each table is copied into one without it.
-- PostgreSQL keeps its keys and indexes: they live on disk there and its planner uses them.
-- engine: duckdb

DROP INDEX actors_code;
DROP INDEX events_source;
DROP INDEX quotes_speaker;

CREATE TABLE actors_unkeyed (doc_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, code TEXT, country TEXT,
    sector TEXT, type TEXT, wikidata TEXT);
INSERT INTO actors_unkeyed SELECT doc_id, id, name, code, country, sector, type, wikidata FROM actors;
DROP TABLE actors;
ALTER TABLE actors_unkeyed RENAME TO actors;

CREATE TABLE mentions_unkeyed (doc_id TEXT NOT NULL, actor_id TEXT NOT NULL, n INTEGER NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT, in_part TEXT);
INSERT INTO mentions_unkeyed SELECT doc_id, actor_id, n, start_char, end_char, text, kind, in_part FROM mentions;
DROP TABLE mentions;
ALTER TABLE mentions_unkeyed RENAME TO mentions;

CREATE TABLE entities_unkeyed (doc_id TEXT NOT NULL, n INTEGER NOT NULL, start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL, text TEXT NOT NULL, label TEXT, actor_id TEXT, in_part TEXT);
INSERT INTO entities_unkeyed SELECT doc_id, n, start_char, end_char, text, label, actor_id, in_part FROM entities;
DROP TABLE entities;
ALTER TABLE entities_unkeyed RENAME TO entities;

CREATE TABLE quotes_unkeyed (doc_id TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, speaker TEXT, speaker_start INTEGER,
    speaker_end INTEGER, speaker_text TEXT, speaker_in TEXT, cue_start INTEGER, cue_end INTEGER, cue_text TEXT,
    cue_lemma TEXT, addressee TEXT, medium TEXT);
INSERT INTO quotes_unkeyed SELECT doc_id, id, kind, text, start_char, end_char, speaker, speaker_start, speaker_end,
    speaker_text, speaker_in, cue_start, cue_end, cue_text, cue_lemma, addressee, medium FROM quotes;
DROP TABLE quotes;
ALTER TABLE quotes_unkeyed RENAME TO quotes;

CREATE TABLE events_unkeyed (doc_id TEXT NOT NULL, id TEXT NOT NULL, source TEXT, target TEXT, cameo TEXT NOT NULL,
    root TEXT NOT NULL, plover TEXT, goldstein DOUBLE PRECISION NOT NULL, quad_class INTEGER NOT NULL,
    negated BOOLEAN NOT NULL, modality TEXT NOT NULL, date TEXT, quote TEXT, sentence INTEGER,
    evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL, evidence_text TEXT NOT NULL, evidence_in TEXT,
    location TEXT);
INSERT INTO events_unkeyed SELECT doc_id, id, source, target, cameo, root, plover, goldstein, quad_class, negated,
    modality, date, quote, sentence, evidence_start, evidence_end, evidence_text, evidence_in, location FROM events;
DROP TABLE events;
ALTER TABLE events_unkeyed RENAME TO events;

CREATE TABLE counts_unkeyed (doc_id TEXT NOT NULL, n INTEGER NOT NULL, kind TEXT NOT NULL,
    number DOUBLE PRECISION NOT NULL, object TEXT, approximate BOOLEAN NOT NULL, start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL, text TEXT NOT NULL);
INSERT INTO counts_unkeyed SELECT doc_id, n, kind, number, object, approximate, start_char, end_char, text FROM counts;
DROP TABLE counts;
ALTER TABLE counts_unkeyed RENAME TO counts;

CREATE TABLE dates_unkeyed (doc_id TEXT NOT NULL, n INTEGER NOT NULL, start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL, text TEXT NOT NULL, value TEXT, in_part TEXT);
INSERT INTO dates_unkeyed SELECT doc_id, n, start_char, end_char, text, value, in_part FROM dates;
DROP TABLE dates;
ALTER TABLE dates_unkeyed RENAME TO dates;

CREATE TABLE places_unkeyed (doc_id TEXT NOT NULL, n INTEGER NOT NULL, start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL, text TEXT NOT NULL, country TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION,
    geonames BIGINT, in_part TEXT, feature TEXT, admin1 TEXT);
INSERT INTO places_unkeyed SELECT doc_id, n, start_char, end_char, text, country, lat, lon, geonames, in_part,
    feature, admin1 FROM places;
DROP TABLE places;
ALTER TABLE places_unkeyed RENAME TO places;
