-- newsgraph store, migration 019: on PostgreSQL, migration 015's word indexes as one row per document, with its
-- words and its quotes' words as arrays under GIN indexes. 015 kept a row per word and document or quote (61
-- million rows at 100,000 articles) under B-tree indexes keyed on the word and a random document id: each new
-- article's rows went to pages all over them, and storing an article cost 22 ms at 10,000 and 37 ms at 100,000.
-- A GIN index keys the array's elements and keeps, for each, the rows holding it in the order they were added,
-- so a new row's entries go to the end of each list; with `fastupdate` they wait in its pending list and are
-- merged in bulk. The words are those of 015 (a run of ASCII letters, digits and underscores, lowercased; the
-- empty word for a text with a character that may case-fold to an ASCII letter, which a search checks itself).
-- `terms` holds each word of the document with its score (`word:hits`, hits being its count in the text plus
-- five times its count in the title, what the search page ranks by), so a search of a word reads the documents
-- of each of its scores from the index, best first, and stops when it has its page; `document_word_hits` lists
-- the scores each word has. `quote_words` holds the words of the document's quotes: a quote search takes the
-- documents holding the word in the quotes' order (theirs: newest first), and matches the texts of their quotes
-- until it has its page (a row per quote under a GIN index read 24,000 rows scattered over the table to sort
-- them for the page of one word). The arrays are stored out of line, uncompressed: the rows a search reads stay
-- small (25 MB for 100,000 documents instead of 60). `words` (015) still lists every word once, with its trigram
-- index. The writer fills the table with the same SELECT (store.DOCUMENT_TERMS_OF); here it is made from 015's
-- rows, which hold the same words (tests/test_scale.py compares both).
-- engine: postgresql

SET LOCAL work_mem = '256MB';
SET LOCAL maintenance_work_mem = '512MB';

CREATE TABLE document_terms (doc_id TEXT PRIMARY KEY, published TEXT, terms TEXT[] NOT NULL,
    quote_words TEXT[] NOT NULL);
ALTER TABLE document_terms ALTER COLUMN terms SET STORAGE EXTERNAL, ALTER COLUMN quote_words SET STORAGE EXTERNAL;

INSERT INTO document_terms
SELECT d.id, d.published, coalesce(w.terms, '{}'), coalesce(q.words, '{}')
FROM documents d
LEFT JOIN (
    SELECT doc_id, array_agg(term ORDER BY term) AS terms
    FROM (SELECT doc_id, CASE WHEN word = '' THEN '' ELSE word || ':' || (in_text + 5 * in_title) END AS term
          FROM document_words) scored
    GROUP BY doc_id) w ON w.doc_id = d.id
LEFT JOIN (SELECT doc_id, array_agg(DISTINCT word ORDER BY word) AS words FROM quote_words GROUP BY doc_id) q
    ON q.doc_id = d.id;

CREATE TABLE document_word_hits (word TEXT NOT NULL, hits INTEGER NOT NULL, PRIMARY KEY (word, hits));
INSERT INTO document_word_hits SELECT DISTINCT word, in_text + 5 * in_title FROM document_words WHERE word <> '';

DROP TABLE document_words;
DROP TABLE quote_words;

CREATE INDEX document_terms_search ON document_terms USING gin (terms) WITH (fastupdate = on);
CREATE INDEX document_terms_quotes ON document_terms USING gin (quote_words) WITH (fastupdate = on);
ANALYZE document_terms;
ANALYZE document_word_hits;

-- The documents (id and date) whose words hold any of `wanted`, whose quotes' words hold any of them, or all: read
-- from the GIN indexes always. The planner cannot tell what reading a row's array costs (a look-up in the table
-- of out-of-line values, then a comparison with each wanted word), and chose to scan every row for a word in 40%
-- of them, or for an array known only when the query runs (1.1 s for 5,700 documents); these functions plan their
-- query with sequential scans off.
CREATE FUNCTION documents_with_terms(wanted TEXT[]) RETURNS TABLE (doc_id TEXT, published TEXT)
    LANGUAGE sql STABLE SET enable_seqscan = off
    AS $$ SELECT t.doc_id, t.published FROM document_terms t WHERE t.terms && wanted $$;
CREATE FUNCTION documents_quoting_any(wanted TEXT[]) RETURNS TABLE (doc_id TEXT, published TEXT)
    LANGUAGE sql STABLE SET enable_seqscan = off
    AS $$ SELECT t.doc_id, t.published FROM document_terms t WHERE t.quote_words && wanted $$;
CREATE FUNCTION documents_quoting_all(wanted TEXT[]) RETURNS TABLE (doc_id TEXT, published TEXT)
    LANGUAGE sql STABLE SET enable_seqscan = off
    AS $$ SELECT t.doc_id, t.published FROM document_terms t WHERE t.quote_words @> wanted $$;
