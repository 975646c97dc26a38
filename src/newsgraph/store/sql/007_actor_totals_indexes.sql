-- newsgraph store, migration 007: the actors' totals (migration 006) found by code and by part of a name on
-- PostgreSQL, as actors are (migration 005); DuckDB scans the small table.
-- engine: postgresql

CREATE INDEX actor_totals_code ON actor_totals (code);
CREATE INDEX actor_totals_name_search ON actor_totals USING gin (lower(name) gin_trgm_ops);
