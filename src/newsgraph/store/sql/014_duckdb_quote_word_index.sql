-- newsgraph store, migration 014: on DuckDB, a word index of the quotes, as migration 011 made one of the
-- documents, so a quote search reads the rows of its words instead of every quote's text (264 ms p99 at
-- 100,000 articles, 1.6 million quotes). `quote_words` holds, for each quote, each of its words once (a run of
-- ASCII letters, digits and underscores, lowercased); a quote holding a character that case-folds to an ASCII
-- letter (U+0130, U+0131, U+017F, U+212A) gets a row with the empty word, and searches check its text itself.
-- Each row carries its quote's place in the quotes' order (newest article first: published, doc_id,
-- start_char), so a search takes its page from the index alone and reads only that page's quotes: joining the
-- 25 million rows of the index at 100,000 articles to the 1.6 million quotes cost more than scanning them.
-- `words` gains the quotes' words, so it lists every word of either index. The writer fills the table for new
-- quotes with the same SELECT (store.QUOTE_WORDS_OF, compared with this one in tests/test_scale.py).
-- engine: duckdb

CREATE TABLE quote_words (word TEXT NOT NULL, doc_id TEXT NOT NULL, quote_id TEXT NOT NULL, published TEXT,
    start_char INTEGER NOT NULL);

INSERT INTO quote_words
SELECT DISTINCT word, doc_id, quote_id, published, start_char FROM (
    SELECT lower(unnest(regexp_extract_all(q.text, '[0-9A-Za-z_]+'))) AS word, q.doc_id, q.id AS quote_id,
           q.published, q.start_char
    FROM quotes q
    UNION ALL
    SELECT '', q.doc_id, q.id, q.published, q.start_char FROM quotes q
    WHERE regexp_matches(q.text, '[\x{130}\x{131}\x{17F}\x{212A}]')
) found;

INSERT INTO words SELECT DISTINCT word FROM quote_words WHERE word NOT IN (SELECT word FROM words);
