-- newsgraph store, migration 019: on PostgreSQL, migration 015's word indexes as one row per document and one per
-- quote, each with its words as an array under a GIN index. 015 kept a row per word and document or quote (61
-- million rows at 100,000 articles) under B-tree indexes keyed on the word and a random document id: each new
-- article's rows went to pages all over them, and storing an article cost 22 ms at 10,000 and 37 ms at 100,000.
-- A GIN index keys the array's elements and keeps, for each, the rows holding it in the order they were added,
-- so a new row's entries go to the end of each list; with `fastupdate` they wait in its pending list and are
-- merged in bulk. The words are those of 015 (a run of ASCII letters, digits and underscores, lowercased; the
-- empty word for a text with a character that may case-fold to an ASCII letter, which a search checks itself).
-- A document's array holds each word with its score (`word:hits`, hits being its count in the text plus five
-- times its count in the title, what the search page ranks by), so a search of a word reads the documents of
-- each of its scores from the index without reading any array; `document_word_hits` lists the scores each word
-- has. `words` (015) still lists every word once, with its trigram index. Each row carries its item's place in
-- the order of a list (published; a quote's document and start), so a page comes from these tables alone. The
-- writer fills them with the same SELECTs (store.DOCUMENT_TERMS_OF, store.QUOTE_TERMS_OF); here they are made
-- from 015's rows, which hold the same words (tests/test_scale.py compares both).
-- engine: postgresql

SET LOCAL work_mem = '256MB';
SET LOCAL maintenance_work_mem = '512MB';

CREATE TABLE document_terms (doc_id TEXT PRIMARY KEY, published TEXT, terms TEXT[] NOT NULL);

INSERT INTO document_terms
SELECT d.id, d.published, coalesce(w.terms, '{}')
FROM documents d LEFT JOIN (
    SELECT doc_id, array_agg(term ORDER BY term) AS terms
    FROM (SELECT doc_id, CASE WHEN word = '' THEN '' ELSE word || ':' || (in_text + 5 * in_title) END AS term
          FROM document_words) scored
    GROUP BY doc_id) w ON w.doc_id = d.id;

CREATE TABLE quote_terms (doc_id TEXT NOT NULL, quote_id TEXT NOT NULL, published TEXT, start_char INTEGER NOT NULL,
    words TEXT[] NOT NULL, PRIMARY KEY (doc_id, quote_id));

INSERT INTO quote_terms
SELECT q.doc_id, q.id, q.published, q.start_char, coalesce(w.words, '{}')
FROM quotes q LEFT JOIN (
    SELECT doc_id, quote_id, array_agg(word ORDER BY word) AS words FROM quote_words GROUP BY doc_id, quote_id
) w ON w.doc_id = q.doc_id AND w.quote_id = q.id;

CREATE TABLE document_word_hits (word TEXT NOT NULL, hits INTEGER NOT NULL, PRIMARY KEY (word, hits));
INSERT INTO document_word_hits SELECT DISTINCT word, in_text + 5 * in_title FROM document_words WHERE word <> '';

DROP TABLE document_words;
DROP TABLE quote_words;

CREATE INDEX document_terms_search ON document_terms USING gin (terms) WITH (fastupdate = on);
CREATE INDEX quote_terms_search ON quote_terms USING gin (words) WITH (fastupdate = on);
ANALYZE document_terms;
ANALYZE quote_terms;
ANALYZE document_word_hits;
