-- newsgraph store, migration 018: on DuckDB, the word indexes (migrations 011, 014) hold integers, sorted by
-- word, so a search reads the row groups of its word alone. Before, each search read every row of the word
-- column (36 million rows of `document_words`, 25 million of `quote_words` at 100,000 articles: 145-180 ms of a
-- search's 250-300 ms), whatever the form of the query: a row group (122,880 rows) written in the order the
-- documents were stored holds every common word, so its min/max (DuckDB's zone map) excludes none.
-- - `words` gives each word an integer id; the indexes' rows carry `word_id` instead of the word.
-- - `documents.key` is an integer key of each document (store-internal, in the order they were stored), which
--   the indexes' rows carry instead of the 64-character id (sorted by word, the ids took 2,192 blocks of 256 KiB
--   in `quote_words` at 100,000 articles, where in the documents' order they took 205).
-- - The rows are stored sorted by word_id in runs: here all of them; the writer adds new rows to
--   `document_words_fresh` and `quote_words_fresh` and moves them, sorted, into the main tables when they hold
--   a run's worth (store.FRESH_RUN_ROWS). A word's rows then fill one or two row groups of each run, and the
--   fresh ones are scanned whole: DuckDB skips the other row groups by their zone maps.
-- Searches look their words' ids up first and read both tables (store.index_rows); the words and counts are
-- those of migrations 011 and 014.
-- engine: duckdb

ALTER TABLE documents ADD COLUMN key INTEGER;
UPDATE documents SET key = k.key
FROM (SELECT id, row_number() OVER (ORDER BY rowid)::INTEGER AS key FROM documents) k WHERE documents.id = k.id;

CREATE TABLE word_ids (id INTEGER NOT NULL, word TEXT NOT NULL);
INSERT INTO word_ids SELECT row_number() OVER (ORDER BY word)::INTEGER, word FROM words;
DROP TABLE words;
ALTER TABLE word_ids RENAME TO words;

CREATE TABLE document_postings (word_id INTEGER NOT NULL, doc_key INTEGER NOT NULL, in_text INTEGER NOT NULL,
    in_title INTEGER NOT NULL);
INSERT INTO document_postings
SELECT w.id, d.key, p.in_text, p.in_title FROM document_words p JOIN words w ON w.word = p.word
JOIN documents d ON d.id = p.doc_id ORDER BY w.id, d.key;
DROP TABLE document_words;
ALTER TABLE document_postings RENAME TO document_words;
CREATE TABLE document_words_fresh (word_id INTEGER NOT NULL, doc_key INTEGER NOT NULL, in_text INTEGER NOT NULL,
    in_title INTEGER NOT NULL);

CREATE TABLE quote_postings (word_id INTEGER NOT NULL, doc_key INTEGER NOT NULL, quote_id TEXT NOT NULL,
    published TEXT, start_char INTEGER NOT NULL);
INSERT INTO quote_postings
SELECT w.id, d.key, p.quote_id, p.published, p.start_char FROM quote_words p JOIN words w ON w.word = p.word
JOIN documents d ON d.id = p.doc_id ORDER BY w.id, d.key, p.start_char, p.quote_id;
DROP TABLE quote_words;
ALTER TABLE quote_postings RENAME TO quote_words;
CREATE TABLE quote_words_fresh (word_id INTEGER NOT NULL, doc_key INTEGER NOT NULL, quote_id TEXT NOT NULL,
    published TEXT, start_char INTEGER NOT NULL);
