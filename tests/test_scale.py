"""A store that grows: reads side by side with each other and with writes, indexed query plans,
exports in one streaming pass."""
from __future__ import annotations

import copy
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from newsgraph.store import open_store


def copies(record: dict, n: int) -> list[dict]:
    """`n` copies of a record, each with a document id of its own."""
    out = []
    for k in range(n):
        twin = copy.deepcopy(record)
        twin["document"]["id"] = f"{k:04d}{record['document']['id'][4:]}"
        out.append(twin)
    return out


@pytest.fixture(scope="module")
def seed_dict(seed_record) -> dict:
    return seed_record.to_dict()


def test_store_reads_on_duckdb_run_while_a_write_is_open(tmp_path, seed_dict):
    with open_store(str(tmp_path / "db.duckdb")) as store:
        store.add(copies(seed_dict, 2))
        inside, release = threading.Event(), threading.Event()

        def write() -> None:
            with store.transaction():
                store._add_new(copies(seed_dict, 3))
                inside.set()
                release.wait(10)

        writer = threading.Thread(target=write)
        writer.start()
        assert inside.wait(10)
        try:
            # the read neither waits for the write nor sees its uncommitted rows
            started = time.monotonic()
            assert store.count("documents") == 2
            assert time.monotonic() - started < 2
        finally:
            release.set()
            writer.join()
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
