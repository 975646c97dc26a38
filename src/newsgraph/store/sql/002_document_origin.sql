-- newsgraph store, migration 002: where each document's date came from (`published_from`: field, html,
-- dateline, filename or default; null when undated) and what analysed it (`analyser`: the package version
-- plus a hash of its data files), so `newsgraph reanalyse` can find the records an upgrade changes.
-- Documents stored before this migration have neither: their analyser is unknown, so they count as stale.

ALTER TABLE documents ADD COLUMN published_from TEXT;
ALTER TABLE documents ADD COLUMN analyser TEXT;
