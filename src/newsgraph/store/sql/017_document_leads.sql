-- newsgraph store, migration 017: each document's lead (its text's first 240 characters, what a list of
-- articles shows beside the title) as a column of its own. Store-internal, like migration 009's columns:
-- cutting the leads of a page of 50 articles from their texts cost DuckDB 30-60 ms at 100,000 articles, as it
-- decompresses a whole block of texts for each. The writer fills it for new documents (store.rows.stored_rows).

ALTER TABLE documents ADD COLUMN lead TEXT;
UPDATE documents SET lead = substr(text, 1, 240);
