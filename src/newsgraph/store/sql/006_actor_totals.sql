-- newsgraph store, migration 006: each actor's totals across the corpus (by canonical name, code, type,
-- country and sector, as `newsgraph query actors` and the pages list them): how many documents name it and
-- how many mentions it has. Kept up to date with every batch stored or replaced (Store.add, Store.replace),
-- so listing actors reads this small table instead of aggregating every actor and mention row.
-- `key` joins the five fields with chr(31), chr(30) standing for a missing one.

CREATE TABLE actor_totals (
    key         TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    code        TEXT,
    type        TEXT,
    country     TEXT,
    sector      TEXT,
    documents   BIGINT NOT NULL,
    mentions    BIGINT NOT NULL
);

INSERT INTO actor_totals (key, name, code, type, country, sector, documents, mentions)
SELECT a.name || chr(31) || coalesce(a.code, chr(30)) || chr(31) || coalesce(a.type, chr(30)) || chr(31)
           || coalesce(a.country, chr(30)) || chr(31) || coalesce(a.sector, chr(30)),
       a.name, a.code, a.type, a.country, a.sector, count(DISTINCT a.doc_id), count(m.n)
FROM actors a LEFT JOIN mentions m ON m.doc_id = a.doc_id AND m.actor_id = a.id
GROUP BY a.name, a.code, a.type, a.country, a.sector;
