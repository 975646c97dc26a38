-- newsgraph store, migration 016: how many events and quotes the store holds, kept up to date with every batch
-- stored or replaced (as actor_totals, migration 006, is), so a page of all events or all quotes says its
-- total without counting every row: on PostgreSQL a count of the 838,000 events and 1.6 million quotes of
-- 100,000 articles scans them (DuckDB keeps row counts itself, and reads this table all the same).

CREATE TABLE item_totals (name TEXT PRIMARY KEY, n BIGINT NOT NULL);
INSERT INTO item_totals SELECT 'events', count(*) FROM events;
INSERT INTO item_totals SELECT 'quotes', count(*) FROM quotes;
