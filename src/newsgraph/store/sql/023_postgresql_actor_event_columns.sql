-- newsgraph store, migration 023: on PostgreSQL, migration 010's indexes on an event's actor (its source's and its
-- target's code and lowered name) hold, after the actor, the event's date and the columns a timeline counts, so
-- an actor's timeline reads them from the indexes alone (query.timeline: one index-only scan per test of the
-- actor, UNION ALL, each event counted by the first test it passes, which needs the columns of the tests before
-- it: query._ACTOR_TESTS, in the order of these indexes). The timeline of USA at 100,000 articles read 37,000
-- events from 18,700 pages of the table (a bitmap scan of the four indexes): 102 ms a request, p99 157. The same
-- leading columns serve the other verbs' look-ups as before. A name's index holds the name too: PostgreSQL reads
-- an index alone only if it holds every column a query names, and lower(name) is not the column. These indexes
-- cannot merge equal keys as 010's did (each entry has its own included columns): 276 MB at 100,000 articles
-- instead of 23.
-- engine: postgresql

SET LOCAL maintenance_work_mem = '256MB';

DROP INDEX events_source_code;
DROP INDEX events_target_code;
DROP INDEX events_source_name;
DROP INDEX events_target_name;
CREATE INDEX events_source_code ON events (source_code, event_date) INCLUDE (quad_class, goldstein, negated);
CREATE INDEX events_target_code ON events (target_code, event_date)
    INCLUDE (quad_class, goldstein, negated, source_code);
CREATE INDEX events_source_name ON events (lower(source_name), event_date)
    INCLUDE (quad_class, goldstein, negated, source_code, target_code, source_name);
CREATE INDEX events_target_name ON events (lower(target_name), event_date)
    INCLUDE (quad_class, goldstein, negated, source_code, target_code, source_name, target_name);

-- An index answers alone for the rows of pages the visibility map marks all-visible, which autovacuum does once 20%
-- of the table is new by default: on that store, 5,600 articles more (6% of the events, their pages unmarked) took
-- USA's timeline from 39 to 68 ms. At 1% autovacuum visits the events every ~10,000 new ones and reads only the
-- unmarked pages (a VACUUM of those 6%: 0.2 s); storing 2,000 articles with it cost 45.5 ms an article (46-47
-- before it, load 1.1-1.3), and the timeline after them 42 ms. (PostgreSQL 13 or later.)
ALTER TABLE events SET (autovacuum_vacuum_insert_scale_factor = 0.01);
