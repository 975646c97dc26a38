"""The store: DuckDB and PostgreSQL through one schema, idempotent, transactional, same answers."""
from __future__ import annotations

import json
import math
from datetime import datetime

import duckdb
import pytest

from conftest import SEED, polnear_corpus
from newsgraph import query
from newsgraph.errors import NewsgraphError
from newsgraph.export import export
from newsgraph.ingest import ingest
from newsgraph.store import _statements, migrations, open_store
from newsgraph.store.rows import COLUMNS, STORED_COLUMNS, rows_of, stored_rows


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    tmp = tmp_path_factory.mktemp("corpus")
    return [str(SEED), str(polnear_corpus(tmp, 12))]


@pytest.fixture(scope="module")
def records(corpus, nlp) -> list[dict]:
    from newsgraph.pipeline import analyze_articles
    from newsgraph.read import read_inputs

    return [r.to_dict() for r in analyze_articles(read_inputs(corpus))]


def snapshot(store) -> dict[str, list[tuple]]:
    return {name: store.table(name) for name in COLUMNS}


def test_records_become_rows_in_every_table(tmp_path, records):
    with open_store(str(tmp_path / "db.duckdb")) as store:
        assert store.add(records) == len(records)
        total = lambda key: sum(len(r[key]) for r in records)  # noqa: E731
        assert store.count("documents") == len(records)
        assert store.count("events") == total("events") > 0
        assert store.count("quotes") == total("quotes") > 0
        assert store.count("actors") == total("actors")
        assert store.count("mentions") == sum(len(a["mentions"]) for r in records for a in r["actors"])
        assert store.count("places") == total("places")
        # the whole record survives, byte for byte
        first = records[0]
        assert json.loads(store.record(first["document"]["id"])) == first


def test_adding_again_adds_nothing(tmp_path, records):
    with open_store(str(tmp_path / "db.duckdb")) as store:
        store.add(records[:5])
        before = snapshot(store)
        assert store.add(records[:5]) == 0
        assert store.add(records[:5] + records[:5]) == 0
        assert snapshot(store) == before
        assert store.add(records) == len(records) - 5


def test_a_failed_batch_leaves_no_trace(tmp_path, records):
    # the database itself refuses the batch (NOT NULL), after its documents rows went in
    broken = json.loads(json.dumps(next(r for r in records[4:] if r["events"])))
    broken["events"][-1]["cameo"] = None
    with open_store(str(tmp_path / "db.duckdb")) as store:
        store.add(records[2:4])
        before = snapshot(store)
        with pytest.raises(NewsgraphError, match="E021"):
            store.add([records[0], broken])
        assert snapshot(store) == before
        assert store.add([records[0]]) == 1


def test_migrations_apply_once_and_refuse_a_newer_schema(tmp_path):
    path = str(tmp_path / "db.duckdb")
    open_store(path).close()
    with open_store(path) as store:
        versions = store.fetch("SELECT version FROM schema_migrations ORDER BY version")
        assert [v["version"] for v in versions] == [m[0] for m in migrations()]
        store._run("INSERT INTO schema_migrations VALUES (999, 'future')")
    with pytest.raises(NewsgraphError, match="E020"):
        open_store(path)


def test_bad_database_urls_are_clear_errors(tmp_path):
    with pytest.raises(NewsgraphError, match="E019"):
        open_store("mysql://localhost/x")
    with pytest.raises(NewsgraphError, match="E018"):
        open_store(str(tmp_path / "missing" / "db.duckdb"))
    with pytest.raises(NewsgraphError, match="E018"):
        open_store(str(tmp_path / "none.duckdb"), read_only=True)
    garbage = tmp_path / "garbage.duckdb"
    garbage.write_bytes(b"not a database" * 100)
    with pytest.raises(NewsgraphError, match="E018"):
        open_store(str(garbage))
    with pytest.raises(NewsgraphError, match="E018"):
        open_store("postgresql://nobody@127.0.0.1:1/none")


def all_queries(store) -> dict[str, list]:
    return {
        "events": query.events(store),
        "events_usa": query.events(store, actor="USAGOV", since="2016"),
        "events_window": query.events(store, since="2016-09-15", until="2016-09"),
        "quotes": query.quotes(store),
        "quotes_trump": query.quotes(store, speaker="trump"),
        "pairs": query.pairs(store),
        "timeline": query.timeline(store, by="day"),
        "timeline_usa": query.timeline(store, actor="USA", by="month"),
        "actors": query.actors(store, limit=None),
        "documents": query.documents(store, text="the", limit=None),
    }


def test_duckdb_and_postgresql_hold_the_same_rows_and_answer_alike(tmp_path, records, fresh_postgres):
    with open_store(str(tmp_path / "db.duckdb")) as duck, open_store(fresh_postgres) as pg:
        assert pg.engine == "postgresql"
        now = datetime(2026, 12, 1, 6, 30, 0)
        assert duck.add(records, now) == pg.add(records, now) == len(records)
        assert pg.add(records) == 0
        assert snapshot(duck) == snapshot(pg)
        a, b = all_queries(duck), all_queries(pg)
        assert a == b
        assert a["events_usa"] and a["pairs"] and a["quotes_trump"] and a["timeline_usa"]
        for fmt in ("gdelt-events", "gdelt-gkg", "jsonl"):
            export(duck, fmt, tmp_path / f"duck.{fmt}")
            export(pg, fmt, tmp_path / f"pg.{fmt}")
            assert (tmp_path / f"duck.{fmt}").read_bytes() == (tmp_path / f"pg.{fmt}").read_bytes(), fmt
        export(pg, "parquet", tmp_path / "pg_parquet")
        events = duckdb.sql(f"SELECT * FROM '{tmp_path / 'pg_parquet' / 'events.parquet'}'").fetchall()
        assert [tuple(row) for row in events] == duck.table("events")


def plain_timeline(records, actor, by, since=None, until=None, quad_class=None, root=None) -> list[dict]:
    """query.timeline computed in Python over the rows the store holds for `records`, the mean Goldstein unrounded:
    the events not negated, dated to the period, whose source or target has `actor` as its code or (in any case)
    its name, each counted once."""
    width = query.PERIODS[by]
    names = STORED_COLUMNS["events"]
    periods: dict[str, list] = {}
    for record in records:
        for row in stored_rows(record)["events"]:
            e = dict(zip(names, row, strict=True))
            date = e["event_date"] or ""
            named = actor in (e["source_code"], e["target_code"]) or any(
                name is not None and name.lower() == actor.lower() for name in (e["source_name"], e["target_name"]))
            if (named and not e["negated"] and len(date) >= width and (since is None or date >= since)
                    and (until is None or date[:len(until)] <= until)
                    and quad_class in (None, e["quad_class"]) and root in (None, e["root"])):
                periods.setdefault(date[:width], []).append(e)
    return [{"period": period, "events": len(es), "cooperation": sum(e["quad_class"] <= 2 for e in es),
             "conflict": sum(e["quad_class"] >= 3 for e in es),
             **{f"quad{q}": sum(e["quad_class"] == q for e in es) for q in (1, 2, 3, 4)},
             "mean_goldstein": math.fsum(e["goldstein"] for e in es) / len(es)}
            for period, es in sorted(periods.items())]


def same_timeline(got: list[dict], expected: list[dict]) -> bool:
    """Rows alike, the mean rounded to two places from the exact one (at a tie, .xx5, either way: the engines
    sum in floating point in the order they read the events)."""
    unrounded = [{k: v for k, v in row.items() if k != "mean_goldstein"} for row in expected]
    return ([{k: v for k, v in row.items() if k != "mean_goldstein"} for row in got] == unrounded
            and all(abs(row["mean_goldstein"] - want["mean_goldstein"]) <= 0.005 + 1e-9
                    for row, want in zip(got, expected, strict=True)))


def test_an_actors_timeline_counts_each_event_once_on_both_engines(tmp_path, records, fresh_postgres):
    # PostgreSQL reads an actor's events side by side (query._events_by_side, migration 023): an event whose
    # source and target both name the actor must count once, a name in any case, an uncoded actor by its name
    events = [dict(zip(STORED_COLUMNS["events"], row, strict=True))
              for record in records for row in stored_rows(record)["events"]]
    codes = {e[f"{side}_code"] for e in events for side in ("source", "target")} - {None}
    names = {e[f"{side}_name"] for e in events for side in ("source", "target")} - {None}
    both = [e for e in events if e["source_code"] and e["source_code"] == e["target_code"]]
    assert both and any(not e["source_code"] and e["source_name"] for e in events)
    # the cases that can go wrong (an actor on both sides, an uncoded actor by its name, a name in another case)
    # and a spread of the others: every actor took 27 s of the suite
    uncoded = sorted({e[f"{side}_name"] for e in events for side in ("source", "target")
                      if e[f"{side}_name"] and not e[f"{side}_code"]})
    spread = sorted(codes)[::4] + sorted(names)[::6]
    actors = sorted({e["source_code"] for e in both} | set(uncoded[:6]) | set(spread))
    actors += [name.upper() for name in uncoded[:2] + sorted(names)[:2]] + ["nobody at all"]
    with open_store(str(tmp_path / "db.duckdb")) as duck, open_store(fresh_postgres) as pg:
        duck.add(records)
        pg.add(records)
        for actor in actors:
            for by in ("month", "day"):
                expected = plain_timeline(records, actor, by)
                for store in (duck, pg):
                    assert same_timeline(query.timeline(store, actor=actor, by=by), expected), (actor, by)
                    # the API's form: the actor in the shared filter
                    assert same_timeline(query.timeline(store, by=by, filters=query.Filter(actor=actor)),
                                         expected), (actor, by)
            for window in ({"since": "2016-09-10", "until": "2016-09"}, {"quad_class": 3}, {"root": "04"}):
                expected = plain_timeline(records, actor, "day", **window)
                given = query.Filter(actor=actor, **window)
                for store in (duck, pg):
                    assert same_timeline(query.timeline(store, by="day", filters=given), expected), (actor, window)


def test_query_filters(tmp_path, records):
    with open_store(str(tmp_path / "db.duckdb")) as store:
        store.add(records)
        for row in query.events(store, actor="USAGOV"):
            assert "USAGOV" in (row["source_code"], row["target_code"])
        window = query.events(store, since="2016-09-15", until="2016-09-20")
        assert window and all("2016-09-15" <= row["date"][:10] <= "2016-09-20" for row in window)
        months = query.timeline(store, by="month")
        assert sum(m["events"] for m in months) == sum(
            1 for r in records for e in r["events"] if not e["negated"]
            and (e.get("date") or r["document"]["published"] or "")[:7].count("-") == 1)
        pairs = query.pairs(store)
        assert pairs == sorted(pairs, key=lambda p: -p["events"])
        assert all(p["cooperation"] + p["conflict"] == p["events"] for p in pairs)
        with pytest.raises(NewsgraphError, match="E023"):
            query.events(store, since="last week")
        with pytest.raises(NewsgraphError, match="E023"):
            query.timeline(store, by="fortnight")


def test_ingest_skips_bad_inputs_and_stored_articles(tmp_path, corpus):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "ok", "text": "The army shelled the town on Monday, killing 12 people."}\n'
                   '{"id": "broken", "text": \n{"id": "empty", "text": ""}\n')
    failed = []
    with open_store(str(tmp_path / "db.duckdb")) as store:
        summary = ingest([str(bad), str(tmp_path / "missing.txt")], store, progress=False,
                         on_failure=lambda err: failed.append(err.input))
        assert (summary.added, summary.failed) == (1, 3)
        assert set(failed) == {str(bad), str(tmp_path / "missing.txt")}
        again = ingest([str(bad)], store, progress=False)
        assert (again.added, again.known) == (0, 1)


def test_a_store_from_before_migration_003_upgrades_and_exports(tmp_path, records):
    path = str(tmp_path / "old.duckdb")
    record = json.loads(json.dumps(next(r for r in records if r["events"])))
    del record["document"]["tone"]  # what a newsgraph before tone stored
    con = duckdb.connect(path)
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    for version, name, sql in migrations():
        if version < 3:
            for statement in _statements(sql):
                con.execute(statement)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?)", (version, name))
    for name, rows in rows_of(record).items():
        old_columns = [c[0] for c in con.execute(f"DESCRIBE {name}").fetchall()]
        for row in rows:
            values = dict(zip(COLUMNS[name], row, strict=True))
            con.execute(f"INSERT INTO {name} VALUES ({', '.join('?' * len(old_columns))})",
                        [values[c] for c in old_columns])
    con.close()
    with open_store(path) as store:
        (doc,) = store.fetch("SELECT stored_at, tone FROM documents")
        assert doc["stored_at"] is not None and doc["tone"] is None
        export(store, "gdelt-events", tmp_path / "events.tsv")
        export(store, "gdelt-gkg", tmp_path / "gkg.tsv")
    events = [line.split("\t") for line in (tmp_path / "events.tsv").read_text().splitlines()]
    assert len(events) == len(record["events"])
    assert all(e[34] == "" and e[59] == doc["stored_at"].strftime("%Y%m%d%H%M%S") for e in events)  # AvgTone, DATEADDED
    assert (tmp_path / "gkg.tsv").read_text().split("\t")[15] == ""  # V1.5TONE


def test_a_mean_goldstein_is_rounded_alike_whatever_order_it_was_summed_in():
    from newsgraph.query import _rounded

    # the same four CAMEO scores (a mean of 0.275 exactly) summed in two orders, as two query plans may
    means = [sum(order) / 4 for order in ([4.0, 0.1, -10.0, 7.0], [4.0, -10.0, 7.0, 0.1])]
    assert round(means[0], 2) != round(means[1], 2)  # what a plain round gave: 0.27 against 0.28
    assert [r["mean_goldstein"] for r in _rounded([{"mean_goldstein": m} for m in means], "mean_goldstein")] == \
        [0.28, 0.28]
    assert _rounded([{"mean_goldstein": -1.2349}, {"mean_goldstein": None}], "mean_goldstein") == \
        [{"mean_goldstein": -1.23}, {"mean_goldstein": None}]
