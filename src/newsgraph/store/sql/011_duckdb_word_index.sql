-- newsgraph store, migration 011: on DuckDB, a word index of the documents, so a search reads the rows of its
-- words instead of every text (2.3 s p99 at 100,000 articles; DuckDB's own `fts` extension is not shipped
-- offline). `document_words` holds, for each document, each of its words (a run of ASCII letters, digits and
-- underscores, lowercased) with how many times it occurs in the text and in the title; `words` every word once.
-- Both engines' regular expressions (\b, \w) and DuckDB's ILIKE see exactly these runs as words, so for a
-- search of such words the index answers what a scan of the texts answers, and with the same counts. The one
-- exception is a document holding a character that case-folds to an ASCII letter (U+0130, U+0131, U+017F,
-- U+212A: `İ ı ſ K`): it gets a row with the empty word, and searches check its text itself. The writer fills
-- both tables for new documents with the same SELECT (Store._add_words); here they are filled for the stored.
-- PostgreSQL keeps its trigram indexes (migration 005).
-- engine: duckdb

CREATE TABLE document_words (word TEXT NOT NULL, doc_id TEXT NOT NULL, in_text INTEGER NOT NULL,
    in_title INTEGER NOT NULL);

INSERT INTO document_words
SELECT word, doc_id, sum(in_text)::INTEGER, sum(in_title)::INTEGER FROM (
    SELECT lower(unnest(regexp_extract_all(d.text, '[0-9A-Za-z_]+'))) AS word, d.id AS doc_id, 1 AS in_text,
           0 AS in_title FROM documents d
    UNION ALL
    SELECT lower(unnest(regexp_extract_all(coalesce(d.title, ''), '[0-9A-Za-z_]+'))), d.id, 0, 1 FROM documents d
    UNION ALL
    SELECT '', d.id, 0, 0 FROM documents d
    WHERE regexp_matches(d.text || chr(10) || coalesce(d.title, ''), '[\x{130}\x{131}\x{17F}\x{212A}]')
) found GROUP BY word, doc_id;

CREATE TABLE words (word TEXT NOT NULL);
INSERT INTO words SELECT DISTINCT word FROM document_words;
