-- newsgraph store, migration 021: each document's number of events and quotes, in a table of its own that the
-- writer fills with the document and empties when it is replaced, so a page of articles says them without
-- reading the event and quote tables: DuckDB, having no index on them, scanned the doc_id of every event and
-- quote (0.9 and 1.6 million at 100,000 articles) for each page, 40 of its 50 CPU-ms. Not columns of
-- `documents`: filling new columns rewrites every document's row, and PostgreSQL then re-indexes its text's
-- trigrams (206 s at 101,480 articles).

CREATE TABLE document_counts (doc_id TEXT NOT NULL, events INTEGER NOT NULL, quotes INTEGER NOT NULL);
INSERT INTO document_counts
    SELECT d.id, coalesce(ev.n, 0), coalesce(qu.n, 0)
    FROM documents d
    LEFT JOIN (SELECT doc_id, count(*) AS n FROM events GROUP BY doc_id) ev ON ev.doc_id = d.id
    LEFT JOIN (SELECT doc_id, count(*) AS n FROM quotes GROUP BY doc_id) qu ON qu.doc_id = d.id;
