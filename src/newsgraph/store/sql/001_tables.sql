-- newsgraph store, migration 001: one table per kind of item in the record
-- (docs/output-contract.md), keyed by the document's content hash, plus the
-- whole record as JSON so nothing extracted is lost. Written in the SQL that
-- DuckDB and PostgreSQL share. Offsets are `start_char`/`end_char` (the
-- record's `start`/`end`); `in_part` is the record's `in` ("title" or null).

CREATE TABLE documents (
    id          TEXT PRIMARY KEY,
    input_id    TEXT,
    title       TEXT,
    text        TEXT NOT NULL,
    published   TEXT,
    source      TEXT,
    url         TEXT,
    language    TEXT,
    schema      TEXT NOT NULL,
    record      TEXT NOT NULL
);

CREATE TABLE actors (
    doc_id      TEXT NOT NULL,
    id          TEXT NOT NULL,
    name        TEXT NOT NULL,
    code        TEXT,
    country     TEXT,
    sector      TEXT,
    type        TEXT,
    wikidata    TEXT,
    PRIMARY KEY (doc_id, id)
);

CREATE TABLE mentions (
    doc_id      TEXT NOT NULL,
    actor_id    TEXT NOT NULL,
    n           INTEGER NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    kind        TEXT,
    in_part     TEXT,
    PRIMARY KEY (doc_id, actor_id, n)
);

CREATE TABLE entities (
    doc_id      TEXT NOT NULL,
    n           INTEGER NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    label       TEXT,
    actor_id    TEXT,
    in_part     TEXT,
    PRIMARY KEY (doc_id, n)
);

CREATE TABLE quotes (
    doc_id        TEXT NOT NULL,
    id            TEXT NOT NULL,
    kind          TEXT NOT NULL,
    text          TEXT NOT NULL,
    start_char    INTEGER NOT NULL,
    end_char      INTEGER NOT NULL,
    speaker       TEXT,
    speaker_start INTEGER,
    speaker_end   INTEGER,
    speaker_text  TEXT,
    speaker_in    TEXT,
    cue_start     INTEGER,
    cue_end       INTEGER,
    cue_text      TEXT,
    cue_lemma     TEXT,
    addressee     TEXT,
    medium        TEXT,
    PRIMARY KEY (doc_id, id)
);

CREATE TABLE events (
    doc_id         TEXT NOT NULL,
    id             TEXT NOT NULL,
    source         TEXT,
    target         TEXT,
    cameo          TEXT NOT NULL,
    root           TEXT NOT NULL,
    plover         TEXT,
    goldstein      DOUBLE PRECISION NOT NULL,
    quad_class     INTEGER NOT NULL,
    negated        BOOLEAN NOT NULL,
    modality       TEXT NOT NULL,
    date           TEXT,
    quote          TEXT,
    sentence       INTEGER,
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL,
    evidence_text  TEXT NOT NULL,
    evidence_in    TEXT,
    location       TEXT,
    PRIMARY KEY (doc_id, id)
);

CREATE TABLE counts (
    doc_id      TEXT NOT NULL,
    n           INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    number      DOUBLE PRECISION NOT NULL,
    object      TEXT,
    approximate BOOLEAN NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    PRIMARY KEY (doc_id, n)
);

CREATE TABLE dates (
    doc_id      TEXT NOT NULL,
    n           INTEGER NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    value       TEXT,
    in_part     TEXT,
    PRIMARY KEY (doc_id, n)
);

CREATE TABLE places (
    doc_id      TEXT NOT NULL,
    n           INTEGER NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    country     TEXT,
    lat         DOUBLE PRECISION,
    lon         DOUBLE PRECISION,
    geonames    BIGINT,
    in_part     TEXT,
    PRIMARY KEY (doc_id, n)
);

CREATE INDEX actors_code ON actors (code);
CREATE INDEX events_source ON events (doc_id, source);
CREATE INDEX quotes_speaker ON quotes (doc_id, speaker);
