-- newsgraph store, migration 009: what the query verbs filter, group and sort events and quotes by, carried on
-- their own rows (store-internal columns, not the record's): an event's date (its own, else its article's
-- publication date) and its source and target actors' code, canonical name and country; a quote's article date
-- and its speaker's code, name and country. Before, every such query joined 1-2 million event or quote rows to
-- the actors (and documents) by 64-character ids: 0.4-2.5 s at 100,000 articles. The writer fills them for new
-- rows (store/rows.py, `stored_rows`); here they are filled for the rows stored before.

ALTER TABLE events ADD COLUMN event_date TEXT;
ALTER TABLE events ADD COLUMN source_code TEXT;
ALTER TABLE events ADD COLUMN source_name TEXT;
ALTER TABLE events ADD COLUMN source_country TEXT;
ALTER TABLE events ADD COLUMN target_code TEXT;
ALTER TABLE events ADD COLUMN target_name TEXT;
ALTER TABLE events ADD COLUMN target_country TEXT;

UPDATE events SET event_date = coalesce(events.date, d.published) FROM documents d WHERE d.id = events.doc_id;
UPDATE events SET source_code = a.code, source_name = a.name, source_country = a.country
FROM actors a WHERE a.doc_id = events.doc_id AND a.id = events.source;
UPDATE events SET target_code = a.code, target_name = a.name, target_country = a.country
FROM actors a WHERE a.doc_id = events.doc_id AND a.id = events.target;

ALTER TABLE quotes ADD COLUMN published TEXT;
ALTER TABLE quotes ADD COLUMN speaker_code TEXT;
ALTER TABLE quotes ADD COLUMN speaker_name TEXT;
ALTER TABLE quotes ADD COLUMN speaker_country TEXT;

UPDATE quotes SET published = d.published FROM documents d WHERE d.id = quotes.doc_id;
UPDATE quotes SET speaker_code = a.code, speaker_name = a.name, speaker_country = a.country
FROM actors a WHERE a.doc_id = quotes.doc_id AND a.id = quotes.speaker;
