"""A store that grows: reads side by side with each other and with writes, indexed query plans,
exports in one streaming pass."""
from __future__ import annotations

import copy
import hashlib
import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime

import pytest

from newsgraph import query
from newsgraph.store import index_rows, open_store
from newsgraph.store.rows import COLUMNS


def copies(record: dict, n: int) -> list[dict]:
    """`n` copies of a record, each with a document id of its own."""
    out = []
    for k in range(n):
        twin = copy.deepcopy(record)
        twin["document"]["id"] = hashlib.sha256(f"{k}:{record['document']['id']}".encode()).hexdigest()
        out.append(twin)
    return out


@contextmanager
def held_open(scope: Callable[[], AbstractContextManager], work: Callable[[], object]) -> Iterator[None]:
    """Another thread enters `scope` (a transaction, a read session), does `work` and stays inside until the
    block ends: what the block does runs while that scope is open."""
    inside, release = threading.Event(), threading.Event()

    def hold() -> None:
        with scope():
            work()
            inside.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    assert inside.wait(10)
    try:
        yield
    finally:
        release.set()
        holder.join()


@pytest.fixture(scope="module")
def seed_dict(seed_record) -> dict:
    return seed_record.to_dict()


def test_store_reads_on_duckdb_run_while_a_write_is_open(tmp_path, seed_dict):
    with open_store(str(tmp_path / "db.duckdb")) as store:
        store.add(copies(seed_dict, 2))
        with held_open(store.transaction, lambda: store._add_new(copies(seed_dict, 3))):
            # the read neither waits for the write nor sees its uncommitted rows
            started = time.monotonic()
            assert store.count("documents") == 2
            assert time.monotonic() - started < 2
        assert store.count("documents") == 3


def test_store_reads_on_postgresql_run_side_by_side(fresh_postgres):
    with open_store(fresh_postgres, readers=4) as store:
        started = time.monotonic()
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda _: store.fetch("SELECT pg_sleep(0.5) AS slept"), range(4)))
        assert time.monotonic() - started < 1.5  # one at a time would take 2 s
    with open_store(fresh_postgres) as single:  # one reader: the held connection, one read at a time
        started = time.monotonic()
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda _: single.fetch("SELECT pg_sleep(0.3) AS slept"), range(2)))
        assert time.monotonic() - started >= 0.6


def test_store_transient_duckdb_reads_and_writes_from_many_threads(tmp_path, seed_dict):
    path = str(tmp_path / "served.duckdb")
    open_store(path).close()
    store = open_store(path, transient=True)
    records = copies(seed_dict, 12)
    counts: list[int] = []

    def read(_: int) -> None:
        for _ in range(10):
            counts.append(store.count("documents"))

    def write() -> None:
        for k in range(0, len(records), 3):
            store.add(records[k:k + 3])

    with ThreadPoolExecutor(8) as pool:
        done = [pool.submit(read, k) for k in range(7)] + [pool.submit(write)]
        for future in done:
            future.result()
    assert store.count("documents") == 12
    assert set(counts) <= {0, 3, 6, 9, 12} and len(counts) == 70


class Explaining:
    """A store stand-in that records the plan of every query a verb sends, and answers no rows."""

    def __init__(self, store) -> None:
        self.store = store
        self.engine = store.engine
        self.plans: list[str] = []

    def fetch(self, sql: str, params=()) -> list:
        explain = "EXPLAIN (FORMAT json) " if self.engine == "duckdb" else "EXPLAIN "
        rows = self.store.fetch(explain + sql, params)
        self.plans.append("\n".join(str(v) for row in rows for v in row.values()))
        return []

    def __getattr__(self, name: str):  # what the verbs ask of the store itself (which indexes it keeps)
        return getattr(self.store, name)


# Each main read of the verbs and pages, and the table a full scan of would grow with the store.
READS = {
    "events_by_actor_code": (lambda s, doc: query.events(s, source="USAGOV", limit=50), "events"),
    "events_of_an_actor": (lambda s, doc: query.events(s, actor="USAGOV", limit=50), "events"),
    "quotes_of_a_speaker_code": (lambda s, doc: query.quotes(s, filters=query.Filter(actor="USAGOV"), limit=50),
                                 "quotes"),
    "events_by_root": (lambda s, doc: query.events(s, root="04", limit=50), "events"),
    "events_of_a_document": (lambda s, doc: query.events(s, doc_id=doc), "events"),
    "quotes_of_a_document": (lambda s, doc: query.quotes(s, doc_id=doc), "quotes"),
    "actors_by_name": (lambda s, doc: query.actors(s, name="obama"), "actor_totals"),
    "documents_search": (lambda s, doc: query.documents(s, text="election"), "documents"),
    "documents_newest": (lambda s, doc: query.documents(s, limit=50), "documents"),
    "quotes_search": (lambda s, doc: query.quotes(s, text="election", limit=50), "quotes"),
    "record": (lambda s, doc: s.fetch("SELECT record FROM documents WHERE id = ?", (doc,)), "documents"),
}


@pytest.mark.parametrize("read", sorted(READS))
def test_query_plans_on_postgresql_use_indexes(fresh_postgres, seed_dict, read):
    verb, table = READS[read]
    with open_store(fresh_postgres) as store:
        store.add(records := copies(seed_dict, 3))
        store._run("ANALYZE")  # the planner's statistics, as autovacuum would gather them
        store._run("SET enable_seqscan = off")  # tiny tables: ask whether an index CAN answer the read
        explaining = Explaining(store)
        verb(explaining, records[1]["document"]["id"])
        plan = "\n".join(explaining.plans)
    assert f"Seq Scan on {table} " not in plan, plan
    assert "Index" in plan, plan


@pytest.mark.parametrize("actor", ["USA", "Barack Obama"])
def test_an_actors_timeline_on_postgresql_reads_indexes_alone(fresh_postgres, seed_dict, actor):
    # migration 023: each side's index holds what a timeline counts, so no scan reads the events' rows (the
    # timeline of USA at 100,000 articles read 18,700 pages of them); a filter those indexes do not hold (root)
    # takes the OR of the four tests
    with open_store(fresh_postgres) as store:
        store.add(copies(seed_dict, 3))
        store._run("VACUUM ANALYZE events")  # the visibility map, as autovacuum sets it
        store._run("SET enable_seqscan = off")  # tiny tables: ask whether the indexes CAN answer alone
        store._run("SET enable_bitmapscan = off")
        plans = {}
        for name, given in (("api", query.Filter(actor=actor)), ("root", query.Filter(actor=actor, root="04"))):
            explaining = Explaining(store)
            query.timeline(explaining, by="month", filters=given)
            plans[name] = "\n".join(explaining.plans)
        explaining = Explaining(store)
        query.timeline(explaining, actor=actor, by="day", since="2016")
        plans["cli"] = "\n".join(explaining.plans)
    for name in ("api", "cli"):
        assert plans[name].count("Index Only Scan using events_") == 4, plans[name]
        assert "Index Scan" not in plans[name] and "Seq Scan" not in plans[name], plans[name]
    assert "Index Only Scan" not in plans["root"], plans["root"]


def _scans(node, table: str):
    """The scans of `table` in a DuckDB JSON plan."""
    if isinstance(node, list):
        for child in node:
            yield from _scans(child, table)
        return
    info = node.get("extra_info", {})
    if node.get("name") == "SEQ_SCAN" and str(info.get("Table", "")).endswith(f".{table}"):
        yield info
    yield from _scans(node.get("children", []), table)


@pytest.mark.parametrize(("read", "column"), [("events_of_a_document", "doc_id"), ("quotes_of_a_document", "doc_id"),
                                              ("record", "id"), ("events_by_root", "root")])
def test_query_plans_on_duckdb_filter_inside_the_scan(tmp_path, seed_dict, read, column):
    # DuckDB reads columns in row groups and skips those whose min/max (zone map) rule the value out: the
    # filter must reach the scan itself for that
    verb, table = READS[read]
    with open_store(str(tmp_path / "db.duckdb")) as store:
        store.add(records := copies(seed_dict, 3))
        explaining = Explaining(store)
        verb(explaining, records[1]["document"]["id"])
    scans = [info for plan in explaining.plans for info in _scans(json.loads(plan.split("\n", 1)[1]), table)]
    assert scans, explaining.plans
    for info in scans:
        assert f"{column} =" in json.dumps(info.get("Filters", "")), info


@pytest.mark.parametrize("engine", ["duckdb", "postgresql"])
def test_export_parquet_is_written_a_row_group_per_batch(engine, seed_dict, tmp_path, request):
    import duckdb
    import pyarrow.parquet as pq

    from newsgraph.export import _parquet_table

    url = str(tmp_path / "db.duckdb") if engine == "duckdb" else request.getfixturevalue("fresh_postgres")
    with open_store(url) as store:
        store.add(copies(seed_dict, 5))
        _parquet_table(store, "events", tmp_path / "events.parquet")
        _parquet_table(store, "documents", tmp_path / "documents.parquet")
        if engine == "duckdb":  # a row group per bucket of document ids (their first two characters)
            buckets = {r["document"]["id"][:2] for r in copies(seed_dict, 5)}
            assert pq.ParquetFile(tmp_path / "documents.parquet").num_row_groups == len(buckets)
        for name in ("events", "documents"):
            back = duckdb.sql(f"SELECT * FROM '{tmp_path / name}.parquet'").fetchall()
            assert [tuple(row) for row in back] == store.table(name)


def test_export_stored_records_is_one_pass_in_id_order_on_both_engines(tmp_path, seed_dict, fresh_postgres):
    from newsgraph.export import stored_records

    records = copies(seed_dict, 40)  # ids in many buckets (first two characters)
    assert len({r["document"]["id"][:2] for r in records}) > 20
    with open_store(str(tmp_path / "db.duckdb")) as duck, open_store(fresh_postgres) as pg:
        for store in (duck, pg):
            store.add(records[::-1])
            got = [r["document"]["id"] for r, _ in stored_records(store)]
            assert got == sorted(r["document"]["id"] for r in records)


def test_dask_cluster_without_workers_is_a_clear_error_within_the_wait(tmp_path, monkeypatch):
    from distributed import LocalCluster

    from conftest import SEED
    from newsgraph.errors import NewsgraphError
    from newsgraph.ingest import ingest

    monkeypatch.setenv("NEWSGRAPH_DASK_WAIT", "2")
    with LocalCluster(n_workers=0, processes=False, dashboard_address=None) as cluster, \
            open_store(str(tmp_path / "db.duckdb")) as store:
        started = time.monotonic()
        with pytest.raises(NewsgraphError) as caught:
            ingest([str(SEED)], store, scheduler=cluster.scheduler_address, progress=False)
        waited = time.monotonic() - started
        assert store.count("documents") == 0
    assert caught.value.code.name == "E034"
    assert "no workers for 2 s" in caught.value.message and "dask worker" in caught.value.message
    assert 2 <= waited < 15


def test_dask_wait_must_be_a_positive_number(monkeypatch):
    from newsgraph.errors import NewsgraphError
    from newsgraph.ingest import DASK_WAIT_SECONDS, dask_wait_seconds

    assert dask_wait_seconds() == DASK_WAIT_SECONDS
    monkeypatch.setenv("NEWSGRAPH_DASK_WAIT", "soon")
    with pytest.raises(NewsgraphError, match="E023"):
        dask_wait_seconds()


def _actors_aggregated(store) -> list[tuple]:
    """The actors' totals as an aggregate over every actor and mention row (what actor_totals keeps)."""
    rows = store.fetch("""
        SELECT a.name, a.code, a.type, a.country, a.sector, count(DISTINCT a.doc_id) AS documents,
               count(m.n) AS mentions
        FROM actors a LEFT JOIN mentions m ON m.doc_id = a.doc_id AND m.actor_id = a.id
        GROUP BY a.name, a.code, a.type, a.country, a.sector""")
    return sorted((tuple(r.values())[:5] + (int(r["documents"]), int(r["mentions"]))) for r in rows)


def _actors_listed(store) -> list[tuple]:
    return sorted(tuple(r.values()) for r in query.actors(store, limit=None))


@pytest.mark.parametrize("engine", ["duckdb", "postgresql"])
def test_actor_totals_follow_every_add_and_replace(engine, tmp_path, records, request):
    url = str(tmp_path / "db.duckdb") if engine == "duckdb" else request.getfixturevalue("fresh_postgres")
    with open_store(url) as store:
        store.add(records[:6])
        assert _actors_listed(store) == _actors_aggregated(store) != []
        store.add(records[4:] + records[:2])  # some stored already: counted once
        assert _actors_listed(store) == _actors_aggregated(store)
        # a replaced document's actors leave the totals; its new record's come in
        changed = copy.deepcopy(records[3])
        changed["document"]["id"] = "f" * 64
        changed["actors"] = changed["actors"][:2]
        store.replace([records[3]["document"]["id"], records[5]["document"]["id"]], [changed])
        assert _actors_listed(store) == _actors_aggregated(store)
        top = query.actors(store, limit=3)
        assert [r["documents"] for r in top] == sorted((r["documents"] for r in top), reverse=True)


def test_actor_totals_migration_counts_what_was_stored_before_it(tmp_path, records):
    from newsgraph.store import migrations

    path = str(tmp_path / "old.duckdb")
    with open_store(path) as store:
        store.add(records)
        expected = _actors_aggregated(store)
        store._run("DROP TABLE actor_totals")
        store._run("DELETE FROM schema_migrations WHERE version = 6")
    assert any(v == 6 for v, _, _ in migrations())
    with open_store(path) as store:  # migration 006 runs again on the old rows
        assert _actors_listed(store) == expected


@pytest.fixture(scope="module")
def records(seed_dict, tmp_path_factory, nlp) -> list[dict]:
    from conftest import polnear_corpus
    from newsgraph.pipeline import analyze_articles
    from newsgraph.read import read_inputs

    corpus = polnear_corpus(tmp_path_factory.mktemp("corpus"), 8)
    return [seed_dict] + [r.to_dict() for r in analyze_articles(read_inputs([str(corpus)]))]


STORED_AT = datetime(2026, 12, 1, 12, 0, 0)


def test_duckdb_item_tables_keep_no_index_in_memory_and_store_each_row_once(tmp_path, records):
    # an index on DuckDB is held whole in memory and checked on every insert: the ingest grew with the store
    with open_store(str(tmp_path / "db.duckdb")) as store:
        assert store.fetch("SELECT index_name FROM duckdb_indexes()") == []
        keyed = {r["table_name"] for r in store.fetch(
            "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'")}
        # documents (one entry an article) and the small totals tables (a row a group of actors, a pair, a code
        # and name, a table counted) keep their keys
        assert keyed == {"documents", "actor_totals", "pair_totals", "code_names", "item_totals", "schema_migrations"}
        store.add(records[:5], stored_at=STORED_AT)
        before = {name: store.table(name) for name in COLUMNS}
        assert store.add(records[:5], stored_at=STORED_AT) == 0  # stored already: no row twice, with no key
        assert store.add(records[3:6], stored_at=STORED_AT) == 1
        after = {name: store.table(name) for name in COLUMNS}
    with open_store(str(tmp_path / "once.duckdb")) as once:
        once.add(records[:6], stored_at=STORED_AT)
        assert after == {name: once.table(name) for name in COLUMNS}
    assert before != after


def test_migration_008_moves_the_rows_of_a_keyed_duckdb_store(tmp_path, records, monkeypatch):
    import newsgraph.store as store_module

    path = str(tmp_path / "old.duckdb")
    every = store_module.migrations()
    monkeypatch.setattr(store_module, "migrations", lambda: [m for m in every if m[0] < 8])
    with open_store(path) as old:  # a store as newsgraph wrote it before migration 008
        old.add(records)
        assert old.fetch("SELECT count(*) AS n FROM duckdb_indexes()")[0]["n"] == 3
        expected = {name: old.table(name) for name in COLUMNS}
        expected_types = {name: old.column_types(name) for name in COLUMNS}
    monkeypatch.setattr(store_module, "migrations", lambda: every)
    with open_store(path) as store:
        assert {name: store.table(name) for name in COLUMNS} == expected
        record_types = {name: {c: t for c, t in store.column_types(name).items() if c in COLUMNS[name]}
                        for name in COLUMNS}  # migration 009 adds store-internal columns after these
        assert record_types == expected_types
        assert store.fetch("SELECT index_name FROM duckdb_indexes()") == []
        assert store.add(records) == 0


def test_transient_duckdb_reads_in_flight_share_one_connection_and_then_free_the_file(tmp_path, seed_dict,
                                                                                      monkeypatch):
    import duckdb

    import newsgraph.store as store_module

    path = str(tmp_path / "served.duckdb")
    with open_store(path) as writer:
        writer.add(copies(seed_dict, 3))
    opened: list[bool] = []
    connect = store_module._connect_duckdb

    def counting(url, file, read_only, wait):
        opened.append(read_only)
        return connect(url, file, read_only, wait)

    monkeypatch.setattr(store_module, "_connect_duckdb", counting)
    monkeypatch.setattr(store_module, "READ_LINGER_SECONDS", 0.3)
    store = open_store(path, read_only=True, transient=True)
    opened.clear()
    with held_open(store.session, lambda: store.count("documents")), ThreadPoolExecutor(4) as pool:
        assert list(pool.map(lambda _: store.count("documents"), range(12))) == [3] * 12
    assert opened == [True]  # the reads overlapping the long one shared its connection
    assert store.count("documents") == 3 and opened == [True]  # and so did the next, while it lingered
    time.sleep(0.6)
    duckdb.connect(path).close()  # then it closed: another process may write the file now
    assert store.count("documents") == 3 and opened == [True, True]
    store.close()
    duckdb.connect(path).close()  # closing the store closes a lingering connection too


def test_a_lingering_read_connection_lets_a_waiting_writer_in_at_once(tmp_path, seed_dict, monkeypatch):
    import subprocess
    import sys

    import newsgraph.store as store_module

    path = str(tmp_path / "served.duckdb")
    with open_store(path) as writer:
        writer.add(copies(seed_dict, 3))
    monkeypatch.setattr(store_module, "READ_LINGER_SECONDS", 60.0)
    store = open_store(path, transient=True)
    assert store.count("documents") == 3  # the connection now lingers, for a minute
    started = time.monotonic()
    code = (f"from newsgraph.store import open_store\nwith open_store({path!r}, wait=30) as s:\n"
            f"    print(s.count('documents'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "3" and time.monotonic() - started < 20  # not the minute's linger
    assert not store_module._writer_sign(path).exists()  # the writer took its sign away
    assert store.count("documents") == 3  # and the reader opens the file again
    store.close()


def _events_joined(store, where: str = "", params=(), order: str = "") -> list[dict]:
    """Events as one query joining every event to its actors (what `query.events` answers in two steps)."""
    rows = store.fetch(f"""
        SELECT coalesce(e.date, d.published) AS date, s.code AS source_code, s.name AS source, e.cameo,
               t.code AS target_code, t.name AS target, e.doc_id, e.id AS event_id, d.title
        FROM events e JOIN documents d ON d.id = e.doc_id
        LEFT JOIN actors s ON s.doc_id = e.doc_id AND s.id = e.source
        LEFT JOIN actors t ON t.doc_id = e.doc_id AND t.id = e.target
        {where}
        ORDER BY {order}coalesce(e.date, d.published) NULLS LAST, e.doc_id, e.sentence, e.id""", params)
    return rows


@pytest.mark.parametrize("engine", ["duckdb", "postgresql"])
def test_events_a_page_first_answer_what_joining_every_event_answers(engine, tmp_path, records, request):
    url = str(tmp_path / "db.duckdb") if engine == "duckdb" else request.getfixturevalue("fresh_postgres")
    with open_store(url) as store:
        store.add(records)
        code = next(r["code"] for r in query.actors(store) if r["code"])
        name = next(r["name"] for r in query.actors(store) if not r["code"])
        match = "(s.code = ? OR lower(s.name) = lower(?) OR t.code = ? OR lower(t.name) = lower(?))"
        keys = ("date", "source_code", "source", "cameo", "target_code", "target", "doc_id", "event_id", "title")

        def listed(**kwargs) -> list[dict]:
            return [{k: r[k] for k in keys} for r in query.events(store, **kwargs)]

        every = _events_joined(store)
        assert listed() == every and len(every) > 20
        for actor in (code, name):
            of_actor = _events_joined(store, f"WHERE {match}", [actor] * 4)
            assert 0 < len(of_actor) < len(every)
            assert listed(actor=actor) == of_actor
            assert listed(filters=query.Filter(actor=actor)) == of_actor
            assert listed(actor=actor, limit=3, offset=2) == of_actor[2:5]
            page = query.events(store, actor=actor, limit=4, counted=True)
            assert {r["total_rows"] for r in page} == {len(of_actor)}
            assert query.count_events(store, actor=actor) == len(of_actor)
        assert listed(source=code) == _events_joined(store, "WHERE s.code = ? OR lower(s.name) = lower(?)",
                                                     [code, code])
        by_target = _events_joined(store, order="coalesce(t.name, '') DESC NULLS LAST, ")
        assert listed(sort="target", descending=True) == by_target
        assert listed(sort="target", descending=True, limit=5, offset=1) == by_target[1:6]


@pytest.mark.parametrize("engine", ["duckdb", "postgresql"])
def test_like_wildcards_in_a_searched_name_or_text_match_only_themselves(engine, tmp_path, seed_dict, request):
    url = str(tmp_path / "db.duckdb") if engine == "duckdb" else request.getfixturevalue("fresh_postgres")
    twins = copies(seed_dict, 3)
    for twin, said in zip(twins, ("Mr x_y", "Mr xzy", "a 50% rise"), strict=True):
        for quote in twin["quotes"]:  # spoken by nobody the store knows, named `said` in the text
            quote["speaker"] = None
            quote["speaker_mention"] = {"start": 0, "end": len(said), "text": said}
    with open_store(url) as store:
        store.add(twins)

        def speakers(who: str) -> set[str]:
            return {q["speaker_text"] for q in query.quotes(store, speaker=who, limit=None)}

        assert speakers("X_Y") == {"Mr x_y"}  # "_" is not LIKE's any character: "xzy" does not match
        assert speakers("%") == {"a 50% rise"}  # nor "%" any text
        assert speakers("Mr") == {"Mr x_y", "Mr xzy"}  # a plain part, in any case, without an escape clause
        assert speakers("\\") == set()
        assert query.actors(store, name="_") == [] and query.actors(store, name="%") == []


@pytest.mark.parametrize("engine", ["duckdb", "postgresql"])
def test_a_snapshot_reads_one_state_of_the_store_while_another_thread_writes(engine, tmp_path, seed_dict, request):
    url = str(tmp_path / "db.duckdb") if engine == "duckdb" else request.getfixturevalue("fresh_postgres")
    twins = copies(seed_dict, 5)
    stored = "SELECT count(*) AS n FROM documents"
    with open_store(url, readers=2) as store:  # PostgreSQL: reads on a pool, beside the writing connection
        store.add(twins[:2])
        with store.snapshot():
            assert store.fetch(stored)[0]["n"] == 2
            writer = threading.Thread(target=store.add, args=(twins[2:],))
            writer.start()
            writer.join()
            assert store.fetch(stored)[0]["n"] == 2  # what was written meanwhile is not seen
            with store.snapshot():  # nested: the same one
                assert store.fetch(stored)[0]["n"] == 2
        assert store.fetch(stored)[0]["n"] == 5


def test_duckdb_pages_bounded_by_their_last_date_are_the_whole_lists_slices(tmp_path, records, monkeypatch):
    # copies share their dates (ties across documents), and some articles have no date (NULLS LAST)
    undated = copies(records[1], 3)
    for record in undated:
        record["document"]["published"] = None
        for event in record["events"]:
            event["date"] = None
    stored = [*records, *copies(records[0], 4), *undated]
    sent: list[str] = []
    with open_store(str(tmp_path / "db.duckdb")) as store:
        store.add(stored)
        fetch = store.fetch
        monkeypatch.setattr(store, "fetch", lambda sql, params=(): sent.append(sql) or fetch(sql, params))
        for verb, key in ((query.events, ("doc_id", "event_id")), (query.quotes, ("doc_id", "quote_id")),
                          (query.documents, ("id",))):
            every = [tuple(r[k] for k in key) for r in verb(store, limit=None)]
            assert len(set(every)) == len(every) > 10
            for limit, offset in ((1, 0), (5, 0), (7, 3), (50, 0), (10, len(every) - 4), (10, len(every) + 5)):
                sent.clear()
                page = verb(store, limit=limit, offset=offset)
                assert [tuple(r[k] for k in key) for r in page] == every[offset:offset + limit]
                bounded = any(" AS last FROM " in sql for sql in sent)
                assert bounded == (limit + offset <= query.BOUNDED_PAGE_ROWS)
        page = query.events(store, limit=5, counted=True)  # the total counts every row, not the bounded ones
        assert {r["total_rows"] for r in page} == {query.count_events(store)}


def test_a_bounded_page_is_read_in_the_state_its_bound_was_read_in(tmp_path, records, monkeypatch):
    """A write between a bounded page's two reads (its last date, then its rows) cannot shorten or change it:
    here the first page's articles are replaced by versions whose events all happen later."""
    with open_store(str(tmp_path / "db.duckdb")) as store:
        store.add(records)
        before = query.events(store, limit=5)
        moved = []
        for doc_id in dict.fromkeys(row["doc_id"] for row in before):
            record = copy.deepcopy(next(r for r in records if r["document"]["id"] == doc_id))
            for event in record["events"]:
                event["date"] = "2999-01-01"
            moved.append(record)
        fetch = store.fetch

        def fetch_then_write(sql, params=()):
            rows = fetch(sql, params)
            if " AS last FROM " in sql:  # the bound is read: another thread replaces the page's articles
                writer = threading.Thread(target=store.replace, args=([r["document"]["id"] for r in moved], moved))
                writer.start()
                writer.join()
            return rows

        monkeypatch.setattr(store, "fetch", fetch_then_write)
        assert query.events(store, limit=5) == before
        monkeypatch.undo()
        assert query.events(store, limit=5) != before  # the write did happen, and moved the page
        assert all(row["doc_id"] not in {r["document"]["id"] for r in moved} for row in query.events(store, limit=5))


def test_duckdb_writing_connection_holds_its_buffer_pool_and_an_export_gives_it_back(tmp_path, seed_dict):
    def limit(store) -> str:
        return store.fetch("SELECT current_setting('memory_limit') AS m")[0]["m"]

    with open_store(str(tmp_path / "db.duckdb")) as store:
        store.add(copies(seed_dict, 2))
        held = limit(store)
        assert held.endswith("MiB") and float(held.split()[0]) < 300  # 256 MB, not 80% of the machine
        with store.memory_cap("128MB"):
            assert float(limit(store).split()[0]) < 130
        assert limit(store) == held
    with open_store(str(tmp_path / "db.duckdb"), read_only=True) as reader:  # reads keep DuckDB's default
        assert limit(reader) != held


def test_dropping_duckdbs_cached_blocks_empties_its_buffer_pool_and_keeps_the_limit(tmp_path, seed_dict):
    """An export's sorting pass reads no more of the database: what the pool kept of the scan goes back."""
    def pool_mib(store) -> float:
        return store.fetch("SELECT sum(memory_usage_bytes) / 2 ** 20 AS m FROM duckdb_memory()")[0]["m"]

    def limit(store) -> str:
        return store.fetch("SELECT current_setting('memory_limit') AS m")[0]["m"]

    path = str(tmp_path / "db.duckdb")
    with open_store(path) as store:
        store.add(copies(seed_dict, 2))
        # copies of one record compress to almost nothing: a table of hashes fills the pool as texts would
        store.fetch("CREATE TABLE noise AS SELECT md5(i::TEXT) || md5((i + 1)::TEXT) AS h FROM range(1500000) t(i)")
    with open_store(path, read_only=True) as reader, reader.memory_cap("128MB"):
        capped = limit(reader)
        reader.fetch("SELECT max(h) FROM noise")
        before = pool_mib(reader)
        reader.drop_cached_blocks()
        assert before > 40 and pool_mib(reader) < 16
        assert limit(reader) == capped  # the cap holds for the rest of the export
    with open_store(path, read_only=True) as reader:  # outside a cap: the connection's usual limit
        usual = limit(reader)
        reader.drop_cached_blocks()
        assert limit(reader) == usual


def _quotes_joined(store, where: str = "", params=()) -> list[dict]:
    """Quotes as one query joining every quote to its speaker and article (what migration 009 carries)."""
    return store.fetch(f"""
        SELECT d.published AS date, a.name AS speaker, a.code AS speaker_code, q.speaker_text, q.doc_id,
               q.id AS quote_id, d.title
        FROM quotes q JOIN documents d ON d.id = q.doc_id LEFT JOIN actors a ON a.doc_id = q.doc_id AND a.id = q.speaker
        {where}
        ORDER BY d.published DESC NULLS LAST, q.doc_id, q.start_char""", params)


def _pairs_joined(store) -> list[tuple]:
    rows = store.fetch("""
        SELECT coalesce(s.code, s.name) AS source, coalesce(t.code, t.name) AS target, count(*) AS events
        FROM events e JOIN actors s ON s.doc_id = e.doc_id AND s.id = e.source
        JOIN actors t ON t.doc_id = e.doc_id AND t.id = e.target
        WHERE NOT e.negated GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2""")
    return [(r["source"], r["target"], int(r["events"])) for r in rows]


@pytest.mark.parametrize("engine", ["duckdb", "postgresql"])
def test_quotes_and_pairs_from_their_own_rows_answer_what_joining_the_actors_answers(engine, tmp_path, records,
                                                                                      request):
    url = str(tmp_path / "db.duckdb") if engine == "duckdb" else request.getfixturevalue("fresh_postgres")
    with open_store(url) as store:
        store.add(records)
        keys = ("date", "speaker", "speaker_code", "speaker_text", "doc_id", "quote_id", "title")
        every = _quotes_joined(store)
        assert len(every) > 10
        assert [{k: r[k] for k in keys} for r in query.quotes(store)] == every
        speakers = [r for r in every if r["speaker_code"]]
        code, name = speakers[0]["speaker_code"], speakers[-1]["speaker"]
        for actor in (code, name):
            joined = _quotes_joined(store, "WHERE a.code = ? OR lower(a.name) = lower(?)", [actor, actor])
            assert 0 < len(joined) < len(every)
            listed = query.quotes(store, filters=query.Filter(actor=actor))
            assert [{k: r[k] for k in keys} for r in listed] == joined
        pairs = [(r["source"], r["target"], r["events"]) for r in query.pairs(store)]
        assert pairs == _pairs_joined(store) != []


@pytest.mark.parametrize("engine", ["duckdb", "postgresql"])
def test_migration_009_gives_stored_events_and_quotes_what_the_writer_gives_new_ones(engine, tmp_path, records,
                                                                                     request, monkeypatch):
    import newsgraph.store as store_module
    from newsgraph.store.rows import DERIVED

    every = store_module.migrations()
    if engine == "duckdb":
        old_url, new_url = str(tmp_path / "old.duckdb"), str(tmp_path / "new.duckdb")
    else:  # two fresh databases: the fixture's, and one made here from it
        import psycopg

        new_url = request.getfixturevalue("fresh_postgres")
        old_url = new_url + "_old"
        with psycopg.connect(new_url, autocommit=True) as con:
            con.execute(f"CREATE DATABASE {old_url.rsplit('/', 1)[1]}")
        request.addfinalizer(lambda: _drop_database(new_url, old_url.rsplit("/", 1)[1]))

    def derived(store, table: str) -> list[tuple]:
        rows = store.fetch(f"SELECT doc_id, id, {', '.join(DERIVED[table])} FROM {table} ORDER BY doc_id, id")
        return [tuple(r.values()) for r in rows]

    monkeypatch.setattr(store_module, "migrations", lambda: [m for m in every if m[0] < 9])
    with open_store(old_url) as old:  # a store as newsgraph wrote it before migration 009
        old.add(records, stored_at=STORED_AT)
    monkeypatch.setattr(store_module, "migrations", lambda: every)
    with open_store(old_url) as migrated, open_store(new_url) as fresh:
        fresh.add(records, stored_at=STORED_AT)
        leads = "SELECT id, lead FROM documents ORDER BY id"
        assert migrated.fetch(leads) == fresh.fetch(leads) != []  # migration 017 as the writer does
        for table in ("events", "quotes"):
            assert table in DERIVED
            expected = derived(fresh, table)
            assert derived(migrated, table) == expected
            assert any(row[3] for row in expected)  # some actor codes carried, not only nulls
        assert {name: migrated.table(name) for name in COLUMNS} == {name: fresh.table(name) for name in COLUMNS}
        pairs = "SELECT key, events, cooperation, conflict, round(CAST(goldstein AS NUMERIC), 6) AS g FROM pair_totals ORDER BY key"
        assert migrated.fetch(pairs) == fresh.fetch(pairs) != []  # migration 012 counts the stored events
        names = "SELECT * FROM code_names ORDER BY key"
        assert migrated.fetch(names) == fresh.fetch(names) != []  # migration 013 counts the stored actors
        kept = "SELECT name, n FROM item_totals ORDER BY name"
        assert migrated.fetch(kept) == fresh.fetch(kept) != []  # migrations 016, 020 count the stored items
        counts = "SELECT doc_id, events, quotes FROM document_counts ORDER BY doc_id"
        assert migrated.fetch(counts) == fresh.fetch(counts) != []  # migration 021 counts each document's


def _drop_database(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as con:
        con.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _with_text(record: dict, extra: str, k: int) -> dict:
    """A copy of a record, under an id of its own, whose text ends with `extra`."""
    twin = copy.deepcopy(record)
    twin["document"]["id"] = hashlib.sha256(f"text {k}".encode()).hexdigest()
    twin["document"]["text"] += extra
    return twin


SEARCHES = ("election", "Election", "the", "president", "said", "Assad", "ambass", "united states", "new york",
            "sun", "kelvin", "istanbul", "na", "ve", "day", "election_day", "trump", "zzzz", "of the", "x",
            # parts of words at a phrase's ends, punctuation, a word the vocabulary lacks
            "ed sta", "u.s.", " the ", "said,", "york;", "president zzzz", "election_day ")


def _with_quote(record: dict, said: str, k: int) -> dict:
    """A copy of a record, under an id of its own, whose text ends with a quote of `said` (by nobody known)."""
    twin = _with_text(record, "", 100 + k)
    start = len(twin["document"]["text"]) + 2
    twin["document"]["text"] += f" “{said}”"
    quote = copy.deepcopy(twin["quotes"][0])
    quote.update(id=f"q{len(twin['quotes']) + 1}", text=said, start=start, end=start + len(said))
    twin["quotes"].append(quote)
    return twin


def _odd(records: list[dict]) -> list[dict]:
    """Copies of records whose texts and quotes end with words the word indexes must get right: the index's words
    are ASCII runs; these touch other letters, and hold the characters that case-fold to ASCII letters (whose
    texts the index sends to a scan)."""
    tails = (" naïve Trump’s élection election_day", " xſun \u212Aelvin \u0130stanbul sun", " NEW\u00a0York; of—the")
    odd = [_with_text(records[1], tail, k) for k, tail in enumerate(tails)]
    odd += [_with_quote(records[2], tail.strip(), k) for k, tail in enumerate(tails)]
    # a phrase's ends inside longer words: `quotes --text "united states"` finds it, a whole-word search does not
    return odd + [_with_quote(records[2], "the reunited statesmen, u.s.-made", len(tails))]


def searched(store) -> dict[str, tuple]:
    """Every search of `SEARCHES` each way a page or the API asks it."""
    dates = sorted(r["published"] for r in store.fetch("SELECT published FROM documents WHERE published IS NOT NULL"))
    since = query.Filter(since=dates[len(dates) // 2])  # a filter that leaves some of the documents out
    return {q: (query.search_documents(store, q, limit=None), query.documents(store, text=q, limit=None),
                query.search_quotes(store, q, limit=None), query.quotes(store, text=q, limit=None),
                query.quotes(store, text=q, limit=3, offset=1, counted=True), query.count_quotes(store, text=q),
                query.quotes(store, text=q, since="2000", limit=None),
                query.search_quotes(store, q, limit=2, offset=1),
                # with a filter: the index's candidates passed through the filter's conditions
                query.search_documents(store, q, limit=None, filters=since),
                query.documents(store, text=q, limit=2, offset=1, filters=since),
                query.search_quotes(store, q, limit=None, filters=since))
            for q in SEARCHES}


def scanned(store) -> dict[str, tuple]:
    """`searched` on the same store by scanning every text, as before the word indexes."""
    store.word_index = store.quote_word_index = lambda: False
    try:
        return searched(store)
    finally:
        del store.word_index, store.quote_word_index


@pytest.mark.parametrize("engine", ["duckdb", "postgresql"])
def test_word_indexes_answer_what_scanning_the_texts_answers(engine, tmp_path, records, request):
    url = str(tmp_path / "db.duckdb") if engine == "duckdb" else request.getfixturevalue("fresh_postgres")
    odd = _odd(records)
    with open_store(url) as store:
        store.add(records + odd)
        assert store.word_index() and store.quote_word_index()
        indexed = searched(store)
        assert indexed == scanned(store)
        store.replace([odd[0]["document"]["id"], odd[4]["document"]["id"]],
                      [_with_text(records[2], " election election", 9), _with_quote(records[3], "Election day", 9)])
        again = searched(store)
        assert again == scanned(store) != indexed
    found = [answer for answers in indexed.values() for answer in answers if isinstance(answer, list)]
    assert any(found) and not all(found)
    assert any(r["hits"] > 1 for r in indexed["the"][0])
    assert indexed["kelvin"][3]  # a quote only the scan of the texts the index cannot speak for finds
    assert again["election"][5] > indexed["election"][5] > 3 == len(again["election"][4])


def test_whole_word_search_finds_the_same_on_both_engines(tmp_path, records, fresh_postgres):
    # PostgreSQL's search draws word edges where DuckDB's (and the indexes') are, not at its locale's letters
    tails = (" naïve Trump’s élection election_day éelection", " NEW\u00a0York; of—the")
    odd = [_with_text(records[1], tail, k) for k, tail in enumerate(tails)]
    odd += [_with_quote(records[2], tail.strip(), k) for k, tail in enumerate(tails)]

    def found(url: str) -> dict[str, tuple[list, list]]:
        with open_store(url) as store:
            store.add(records + odd)
            return {q: ([(r["id"], r["hits"]) for r in query.search_documents(store, q, limit=None)],
                        [(r["doc_id"], r["quote_id"]) for r in query.search_quotes(store, q, limit=None)])
                    for q in SEARCHES}

    duckdb_found, postgres_found = found(str(tmp_path / "db.duckdb")), found(fresh_postgres)
    assert duckdb_found == postgres_found
    assert duckdb_found["election"][0] and duckdb_found["election"][1]


_PG_FOLDING = """SELECT cp FROM generate_series(128, 1114111) cp WHERE (cp < 55296 OR cp > 57343) AND (
    chr(cp) ~* '[0-9a-z_]' OR lower(chr(cp)) ~ '[0-9a-z_]' OR upper(chr(cp)) ~ '[0-9A-Z_]')"""


@pytest.mark.parametrize("engine", ["duckdb", "postgresql"])
def test_word_index_sends_every_character_that_case_folds_to_ascii_to_a_scan(engine, request):
    # the indexes (migrations 011, 014, 015) hold ASCII words: a character that the engine's regular expressions,
    # ILIKE or lower() match to an ASCII letter, digit or underscore must be among those whose texts they leave
    # to a scan
    from newsgraph.store import _FOLDS_TO_ASCII

    if engine == "duckdb":
        import duckdb

        folding = {chr(cp) for (cp,) in duckdb.connect().execute("""
            SELECT cp FROM range(128, 1114112) t(cp) WHERE (cp < 55296 OR cp > 57343) AND (
                regexp_matches(chr(cp::INTEGER), '(?i)[0-9a-z_]') OR regexp_matches(lower(chr(cp::INTEGER)), '[0-9a-z_]')
                OR regexp_matches(upper(chr(cp::INTEGER)), '[0-9A-Z_]'))""").fetchall()}
        listed = {chr(int(h, 16)) for h in re.findall(r"x\{\{(\w+)\}\}", _FOLDS_TO_ASCII["duckdb"])}
    else:
        import psycopg

        with psycopg.connect(request.getfixturevalue("postgres_url")) as con:
            folding = {chr(cp) for (cp,) in con.execute(_PG_FOLDING).fetchall()}
        listed = {chr(int(h, 16)) for h in re.findall(r"u(\w{4})", _FOLDS_TO_ASCII["postgresql"])}
    assert folding and folding <= listed, folding - listed


@pytest.mark.parametrize("engine", ["duckdb", "postgresql"])
def test_migrations_index_the_stored_documents_and_quotes_as_the_writer_does(engine, tmp_path, records,
                                                                             monkeypatch, request):
    import newsgraph.store as store_module

    old_url = str(tmp_path / "old.duckdb") if engine == "duckdb" else request.getfixturevalue("fresh_postgres")
    new_url = str(tmp_path / "new.duckdb") if engine == "duckdb" else _second_database(request)
    every = store_module.migrations()
    monkeypatch.setattr(store_module, "migrations", lambda: [m for m in every if m[0] < 11])
    odd = [_with_text(records[1], " xſun naïve", 1), _with_quote(records[2], "a \u212Aelvin naïve sun", 1)]
    with open_store(old_url) as old:
        old.add(records + odd)
        assert not old.word_index() and not old.quote_word_index()
    monkeypatch.setattr(store_module, "migrations", lambda: every)

    def index(store) -> tuple[list, list, list, list]:
        if engine == "duckdb":
            # the rows as migrations 011 and 014 kept them (migration 018's word ids and keys joined back)
            documents, quotes = index_rows("document_words"), index_rows("quote_words")
            documents = (f"(SELECT v.word, d.id AS doc_id, p.in_text, p.in_title FROM {documents} p "
                         "JOIN words v ON v.id = p.word_id JOIN documents d ON d.key = p.doc_key)")
            quotes = (f"(SELECT v.word, p.doc_id, p.quote_id, p.published, p.start_char FROM {quotes} p "
                      "JOIN words v ON v.id = p.word_id)")
            return ([tuple(r.values()) for r in store.fetch(f"SELECT * FROM {documents} w ORDER BY doc_id, word")],
                    [tuple(r.values()) for r in store.fetch(f"SELECT * FROM {quotes} w ORDER BY doc_id, quote_id, "
                                                            "word")],
                    [r["word"] for r in store.fetch("SELECT word FROM words ORDER BY word")], [])
        # PostgreSQL (migration 019): a row per document, its words and its quotes' words as arrays, as the rows
        # DuckDB keeps; and the scores each word has
        rows = store.fetch("SELECT * FROM document_terms ORDER BY doc_id")
        documents = [(word, r["doc_id"], int(hits or 0)) for r in rows
                     for word, _, hits in (term.rpartition(":") for term in r["terms"])]
        quoted = [(word, r["doc_id"], r["published"]) for r in rows for word in r["quote_words"]]
        return (documents, quoted, [r["word"] for r in store.fetch("SELECT word FROM words ORDER BY word")],
                [tuple(r.values()) for r in store.fetch("SELECT * FROM document_word_hits ORDER BY word, hits")])

    with open_store(old_url) as migrated, open_store(new_url) as fresh:
        fresh.add(records[:4])
        fresh.add(records[4:] + odd)  # two batches: words already known are not listed twice
        documents, quoted, words, scores = index(fresh)
        assert index(migrated) == (documents, quoted, words, scores)
        assert len(words) == len(set(words)) and any(row[:2] == ("", odd[0]["document"]["id"]) for row in documents)
        assert len(quoted) > len(records) * 10
        if engine == "duckdb":
            assert any(row[:3] == ("", odd[1]["document"]["id"], "q" + str(len(odd[1]["quotes"]))) for row in quoted)
        else:
            assert any(row[:2] == ("", odd[1]["document"]["id"]) for row in quoted)
            assert len(scores) == len({row[::2] for row in documents if row[0]}) > len(words) / 2
            assert not migrated.column_types("document_words") and not migrated.column_types("quote_words")
        assert searched(migrated) == searched(fresh)


def test_postgresql_word_arrays_made_from_015s_rows_answer_as_a_scan(records, fresh_postgres, monkeypatch):
    # migration 019 makes its arrays from the rows of 015's index: a store indexed by 015 answers every search
    # as a scan of its texts does, after the migration as before it
    import newsgraph.store as store_module

    every = store_module.migrations()
    monkeypatch.setattr(store_module, "migrations", lambda: [m for m in every if m[0] < 11])
    with open_store(fresh_postgres) as old:
        old.add(records + _odd(records))
    monkeypatch.setattr(store_module, "migrations", lambda: [m for m in every if m[0] < 19])
    with open_store(fresh_postgres) as at_015:
        assert at_015.column_types("document_words") and at_015.column_types("quote_words")
        assert not at_015.word_index()
        before = searched(at_015)  # 015's rows are not read by this newsgraph: a scan
    monkeypatch.setattr(store_module, "migrations", lambda: every)
    with open_store(fresh_postgres) as store:
        assert store.word_index() and store.quote_word_index()
        assert searched(store) == before == scanned(store)
        assert before["election"][0] and before["kelvin"][3]


def test_duckdb_word_index_rows_move_into_runs_sorted_by_word_and_searches_read_every_row(tmp_path, records,
                                                                                         monkeypatch):
    # migration 018: new rows wait in the fresh tables until a run's worth moves, sorted by word, into the main
    # ones (so that DuckDB's zone maps skip the row groups of other words); searches read both, replaces empty both
    import newsgraph.store as store_module

    monkeypatch.setattr(store_module, "FRESH_RUN_ROWS", 300)
    searches = ("election", "the", "said", "trump")

    def searched(store) -> list:
        since = query.Filter(since="2000")  # a filter: the searches' other form
        return [(query.search_documents(store, q, limit=None), query.documents(store, text=q, limit=None),
                 query.search_quotes(store, q, limit=None), query.quotes(store, text=q, limit=None),
                 query.search_documents(store, q, limit=None, filters=since),
                 query.search_quotes(store, q, limit=None, filters=since),
                 query.documents(store, text=q, limit=None, filters=since))
                for q in searches]

    def descents(store, table: str) -> int:
        """How many times a row's word id is below the one stored before it: one less than the sorted runs."""
        return store.fetch(f"""SELECT count(*) AS n FROM (SELECT word_id < lag(word_id) OVER (ORDER BY rowid) AS down
                               FROM {table}) WHERE down""")[0]["n"]

    with open_store(str(tmp_path / "db.duckdb")) as store:
        for record in records:
            store.add([record])
        counts = {t: store.fetch(f"SELECT count(*) AS n FROM {t}")[0]["n"]
                  for t in ("document_words", "document_words_fresh", "quote_words", "quote_words_fresh")}
        assert counts["document_words"] and counts["quote_words"], counts
        assert counts["document_words_fresh"] < 300 and counts["quote_words_fresh"] < 300, counts
        runs = len(records)  # at most one run a batch
        assert descents(store, "document_words") < runs and descents(store, "quote_words") < runs
        indexed = searched(store)
        store.word_index = store.quote_word_index = lambda: False
        assert indexed == searched(store)
        del store.word_index, store.quote_word_index
        gone = records[0]["document"]["id"]
        key = store.fetch("SELECT key FROM documents WHERE id = ?", (gone,))[0]["key"]
        store.replace([gone], [_with_text(records[0], " election election", 7)])
        assert not store.fetch("SELECT doc_key FROM document_words WHERE doc_key = ? UNION ALL "
                               "SELECT doc_key FROM document_words_fresh WHERE doc_key = ?", (key, key))
        assert not store.fetch("SELECT doc_key FROM quote_words WHERE doc_key = ? UNION ALL "
                               "SELECT doc_key FROM quote_words_fresh WHERE doc_key = ?", (key, key))
        again = searched(store)
        store.word_index = store.quote_word_index = lambda: False
        assert again == searched(store) != indexed


def _second_database(request) -> str:
    """Another new database on the test server (dropped afterwards), beside `fresh_postgres`'s."""
    import uuid

    import psycopg

    server = request.getfixturevalue("postgres_url")
    name = f"ng_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    request.addfinalizer(lambda: _drop_database(server, name))
    return server.rsplit("/", 1)[0] + "/" + name


@pytest.mark.parametrize("engine", ["duckdb", "postgresql"])
def test_pair_totals_and_code_names_follow_every_add_and_replace(engine, tmp_path, records, request):
    url = str(tmp_path / "db.duckdb") if engine == "duckdb" else request.getfixturevalue("fresh_postgres")

    def both(store) -> tuple[list, list]:
        kept = query.pairs(store)
        # the same store's pairs grouped from every event, their names from every actor, as before
        store.pair_totals = store.code_names = lambda: False
        try:
            grouped = query.pairs(store)
        finally:
            del store.pair_totals, store.code_names
        for row in kept + grouped:  # a mean from sums added up in another order may differ in its last bit
            row["mean_goldstein"] = pytest.approx(row["mean_goldstein"], abs=0.011)
        return kept, grouped

    with open_store(url) as store:
        assert store.pair_totals()
        store.add(records[:6])
        kept, grouped = both(store)
        assert kept == grouped != []
        store.add(records[4:] + records[:2])
        changed = copy.deepcopy(records[3])
        changed["document"]["id"] = "f" * 64
        changed["events"] = changed["events"][:3]
        store.replace([records[3]["document"]["id"], records[5]["document"]["id"]], [changed])
        kept, grouped = both(store)
        assert kept == grouped
        assert any(r["source_name"] != r["source"] for r in kept)  # a code's display name
        # the documents, events and quotes kept count (migrations 016, 020) are what counting the rows finds
        rows = {name: store.fetch(f"SELECT count(*) AS n FROM {name}")[0]["n"]
                for name in ("documents", "events", "quotes")}
        assert min(rows.values()) > 0
        assert {name: store.count(name) for name in rows} == rows
        assert query.count_documents(store) == rows["documents"]
        assert query.count_events(store) == rows["events"]
        assert query.count_quotes(store) == rows["quotes"]
        assert query.events(store, limit=1, counted=True)[0]["total_rows"] == rows["events"]
        assert query.quotes(store, limit=1, counted=True)[0]["total_rows"] == rows["quotes"]
        assert query.pairs(store, limit=2, offset=1, min_events=2) == [
            r for r in grouped if r["events"] >= 2][1:3]
        # each document's events and quotes kept (migration 021) are what counting its rows finds
        counted = store.fetch("""SELECT d.id, (SELECT count(*) FROM events e WHERE e.doc_id = d.id) AS events,
                                        (SELECT count(*) FROM quotes q WHERE q.doc_id = d.id) AS quotes
                                 FROM documents d ORDER BY d.id""")
        assert store.fetch("SELECT doc_id AS id, events, quotes FROM document_counts ORDER BY doc_id") == counted
        assert any(r["events"] for r in counted) and any(r["quotes"] for r in counted)
        expected = [tuple(r.values()) for r in counted]

        def listed() -> tuple[list, list]:
            searched = query.search_documents(store, "the", limit=None)
            assert len(searched) > 2
            return (sorted((r["id"], r["events"], r["quotes"]) for r in query.documents(store, limit=None)),
                    sorted((r["id"], r["events"], r["quotes"]) for r in searched))

        kept_pages = listed()
        assert kept_pages[0] == expected and set(kept_pages[1]) <= set(expected)
        store.document_counts = lambda: False  # as a store before migration 021 counts them
        try:
            assert listed() == kept_pages
        finally:
            del store.document_counts
