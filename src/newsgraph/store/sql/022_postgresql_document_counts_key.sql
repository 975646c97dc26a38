-- newsgraph store, migration 022 (PostgreSQL): migration 021's counts keyed by document, so a page finds its
-- articles' counts through the key. DuckDB reads its 100,000 rows in a scan (2 ms) and keeps no key there, as
-- it keeps none on its item tables (migration 008): its keys' index grows the writer's memory.
-- engine: postgresql

ALTER TABLE document_counts ADD PRIMARY KEY (doc_id);
