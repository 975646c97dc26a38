-- newsgraph store, migration 015: on PostgreSQL, the word indexes DuckDB keeps (migrations 011 and 014), with
-- B-tree indexes on the word, so a search of a word reads the rows of its postings instead of rechecking the
-- text of every document or quote its trigrams select (document search 451 ms p99 at 100,000 articles: the
-- word "election" is in 40% of them). The same tables and rows as DuckDB's: a word is a run of ASCII letters,
-- digits and underscores, lowercased (PostgreSQL's `[0-9A-Za-z_]` is ASCII whatever the locale); the empty
-- word marks a text with a character that may case-fold to an ASCII letter (U+0130, U+0131, U+017F, U+212A),
-- whose text a search checks itself. `words` is every word once, with a trigram index for the words holding a
-- text (`documents --text`, `quotes --text`). The writer fills them with the same SELECTs (store.WORDS_OF,
-- store.QUOTE_WORDS_OF).
-- engine: postgresql

CREATE TABLE document_words (word TEXT NOT NULL, doc_id TEXT NOT NULL, in_text INTEGER NOT NULL,
    in_title INTEGER NOT NULL);

INSERT INTO document_words
SELECT word, doc_id, sum(in_text)::INTEGER, sum(in_title)::INTEGER FROM (
    SELECT lower(m.w[1]) AS word, d.id AS doc_id, 1 AS in_text, 0 AS in_title
    FROM documents d CROSS JOIN LATERAL regexp_matches(d.text, '[0-9A-Za-z_]+', 'g') AS m(w)
    UNION ALL
    SELECT lower(m.w[1]), d.id, 0, 1
    FROM documents d CROSS JOIN LATERAL regexp_matches(coalesce(d.title, ''), '[0-9A-Za-z_]+', 'g') AS m(w)
    UNION ALL
    SELECT '', d.id, 0, 0 FROM documents d
    WHERE d.text || chr(10) || coalesce(d.title, '') ~ '[\u0130\u0131\u017F\u212A]'
) found GROUP BY word, doc_id;

CREATE TABLE quote_words (word TEXT NOT NULL, doc_id TEXT NOT NULL, quote_id TEXT NOT NULL, published TEXT,
    start_char INTEGER NOT NULL);

INSERT INTO quote_words
SELECT DISTINCT word, doc_id, quote_id, published, start_char FROM (
    SELECT lower(m.w[1]) AS word, q.doc_id, q.id AS quote_id, q.published, q.start_char
    FROM quotes q CROSS JOIN LATERAL regexp_matches(q.text, '[0-9A-Za-z_]+', 'g') AS m(w)
    UNION ALL
    SELECT '', q.doc_id, q.id, q.published, q.start_char FROM quotes q WHERE q.text ~ '[\u0130\u0131\u017F\u212A]'
) found;

CREATE TABLE words (word TEXT PRIMARY KEY);
INSERT INTO words SELECT word FROM document_words UNION SELECT word FROM quote_words;

CREATE INDEX document_words_word ON document_words (word, doc_id);
CREATE INDEX document_words_doc ON document_words (doc_id);
CREATE INDEX quote_words_word ON quote_words (word, doc_id, quote_id);
CREATE INDEX quote_words_doc ON quote_words (doc_id);
CREATE INDEX words_search ON words USING gin (word gin_trgm_ops);
ANALYZE document_words;
ANALYZE quote_words;
ANALYZE words;
