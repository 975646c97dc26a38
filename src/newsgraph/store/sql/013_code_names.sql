-- newsgraph store, migration 013: how many actor rows carry each (code, canonical name), kept up to date with
-- every batch stored or replaced (as actor_totals, migration 006): what `query.display_names` picks a code's
-- display name from (the name most of its actors carry), instead of grouping every actor with the code
-- (PostgreSQL: 0.8 s for the codes of a page of pairs at 100,000 articles, most of the pairs' time).

CREATE TABLE code_names (
    key         TEXT PRIMARY KEY,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    actors      BIGINT NOT NULL
);

INSERT INTO code_names (key, code, name, actors)
SELECT code || chr(31) || name, code, name, count(*) FROM actors WHERE code IS NOT NULL GROUP BY code, name;
