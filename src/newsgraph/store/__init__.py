"""The store: records in an embedded DuckDB file (default) or a PostgreSQL server.

One schema (the SQL files in `sql/`, applied in order and recorded in
`schema_migrations`), one write path (`Store.add`: one transaction per batch,
idempotent by document id), one read path (`Store.fetch`). SQL is written in
the dialect both engines share, with question-mark placeholders (PostgreSQL gets %s).

Reads run concurrently from any number of threads (a server's requests): each read gets a connection of
its own (a DuckDB cursor on the held connection, a fresh read-only connection on a transient DuckDB
store, a pooled connection on PostgreSQL); only writes take the store's lock.
"""
from __future__ import annotations

import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from newsgraph.errors import Errors, NewsgraphError
from newsgraph.store.rows import COLUMNS, ORDER, STORED_COLUMNS, stored_rows

DEFAULT_DB = "newsgraph.duckdb"
# How long a DuckDB open waits for another process's write lock (an ingest, a serving page) to go.
LOCK_WAIT_SECONDS = 30.0
_DAMAGE = ("checksum", "corrupt", "database file is truncated",
           "failed to read", "invalid block")
# Membership in a list of ids given as one array parameter: DuckDB binds `IN (?, ?, ...)` in time that grows
# with the square of the list (500 ids: 7 s), an array in constant time.
IN_LIST = "IN (SELECT unnest(?::TEXT[]))"
# The tables whose rows the store counts as it stores them (migration 016).
ITEM_TOTALS = ("documents", "events", "quotes")  # the totals item_totals keeps (migrations 016, 020)
# How long a transient DuckDB store keeps its read connection after the last read ends: the next read (a
# server's next request) then finds the file open and its blocks in DuckDB's cache, instead of opening it and
# reading them again (30 ms for the opening alone at 100,000 articles, and twice a page's time). A writer
# that finds the file held says so (`_writer_waiting`), and the connection is closed as soon as no read runs.
READ_LINGER_SECONDS = 1.0
# How recently a waiting writer must have touched its sign for readers to heed it (it touches it at every try;
# an older sign is one a killed process left behind).
WRITER_SIGN_SECONDS = 2.0
WRITER_POLL_SECONDS = 0.05  # how often a lingering read connection looks for that sign
# How long a read waits for a pooled PostgreSQL connection before the database counts as unavailable.
POOL_WAIT_SECONDS = 30.0
# DuckDB's buffer pool on a connection that writes (an ingest): by default it keeps up to 80% of the machine's
# memory of the blocks it wrote and read, so the ingest process grew with the store; DuckDB spills beyond it.
WRITE_MEMORY_LIMIT = "256MB"


ENGINE_LINE = re.compile(r"^-- engine: (duckdb|postgresql)\s*$", re.MULTILINE)


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every schema file, in version order. A file with a line `-- engine: NAME`
    applies to that engine only (`engine_statements`); the other records its version all the same."""
    found = []
    for entry in resources.files("newsgraph.store").joinpath("sql").iterdir():
        m = re.fullmatch(r"(\d+)_(\w+)\.sql", entry.name)
        if m:
            found.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    return sorted(found)


def engine_statements(sql: str, engine: str) -> list[str]:
    """The statements of a migration that `engine` runs."""
    only = ENGINE_LINE.search(sql)
    return _statements(sql) if only is None or only.group(1) == engine else []


def _statements(sql: str) -> list[str]:
    body = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    return [s.strip() for s in body.split(";") if s.strip()]


class Store:
    """An open database. Use `open_store(url)`; close it, or use it as a context manager."""

    def __init__(self, url: str, connection: Any, engine: str, read_only: bool = False,
                 reconnect: Callable[[bool], Any] | None = None, read_pool: Any = None) -> None:
        """`reconnect(read_only)`, when given, makes the store transient: it holds no connection
        between operations, opening one for each (a DuckDB file another process also uses).
        `read_pool` (PostgreSQL) lends the connections reads run on; without one, reads share the held
        connection, one at a time."""
        self.url = url
        self.engine = engine  # "duckdb" | "postgresql"
        self.read_only = read_only
        self._con = connection
        self._reconnect = reconnect
        self._read_pool = read_pool
        self._types: dict[str, dict[str, str]] = {}
        self._memory_limit: str | None = None  # the limit memory_cap set, while it holds
        self._keys: dict[str, bool] = {}
        self._local = threading.local()  # the connection this thread's current operation runs on
        self._write_lock = threading.RLock()  # writes (and reads that must share the one connection)
        self._cursor_lock = threading.Lock()  # DuckDB: cursors are taken from the held connection one at a time
        # a transient DuckDB store's read and write connections differ in mode, which one process cannot
        # hold at once: reads share, a write waits for them and excludes them
        self._readers = _SharedLock()
        # a transient store's reads in flight share one read-only connection (a cursor each), opened by the
        # first and closed by the last: the file is held only while a read runs, as with a connection per
        # read, but overlapping reads (a server's concurrent requests) share DuckDB's cache of the file
        # instead of each reading and decompressing its blocks again
        self._shared_read_lock = threading.Lock()
        self._shared_read: Any = None
        self._shared_readers = 0
        self._linger: object | None = None  # the token of the wait that closes the idle shared read connection
        try:
            with self._session(write=not read_only):
                self._migrate()
        except BaseException:
            self._close_quietly()
            raise
        if reconnect is not None:
            self._close_quietly()

    # -- plumbing ---------------------------------------------------------
    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.engine == "postgresql" else sql

    def _connection(self) -> Any:
        """The connection this thread's operation runs on (outside one: the held connection)."""
        return getattr(self._local, "con", None) or self._con

    def _run(self, sql: str, params: Sequence[Any] = ()) -> Any:
        con = self._connection()
        try:
            if self.engine == "postgresql":
                cur = con.cursor()
                cur.execute(self._sql(sql), params)
                return cur
            return con.execute(sql, params)
        except Exception as exc:  # a driver error is a message for the user, not a traceback
            raise self._failure(exc) from exc

    def _failure(self, exc: BaseException) -> NewsgraphError:
        """The user's message for a driver error: a damaged file says how to recover."""
        why = _first_line(exc)
        if self.engine == "duckdb" and any(d in why.lower() for d in _DAMAGE):
            return NewsgraphError(Errors.E027, url=self.url, why=why)
        return NewsgraphError(Errors.E021, url=self.url, why=why)

    def session(self) -> AbstractContextManager[None]:
        """One read connection for several reads in a row (a page and its total): they share it."""
        return self._session()

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Several reads that see one state of the store, whatever is written meanwhile: a read transaction
        (inside a transaction or another snapshot, that one)."""
        with self._session():
            if getattr(self._local, "in_transaction", False):
                yield
                return
            # PostgreSQL's default (read committed) gives each statement a snapshot of its own
            self._run("BEGIN ISOLATION LEVEL REPEATABLE READ" if self.engine == "postgresql" else "BEGIN TRANSACTION")
            self._local.in_transaction = True
            try:
                yield
            finally:
                self._local.in_transaction = False
                with suppress(Exception):  # nothing was written: a failed end loses nothing
                    self._connection().execute("COMMIT")

    @contextmanager
    def _session(self, write: bool = False) -> Iterator[None]:
        """A connection for one operation of this thread (nested operations share it): writes take the
        store's lock; reads get a connection of their own, so they run side by side."""
        if getattr(self._local, "con", None) is not None:
            yield
            return
        if write:
            with self._readers.exclusive() if self._reconnect else nullcontext(), self._write_lock:
                if self._reconnect is not None:  # this process's read connection would keep the file from it
                    self._close_shared_read()
                with self._own_connection(read_only=self.read_only) as con:
                    yield from self._on(con)
        elif self._reconnect is not None:
            with self._readers.shared(), self._shared_read_cursor() as con:
                yield from self._on(con)
        elif self.engine == "duckdb":
            with self._cursor() as con:
                yield from self._on(con)
        elif self._read_pool is not None:
            with self._pooled() as con:
                yield from self._on(con)
        else:
            with self._write_lock:
                yield from self._on(self._con)

    def _on(self, con: Any) -> Iterator[None]:
        self._local.con = con
        try:
            yield
        finally:
            self._local.con = None

    @contextmanager
    def _own_connection(self, read_only: bool) -> Iterator[Any]:
        """The held connection, or (transient store) a fresh one, closed after."""
        if self._reconnect is None:
            yield self._con
            return
        con = self._reconnect(read_only)
        try:
            yield con
        finally:
            try:
                con.close()
            except Exception as exc:  # DuckDB checkpoints on close: a full disk shows up here
                raise self._failure(exc) from exc

    @contextmanager
    def _shared_read_cursor(self) -> Iterator[Any]:
        """A cursor on the transient store's shared read-only connection (see `__init__`)."""
        with self._shared_read_lock:
            self._linger = None  # a read runs on it again: no wait closes it now
            if self._shared_read is None:
                self._shared_read = self._reconnect(True)
            self._shared_readers += 1
            try:
                cursor = self._shared_read.cursor()
            except BaseException:
                self._release_shared_read()
                raise
        try:
            yield cursor
        finally:
            with self._shared_read_lock:
                with suppress(Exception):
                    cursor.close()
                self._release_shared_read()

    def _release_shared_read(self) -> None:
        """One reader fewer (under `_shared_read_lock`); after the last, the connection stays open for
        `READ_LINGER_SECONDS` for the next read, unless another process waits to write the file."""
        self._shared_readers -= 1
        if self._shared_readers:
            return
        if READ_LINGER_SECONDS <= 0 or _writer_waiting(self.url):
            self._close_idle_read()
            return
        self._linger = token = object()
        threading.Thread(target=self._linger_then_close, args=(token,), daemon=True,
                         name="newsgraph-read-linger").start()

    def _linger_then_close(self, token: object) -> None:
        """Close the idle shared read connection after `READ_LINGER_SECONDS`, or as soon as a writer waits,
        unless a read took it up again meanwhile (which makes `token` stale)."""
        deadline = time.monotonic() + READ_LINGER_SECONDS
        while time.monotonic() < deadline and self._linger is token and not _writer_waiting(self.url):
            time.sleep(WRITER_POLL_SECONDS)
        with self._shared_read_lock:
            if self._linger is token:
                with suppress(NewsgraphError):  # nobody to tell here; the next open reports a damaged file
                    self._close_idle_read()

    def _close_shared_read(self) -> None:
        """Close the shared read connection if no read runs on it (a write needs the file, or the store closes)."""
        with self._shared_read_lock:
            if self._shared_readers == 0:
                self._close_idle_read()

    def _close_idle_read(self) -> None:
        """Close the shared read connection, which no read uses (under `_shared_read_lock`)."""
        self._linger = None
        con, self._shared_read = self._shared_read, None
        if con is not None:
            try:
                con.close()
            except Exception as exc:
                raise self._failure(exc) from exc

    @contextmanager
    def _cursor(self) -> Iterator[Any]:
        """A DuckDB cursor: a connection of its own to the held database, for one thread's read."""
        with self._cursor_lock:
            if self._con is None:
                raise NewsgraphError(Errors.E021, url=self.url, why="the store is closed")
            cursor = self._con.cursor()
        try:
            yield cursor
        finally:
            cursor.close()

    @contextmanager
    def _pooled(self) -> Iterator[Any]:
        try:
            lent = self._read_pool.connection(timeout=POOL_WAIT_SECONDS)
            con = lent.__enter__()
        except Exception as exc:
            raise self._failure(exc) from exc
        try:
            yield con
        except BaseException as exc:
            lent.__exit__(type(exc), exc, exc.__traceback__)
            raise
        lent.__exit__(None, None, None)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One unit of work: committed whole or not at all. Begin, commit and rollback fail as
        one-line errors like any statement; a failed rollback never hides the error that caused it."""
        with self._session(write=True):
            self._run("BEGIN")
            self._local.in_transaction = True
            try:
                yield
            except BaseException:
                with suppress(Exception):  # the connection is gone (server stopped, disk full): nothing to undo
                    self._connection().execute("ROLLBACK")
                raise
            finally:
                self._local.in_transaction = False
            self._run("COMMIT")

    def _migrate(self) -> None:
        tables = {r["table_name"] for r in self.fetch(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}
        if "schema_migrations" not in tables:
            if tables or self.read_only:  # someone else's database: read nothing, write nothing
                mine = f"it holds other tables ({', '.join(sorted(tables)[:5])})" if tables else "it is empty"
                raise NewsgraphError(Errors.E018, url=self.url, why=f"not a newsgraph database: {mine}")
            self._run("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        done = {row["version"] for row in self.fetch("SELECT version FROM schema_migrations")}
        known = migrations()
        if done and max(done) > known[-1][0]:
            raise NewsgraphError(Errors.E020, url=self.url, found=max(done), known=known[-1][0])
        if self.read_only:
            if len(done) < len(known):
                raise NewsgraphError(Errors.E018, url=self.url, why="its schema is older than this newsgraph; "
                                     "run newsgraph ingest on it once to upgrade")
            return
        pending = [m for m in known if m[0] not in done]
        # a migration over a big store's rows (009 joins 2 million events to their actors) needs more than the
        # writing connection's buffer pool (it failed at 100,000 articles): DuckDB's default, then back
        with self._upgrade_memory(bool(done) and bool(pending)):
            for version, name, sql in pending:
                with self.transaction():
                    for statement in engine_statements(sql, self.engine):
                        self._run(statement)
                    self._run("INSERT INTO schema_migrations VALUES (?, ?)", (version, name))

    @contextmanager
    def _upgrade_memory(self, upgrading: bool) -> Iterator[None]:
        if not upgrading or self.engine != "duckdb":
            yield
            return
        self._run("RESET memory_limit")
        try:
            yield
        finally:
            self._run(f"SET memory_limit = '{WRITE_MEMORY_LIMIT}'")

    # -- reading ----------------------------------------------------------
    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows of a query as dicts."""
        with self._session():
            cur = self._run(sql, params)
            names = [d[0] for d in cur.description]
            try:
                rows = cur.fetchall()
            except Exception as exc:
                raise self._failure(exc) from exc
        return [dict(zip(names, row, strict=True)) for row in rows]

    def stream(self, sql: str, params: Sequence[Any] = (), batch: int = 5000) -> Iterator[list[tuple[Any, ...]]]:
        """The rows of a query in batches of up to `batch`, without holding them all: a server-side cursor on
        PostgreSQL (an ordered query walks its index), an Arrow reader on DuckDB (needs pyarrow)."""
        with self._session():
            con = self._connection()
            try:
                if self.engine == "postgresql":
                    with con.transaction(), con.cursor(name="newsgraph_stream") as cur:
                        cur.itersize = batch
                        cur.execute(self._sql(sql), params)
                        while rows := cur.fetchmany(batch):
                            yield rows
                    return
                # an Arrow reader streams (fetchmany would have DuckDB build the whole result first)
                for chunk in con.sql(sql, params=list(params) or None).to_arrow_reader(batch):
                    if chunk.num_rows:
                        yield list(zip(*(column.to_pylist() for column in chunk.columns), strict=True))
            except NewsgraphError:
                raise
            except Exception as exc:
                raise self._failure(exc) from exc

    @contextmanager
    def memory_cap(self, limit: str = "256MB") -> Iterator[None]:
        """DuckDB: hold its buffer pool (which otherwise keeps up to 80% of the machine's memory of the blocks
        it read) to `limit` for a long scan such as an export; the setting is the database's, so it is given
        back after (read back, the setting is rounded: so it is set again, not copied). PostgreSQL: nothing to do."""
        if self.engine != "duckdb":
            yield
            return
        with self._session():
            self._run(f"SET memory_limit = '{limit}'")
            self._memory_limit = limit
            try:
                yield
            finally:
                self._memory_limit = None
                self._run(self._usual_memory_limit())

    def _usual_memory_limit(self) -> str:
        """The statement that gives the connection its usual memory limit: a held writing connection
        WRITE_MEMORY_LIMIT, a reading one DuckDB's default."""
        writing = self._reconnect is None and not self.read_only
        return f"SET memory_limit = '{WRITE_MEMORY_LIMIT}'" if writing else "RESET memory_limit"

    def drop_cached_blocks(self) -> None:
        """DuckDB: give back the memory its buffer pool keeps of the blocks read so far (up to the memory limit),
        by lowering the limit for a moment, before a pass that reads no more of the database (an export sorting
        what it read: at 100,000 articles the pool's 256 MB and the Parquet writer's memory made a 597 MiB peak,
        468 MiB after this). PostgreSQL: nothing to do."""
        if self.engine != "duckdb":
            return
        with self._session():
            self._run("SET memory_limit = '16MB'")
            self._run(f"SET memory_limit = '{self._memory_limit}'" if self._memory_limit
                      else self._usual_memory_limit())

    def copy_to_parquet(self, sql: str, path: Path) -> None:
        """DuckDB: write the rows of `sql` to a Parquet file with DuckDB's own writer (its sort spills to the
        database's temporary folder when the rows outgrow the memory limit)."""
        if self.engine != "duckdb":
            raise ValueError("copy_to_parquet is DuckDB's")
        with self._session():
            self._run(f"COPY ({sql}) TO '{_quoted(str(path))}' (FORMAT parquet)")

    def column_types(self, name: str) -> dict[str, str]:
        """A table's columns and their SQL types (information_schema's names), in no particular order."""
        with self._session():
            return dict(self._column_types(name))

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these document ids are stored already."""
        ids = list(dict.fromkeys(ids))
        found: set[str] = set()
        if not ids:
            return found
        with self._session():
            for i in range(0, len(ids), 1000):
                chunk = ids[i:i + 1000]
                found.update(r["id"] for r in self.fetch(f"SELECT id FROM documents WHERE id {IN_LIST}", (chunk,)))
        return found

    def stale_ids(self, analyser: str) -> list[str]:
        """Ids of the documents another analyser (or an unknown one) produced, in id order."""
        rows = self.fetch("SELECT id FROM documents WHERE analyser IS NULL OR analyser <> ? ORDER BY id", (analyser,))
        return [r["id"] for r in rows]

    def count_stale(self, analyser: str) -> int:
        """How many stored documents another analyser (or an unknown one) produced."""
        return int(self.fetch("SELECT count(*) AS n FROM documents WHERE analyser IS NULL OR analyser <> ?",
                              (analyser,))[0]["n"])

    def documents(self, ids: Sequence[str]) -> list[dict[str, Any]]:
        """The stored documents' own columns (not their analysis), in the order of `ids`."""
        rows = self.fetch("SELECT id, input_id, title, text, published, published_from, source, url "
                          f"FROM documents WHERE id {IN_LIST}", (list(ids),)) if ids else []
        by_id = {r["id"]: r for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    def table(self, name: str) -> list[tuple[Any, ...]]:
        """A whole table in its canonical order (exports and tests)."""
        if name not in COLUMNS:
            raise KeyError(name)
        rows = self.fetch(f"SELECT {', '.join(COLUMNS[name])} FROM {name} ORDER BY {ORDER[name]}")
        return [tuple(row.values()) for row in rows]

    def count(self, name: str) -> int:
        """How many rows a table holds: the kept total where there is one (migrations 016, 020)."""
        if name not in COLUMNS:
            raise KeyError(name)
        if name in ITEM_TOTALS and self.item_totals():
            kept = self.fetch("SELECT n FROM item_totals WHERE name = ?", (name,))
            if kept:
                return int(kept[0]["n"])
        return self.fetch(f"SELECT count(*) AS n FROM {name}")[0]["n"]

    def record(self, doc_id: str) -> str | None:
        """The stored record's JSON text, or None."""
        rows = self.fetch("SELECT record FROM documents WHERE id = ?", (doc_id,))
        return rows[0]["record"] if rows else None

    # -- writing ----------------------------------------------------------
    def add(self, records: Iterable[dict[str, Any]], stored_at: datetime | None = None) -> int:
        """Store records not stored yet, all in one transaction, stamped `stored_at` (UTC, default now);
        returns how many were new."""
        records = list(records)
        if not records:
            return 0
        with self.transaction():
            return self._add_new(records, stored_at)

    def _add_new(self, records: Iterable[dict[str, Any]], stored_at: datetime | None = None) -> int:
        """Insert the records whose document is not stored yet (inside the caller's transaction)."""
        stored_at = stored_at or datetime.now(UTC).replace(tzinfo=None, microsecond=0)
        fresh: dict[str, dict[str, Any]] = {}
        for record in records:
            fresh.setdefault(record["document"]["id"], record)
        for doc_id in self.known_ids(fresh):
            del fresh[doc_id]
        tables: dict[str, list[tuple[Any, ...]]] = {name: [] for name in COLUMNS}
        for record in fresh.values():
            for name, rows in stored_rows(record, stored_at).items():
                tables[name].extend(rows)
        keys = self._next_document_keys(len(tables["documents"]))
        for name, rows in tables.items():
            self._insert(name, rows, {"key": keys} if name == "documents" and keys else None)
        self._add_to_totals(actor_totals(tables["actors"], tables["mentions"]))
        self._add_to_pairs(pair_totals(tables["events"]))
        self._add_to_code_names(code_names(tables["actors"]))
        self._add_words(tables["documents"], tables["quotes"], keys)
        self._add_to_item_totals({name: len(tables[name]) for name in ITEM_TOTALS})
        self._add_document_counts(tables)
        return len(fresh)

    def document_counts(self) -> bool:
        """Whether the store keeps each document's number of events and quotes (migration 021)."""
        return bool(self._column_types("document_counts"))

    def _add_document_counts(self, tables: dict[str, list[tuple[Any, ...]]]) -> None:
        """Keep the new documents' numbers of events and quotes (`tables`: their rows, doc_id first)."""
        if not self.document_counts() or not tables["documents"]:
            return
        ids = [row[0] for row in tables["documents"]]
        events, quotes = Counter(row[0] for row in tables["events"]), Counter(row[0] for row in tables["quotes"])
        self._run(f"INSERT INTO document_counts (doc_id, events, quotes) "
                  f"{self._unnested('document_counts', ('doc_id', 'events', 'quotes'))}",
                  [ids, [events[i] for i in ids], [quotes[i] for i in ids]])

    def code_names(self) -> bool:
        """Whether the store keeps the actors' counts by code and name (migration 013)."""
        return bool(self._column_types("code_names"))

    def pair_totals(self) -> bool:
        """Whether the store keeps the pairs' totals (migration 012)."""
        return bool(self._column_types("pair_totals"))

    def item_totals(self) -> bool:
        """Whether the store keeps how many events and quotes it holds (migration 016)."""
        return bool(self._column_types("item_totals"))

    def _add_to_item_totals(self, counts: dict[str, int], sign: int = 1) -> None:
        """Add (sign 1) or take away (sign -1) documents, events and quotes to the kept totals."""
        if self.item_totals():
            for name, n in counts.items():
                if n:
                    self._run("UPDATE item_totals SET n = n + ? WHERE name = ?", (sign * n, name))

    def word_index(self) -> bool:
        """Whether the store keeps a word index of its documents (DuckDB: migration 011; PostgreSQL: 019)."""
        if self.engine == "postgresql":
            return "terms" in self._column_types("document_terms")
        return bool(self._column_types("document_words"))

    def quote_word_index(self) -> bool:
        """Whether the store keeps a word index of its quotes (DuckDB: migration 014; PostgreSQL: 019, the words
        of each document's quotes)."""
        if self.engine == "postgresql":
            return "quote_words" in self._column_types("document_terms")
        return bool(self._column_types("quote_words"))

    def document_keys(self) -> bool:
        """Whether documents carry an integer key, and the word indexes word ids (DuckDB: migration 018)."""
        return "key" in self._column_types("documents")

    def _next_document_keys(self, n: int) -> list[int]:
        """Keys for `n` new documents (DuckDB, migration 018): the next after the highest stored (one writer
        holds the file, inside the batch's transaction); none on a store without keys."""
        if not n or self.engine != "duckdb" or not self.document_keys():
            return []
        top = self.fetch("SELECT coalesce(max(key), 0) AS top FROM documents")[0]["top"]
        return list(range(top + 1, top + 1 + n))

    def _add_words(self, documents: list[tuple[Any, ...]], quotes: list[tuple[Any, ...]],
                   keys: list[int]) -> None:
        """Index the words of new documents and quotes (rows of their tables; `keys`: the documents' keys on
        DuckDB) as the migrations indexed the stored ones (new quotes are those of new documents): DuckDB's word
        ids (018, `_add_word_ids`), PostgreSQL's arrays (019, `_add_terms`). A store is upgraded when it is
        opened for writing (`_migrate`), so the writer meets no older index; a test's store stopped before the
        word indexes (011 on DuckDB, 019 on PostgreSQL), to try the migrations on its rows, gets none."""
        if self.engine == "postgresql":
            self._add_terms(documents, quotes)
        else:
            self._add_word_ids(documents, quotes, keys)

    def _add_terms(self, documents: list[tuple[Any, ...]], quotes: list[tuple[Any, ...]]) -> None:
        """PostgreSQL: the row of words of each new document and of its quotes (migration 019), and the words and
        scores not listed yet."""
        if not documents or not self.word_index():
            return
        doc_batch, doc_arrays = self._batch("batch", "documents", documents, ("id", "text", "title", "published"))
        quote_batch, quote_arrays = self._batch("quote_batch", "quotes", quotes, QUOTE_BATCH)
        added = self._run(f"""
            WITH {doc_batch}, {quote_batch},
                 quoted AS ({words_of(QUOTE_WORDS_OF, self.engine, 'quote_batch')})
            INSERT INTO document_terms {DOCUMENT_TERMS_OF.format(table='batch', quoted='quoted')}
            RETURNING terms, quote_words""", doc_arrays + quote_arrays).fetchall()
        words: set[str] = set()
        scores: set[tuple[str, int]] = set()
        for terms, quoted in added:
            words.update(quoted)
            for term in terms:
                word, _, hits = term.rpartition(":")
                words.add(word)
                if word:
                    scores.add((word, int(hits)))
        if scores:
            ordered = sorted(scores)
            self._run("INSERT INTO document_word_hits SELECT * FROM unnest(?::TEXT[], ?::INTEGER[]) "
                      "ON CONFLICT DO NOTHING", ([w for w, _ in ordered], [h for _, h in ordered]))
        if words:
            self._run("INSERT INTO words SELECT unnest(?::TEXT[]) ON CONFLICT DO NOTHING", (sorted(words),))

    def _add_word_ids(self, documents: list[tuple[Any, ...]], quotes: list[tuple[Any, ...]],
                      keys: list[int]) -> None:
        """DuckDB's word indexes (migration 018): the batch's new words get the next ids, its rows go to the
        fresh tables with their word's id (and document's key), and a fresh table holding a run's worth of rows
        moves into the main one sorted by word."""
        if not documents or not self.word_index():
            return
        doc_batch, doc_arrays = self._batch("batch", "documents", documents, ("id", "text", "title"), {"key": keys})
        quote_batch, quote_arrays = self._batch("quoted", "quotes", quotes, QUOTE_BATCH)
        doc_words = words_of(WORDS_OF, self.engine, "batch")
        quote_words = words_of(QUOTE_WORDS_OF, self.engine, "quoted")
        # the batch's words are found once, into temporary tables made and dropped inside the batch's transaction,
        # then given ids and written: finding them for the new words and again for the rows took 4.1-4.8 ms an
        # article, against 3.6-3.8 (800 articles in batches of 16, load 1.1)
        self._run(f"""CREATE OR REPLACE TEMP TABLE batch_document_words AS WITH {doc_batch}
            SELECT f.word, b.key, f.in_text, f.in_title
            FROM ({doc_words}) f(word, doc_id, in_text, in_title) JOIN batch b ON b.id = f.doc_id""", doc_arrays)
        self._run(f"""CREATE OR REPLACE TEMP TABLE batch_quote_words AS WITH {doc_batch}, {quote_batch}
            SELECT f.word, b.key, f.quote_id, f.published, f.start_char
            FROM ({quote_words}) f JOIN batch b ON b.id = f.doc_id""", doc_arrays + quote_arrays)
        self._run("""
            INSERT INTO words SELECT (SELECT coalesce(max(id), 0) FROM words) + row_number() OVER (ORDER BY word),
                                     word
            FROM (SELECT word FROM batch_document_words UNION SELECT word FROM batch_quote_words) found
            WHERE word NOT IN (SELECT word FROM words)""")
        self._run("""INSERT INTO document_words_fresh SELECT v.id, f.key, f.in_text, f.in_title
                     FROM batch_document_words f JOIN words v ON v.word = f.word""")
        self._run("""INSERT INTO quote_words_fresh SELECT v.id, f.key, f.quote_id, f.published, f.start_char
                     FROM batch_quote_words f JOIN words v ON v.word = f.word""")
        self._run("DROP TABLE batch_document_words")
        self._run("DROP TABLE batch_quote_words")
        for index, order in WORD_RUN_ORDER.items():
            if self.fetch(f"SELECT count(*) AS n FROM {index}_fresh")[0]["n"] >= FRESH_RUN_ROWS:
                self._run(f"INSERT INTO {index} SELECT * FROM {index}_fresh ORDER BY {order}")
                self._run(f"DELETE FROM {index}_fresh")

    def _add_to_totals(self, totals: dict[tuple[Any, ...], tuple[int, int]], sign: int = 1) -> None:
        """Add (sign 1) or take away (sign -1) documents and mentions to the actors' totals."""
        if not totals:
            return
        groups = list(totals)
        arrays = [[totals_key(g) for g in groups], *([g[k] for g in groups] for k in range(5)),
                  [sign * totals[g][0] for g in groups], [sign * totals[g][1] for g in groups]]
        names = ("key", "name", "code", "type", "country", "sector")
        select = ", ".join([*("?::TEXT[]" for _ in names), "?::BIGINT[]", "?::BIGINT[]"])
        if self.engine == "duckdb":
            cols = ", ".join(f"unnest({a}) AS c{k}" for k, a in enumerate(select.split(", ")))
            source = f"SELECT {cols}"
        else:
            source = f"SELECT * FROM unnest({select})"
        self._run(f"INSERT INTO actor_totals (key, name, code, type, country, sector, documents, mentions) "
                  f"SELECT * FROM ({source}) AS batch ON CONFLICT (key) DO UPDATE SET "
                  f"documents = actor_totals.documents + excluded.documents, "
                  f"mentions = actor_totals.mentions + excluded.mentions", arrays)
        if sign < 0:
            self._run("DELETE FROM actor_totals WHERE documents <= 0")

    def _add_to_pairs(self, totals: dict[tuple[str, str], tuple[int, float, int, int]], sign: int = 1) -> None:
        """Add (sign 1) or take away (sign -1) events to the pairs' totals (migration 012)."""
        if not totals or not self._column_types("pair_totals"):
            return
        pairs = list(totals)
        arrays = [[f"{s}\x1f{t}" for s, t in pairs], [s for s, _ in pairs], [t for _, t in pairs],
                  *([sign * totals[p][k] for p in pairs] for k in range(4))]
        types = ("TEXT", "TEXT", "TEXT", "BIGINT", "DOUBLE PRECISION", "BIGINT", "BIGINT")
        if self.engine == "duckdb":
            source = "SELECT " + ", ".join(f"unnest(?::{t}[]) AS c{k}" for k, t in enumerate(types))
        else:
            source = "SELECT * FROM unnest(" + ", ".join(f"?::{t}[]" for t in types) + ")"
        self._run(f"INSERT INTO pair_totals (key, source, target, events, goldstein, cooperation, conflict) "
                  f"SELECT * FROM ({source}) AS batch ON CONFLICT (key) DO UPDATE SET "
                  f"events = pair_totals.events + excluded.events, "
                  f"goldstein = pair_totals.goldstein + excluded.goldstein, "
                  f"cooperation = pair_totals.cooperation + excluded.cooperation, "
                  f"conflict = pair_totals.conflict + excluded.conflict", arrays)
        if sign < 0:
            self._run("DELETE FROM pair_totals WHERE events <= 0")

    def _add_to_code_names(self, counts: dict[tuple[str, str], int], sign: int = 1) -> None:
        """Add (sign 1) or take away (sign -1) actor rows to the counts by code and name (migration 013)."""
        if not counts or not self._column_types("code_names"):
            return
        keys = list(counts)
        arrays = [[f"{c}\x1f{n}" for c, n in keys], [c for c, _ in keys], [n for _, n in keys],
                  [sign * counts[k] for k in keys]]
        types = ("TEXT", "TEXT", "TEXT", "BIGINT")
        if self.engine == "duckdb":
            source = "SELECT " + ", ".join(f"unnest(?::{t}[]) AS c{k}" for k, t in enumerate(types))
        else:
            source = "SELECT * FROM unnest(" + ", ".join(f"?::{t}[]" for t in types) + ")"
        self._run(f"INSERT INTO code_names (key, code, name, actors) SELECT * FROM ({source}) AS batch "
                  f"ON CONFLICT (key) DO UPDATE SET actors = code_names.actors + excluded.actors", arrays)
        if sign < 0:
            self._run("DELETE FROM code_names WHERE actors <= 0")

    def _stored_pairs(self, doc_ids: list[str]) -> dict[tuple[str, str], tuple[int, float, int, int]]:
        """What these stored documents' events add to the pairs' totals."""
        rows = self.fetch(f"SELECT {', '.join(PAIR_COLUMNS)} FROM events WHERE doc_id {IN_LIST}", (doc_ids,))
        return pair_totals([tuple(r.values()) for r in rows], PAIR_COLUMNS)

    def _stored_totals(self, doc_ids: list[str]) -> dict[tuple[Any, ...], tuple[int, int]]:
        """What these stored documents add to the actors' totals."""
        rows = self.fetch(f"""
            SELECT a.name, a.code, a.type, a.country, a.sector, count(DISTINCT a.doc_id) AS documents,
                   count(m.n) AS mentions
            FROM actors a LEFT JOIN mentions m ON m.doc_id = a.doc_id AND m.actor_id = a.id
            WHERE a.doc_id {IN_LIST}
            GROUP BY a.name, a.code, a.type, a.country, a.sector""", (doc_ids,))
        return {(r["name"], r["code"], r["type"], r["country"], r["sector"]): (int(r["documents"]), int(r["mentions"]))
                for r in rows}

    def replace(self, old_ids: Iterable[str], records: Iterable[dict[str, Any]]) -> int:
        """Swap stored documents for their new records in one transaction; returns how many were stored.

        A new record may have a new id (its text normalised differently); one whose id another stored
        document already has is not stored twice."""
        old = list(dict.fromkeys(old_ids))
        with self.transaction():
            for i in range(0, len(old), 1000):
                chunk = old[i:i + 1000]
                self._add_to_totals(self._stored_totals(chunk), sign=-1)
                if self._column_types("pair_totals"):
                    self._add_to_pairs(self._stored_pairs(chunk), sign=-1)
                if self._column_types("code_names"):
                    rows = self.fetch(f"SELECT {', '.join(COLUMNS['actors'])} FROM actors WHERE doc_id {IN_LIST}",
                                      (chunk,))
                    self._add_to_code_names(code_names([tuple(r.values()) for r in rows]), sign=-1)
                if self.item_totals():
                    self._add_to_item_totals({name: self.fetch(f"SELECT count(*) AS n FROM {name} WHERE "
                                                               f"{'id' if name == 'documents' else 'doc_id'} "
                                                               f"{IN_LIST}", (chunk,))[0]["n"]
                                              for name in ITEM_TOTALS}, sign=-1)
                # the word index's rows (as `_add_words` writes them) first: DuckDB's name the documents' keys
                if self.engine == "postgresql" and self.word_index():
                    self._run(f"DELETE FROM document_terms WHERE doc_id {IN_LIST}", (chunk,))
                elif self.word_index():
                    keys = f"(SELECT key FROM documents WHERE id {IN_LIST})"
                    for name in WORD_RUN_ORDER:
                        for table in (name, f"{name}_fresh"):
                            self._run(f"DELETE FROM {table} WHERE doc_key IN {keys}", (chunk,))
                for name in (*COLUMNS, "document_counts") if self.document_counts() else COLUMNS:
                    key = "id" if name == "documents" else "doc_id"
                    self._run(f"DELETE FROM {name} WHERE {key} {IN_LIST}", (chunk,))
            return self._add_new(records)

    def _insert(self, name: str, rows: list[tuple[Any, ...]], extra: dict[str, list[Any]] | None = None) -> None:
        """Insert rows of a table's `STORED_COLUMNS`, and the `extra` columns' values, one list per column."""
        # Columns go in as typed arrays, unnested in one statement: ten times faster than multi-row
        # VALUES on DuckDB (and executemany, one statement a row, is slower still).
        if not rows:
            return
        columns = STORED_COLUMNS[name]
        types = self._column_types(name)
        if any(c not in types for c in columns):  # a schema older than migration 009 (a test builds one)
            columns = COLUMNS[name]
            rows = [row[:len(columns)] for row in rows]
        arrays = [list(values) for values in zip(*rows, strict=True)]
        if extra:
            columns = (*columns, *extra)
            arrays += [list(values) for values in extra.values()]
        # a table with a key skips rows it holds; DuckDB's item tables have none (migration 008)
        skip_stored = " ON CONFLICT DO NOTHING" if self._keyed(name) else ""
        self._run(f"INSERT INTO {name} ({', '.join(columns)}) SELECT * FROM ({self._unnested(name, columns)}) "
                  f"AS batch{skip_stored}", arrays)

    def _unnested(self, table: str, columns: Sequence[str]) -> str:
        """A SELECT of rows given as one array parameter per column of `table` (each of the column's type)."""
        types = self._column_types(table)
        if self.engine == "duckdb":
            return "SELECT " + ", ".join(f"unnest(?::{types[c]}[]) AS {c}" for c in columns)
        return f"SELECT * FROM unnest({', '.join(f'?::{types[c]}[]' for c in columns)}) AS b({', '.join(columns)})"

    def _batch(self, name: str, table: str, rows: list[tuple[Any, ...]], columns: Sequence[str],
               extra: dict[str, list[Any]] | None = None) -> tuple[str, list[list[Any]]]:
        """(the CTE `name` of the `columns` of new `rows` of `table` (as `_insert` takes them) and of the `extra`
        columns, one list of values each; its parameters): the batch whose words the writer indexes."""
        extra = extra or {}
        at = [STORED_COLUMNS[table].index(c) for c in columns]
        arrays = [[row[i] for row in rows] for i in at] + list(extra.values())
        return f"{name} AS ({self._unnested(table, (*columns, *extra))})", arrays

    def _keyed(self, name: str) -> bool:
        """Whether the table has a primary key."""
        if name not in self._keys:
            rows = self.fetch("SELECT count(*) AS n FROM information_schema.table_constraints "
                              "WHERE table_name = ? AND table_schema = current_schema() "
                              "AND constraint_type = 'PRIMARY KEY'", (name,))
            self._keys[name] = rows[0]["n"] > 0
        return self._keys[name]

    def _column_types(self, name: str) -> dict[str, str]:
        if name not in self._types:
            rows = self.fetch("SELECT column_name, data_type FROM information_schema.columns "
                              "WHERE table_name = ? AND table_schema = current_schema()", (name,))
            self._types[name] = {r["column_name"]: r["data_type"] for r in rows}
        return self._types[name]

    def companion(self) -> Store:
        """A second connection to the same database, for reading from another thread (a pool's feeder)."""
        if self.engine == "duckdb":
            return Store(self.url, self._con.cursor(), "duckdb", read_only=True)
        return open_store(self.url, read_only=True)

    def close(self) -> None:
        """Close the connection; DuckDB writes its last changes to the file here, so a failure is reported."""
        if self._reconnect is not None:
            self._close_shared_read()
        pool, self._read_pool = self._read_pool, None
        if pool is not None:
            with suppress(Exception):
                pool.close()
        with self._cursor_lock:
            con, self._con = self._con, None
        if con is not None:
            try:
                con.close()
            except Exception as exc:
                raise self._failure(exc) from exc

    def _close_quietly(self) -> None:
        with suppress(NewsgraphError):
            self.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if kind is None:
            self.close()
        else:  # the error already on its way is the one to report
            self._close_quietly()


# A word is a run of ASCII letters, digits and underscores, lowercased; a text with a character that may
# case-fold to an ASCII letter gets the empty word too, and searches check such texts themselves (migration 011).
# Each engine's form of: the words of a text column, one row each, and whether it holds such a character.
_WORDS = {"duckdb": "lower(unnest(regexp_extract_all({column}, '[0-9A-Za-z_]+')))",
          "postgresql": "lower((regexp_matches({column}, '[0-9A-Za-z_]+', 'g'))[1])"}
_FOLDS_TO_ASCII = {"duckdb": "regexp_matches({column}, '[\\x{{130}}\\x{{131}}\\x{{17F}}\\x{{212A}}]')",
                   "postgresql": "{column} ~ '[\\u0130\\u0131\\u017F\\u212A]'"}

# The words of documents (`{documents}`: a table or CTE with id, text and title) as rows of `document_words`:
# the SELECT the writers index a batch's words with, as the migrations indexed the stored ones (DuckDB: 011, then
# 018's word ids; PostgreSQL: 019's arrays; compared with a scan in tests/test_scale.py).
WORDS_OF = """SELECT word, doc_id, sum(in_text)::INTEGER, sum(in_title)::INTEGER FROM (
    SELECT {words_text} AS word, d.id AS doc_id, 1 AS in_text, 0 AS in_title FROM {table} d
    UNION ALL
    SELECT {words_title}, d.id, 0, 1 FROM {table} d
    UNION ALL
    SELECT '', d.id, 0, 0 FROM {table} d WHERE {folds}
) found GROUP BY word, doc_id"""
# The words of quotes (`{table}`: doc_id, id, text, published, start_char) as rows of `quote_words`, each with its
# quote's place in the quotes' order (migrations 014 and 015).
QUOTE_WORDS_OF = """SELECT DISTINCT word, doc_id, quote_id, published, start_char FROM (
    SELECT {words_text} AS word, q.doc_id, q.id AS quote_id, q.published, q.start_char FROM {table} q
    UNION ALL
    SELECT '', q.doc_id, q.id, q.published, q.start_char FROM {table} q WHERE {folds}
) found"""
# The columns of new quotes (`{table}` above) whose words the writer indexes, on both engines.
QUOTE_BATCH = ("doc_id", "id", "text", "published", "start_char")


# PostgreSQL (migration 019): the rows of `document_terms` for documents (`{table}`: id, text, title, published)
# and their quotes' words (`{quoted}`: rows of `QUOTE_WORDS_OF`): the document's words (those of `WORDS_OF`), each
# with its score, `word:hits` (in the text, and five times in the title; the empty word alone), and the words of
# its quotes, each once; both in order.
_DOCUMENT_TERMS = """SELECT o.id, o.published, ARRAY(
    SELECT CASE WHEN w.word = '' THEN '' ELSE w.word || ':' || (w.in_text + 5 * w.in_title) END AS term
    FROM ({words}) AS w(word, doc_id, in_text, in_title) ORDER BY term),
  ARRAY(SELECT DISTINCT q.word FROM {{quoted}} q WHERE q.doc_id = o.id ORDER BY q.word)
FROM {{table}} o"""


# DuckDB (migration 018): the word indexes' rows wait in `NAME_fresh` until it holds this many, then move into
# the main table sorted by word (each index's order below), a run of about 5,500 articles' rows: a search reads
# one or two row groups of each run, and every fresh row
FRESH_RUN_ROWS = 2_000_000
WORD_RUN_ORDER = {"document_words": "word_id, doc_key", "quote_words": "word_id, doc_key, start_char, quote_id"}


def index_rows(index: str) -> str:
    """The rows of a DuckDB word index (`document_words` or `quote_words`), as a table expression: its main and
    fresh tables (migration 018), whose rows carry word ids and the document's key; a quote's row gets its
    document's id back (a page of quotes is ordered by it). PostgreSQL's index is migration 019's arrays."""
    rows = f"(SELECT * FROM {index} UNION ALL SELECT * FROM {index}_fresh)"
    if index == "document_words":
        return rows
    return (f"(SELECT p.word_id, d.id AS doc_id, p.quote_id, p.published, p.start_char FROM {rows} p "
            "JOIN documents d ON d.key = p.doc_key)")


def words_of(template: str, engine: str, table: str) -> str:
    """`WORDS_OF` or `QUOTE_WORDS_OF` over `table` in `engine`'s SQL."""
    alias = "q" if template is QUOTE_WORDS_OF else "d"
    folded = f"{alias}.text || chr(10) || coalesce(d.title, '')" if alias == "d" else "q.text"
    return template.format(table=table, words_text=_WORDS[engine].format(column=f"{alias}.text"),
                           words_title=_WORDS[engine].format(column="coalesce(d.title, '')"),
                           folds=_FOLDS_TO_ASCII[engine].format(column=folded))


# a document's words come from a table of that one document, correlated to its row (`o`)
DOCUMENT_TERMS_OF = _DOCUMENT_TERMS.format(words=words_of(WORDS_OF, "postgresql", "(SELECT o.id, o.text, o.title)"))

PAIR_COLUMNS = ("source_code", "source_name", "target_code", "target_name", "negated", "goldstein", "quad_class")


def pair_totals(events: list[tuple[Any, ...]], columns: tuple[str, ...] = STORED_COLUMNS["events"]
                ) -> dict[tuple[str, str], tuple[int, float, int, int]]:
    """(events, Goldstein sum, cooperation, conflict) by (source, target) for event rows with `columns`, as
    migration 012 counts them: negated events and events without both actors left out."""
    at = {c: columns.index(c) for c in PAIR_COLUMNS}
    out: dict[tuple[str, str], tuple[int, float, int, int]] = {}
    for row in events:
        if row[at["negated"]] or row[at["source_name"]] is None or row[at["target_name"]] is None:
            continue
        source, target = (row[at[f"{side}_code"]] if row[at[f"{side}_code"]] is not None else row[at[f"{side}_name"]]
                          for side in ("source", "target"))
        pair = (source, target)
        n, goldstein, cooperation, conflict = out.get(pair, (0, 0.0, 0, 0))
        quad = row[at["quad_class"]]
        out[pair] = (n + 1, goldstein + row[at["goldstein"]], cooperation + (quad <= 2), conflict + (quad >= 3))
    return out


def code_names(actors: list[tuple[Any, ...]]) -> dict[tuple[str, str], int]:
    """Actor rows (the `actors` table's columns) by (code, canonical name), those with a code only."""
    at_code, at_name = COLUMNS["actors"].index("code"), COLUMNS["actors"].index("name")
    out: dict[tuple[str, str], int] = {}
    for row in actors:
        if row[at_code] is not None:
            key = (row[at_code], row[at_name])
            out[key] = out.get(key, 0) + 1
    return out


def totals_key(group: tuple[Any, ...]) -> str:
    """The key of an actor's totals (name, code, type, country, sector), as migration 006 writes it."""
    return "\x1f".join("\x1e" if v is None else str(v) for v in group)


def actor_totals(actors: list[tuple[Any, ...]], mentions: list[tuple[Any, ...]]) -> dict[tuple[Any, ...], tuple[int, int]]:
    """Documents and mentions by actor group, for rows of new documents (the `actors` and `mentions` tables'
    columns)."""
    per_actor: dict[tuple[str, str], int] = {}
    for row in mentions:
        per_actor[(row[0], row[1])] = per_actor.get((row[0], row[1]), 0) + 1
    docs: dict[tuple[Any, ...], set[str]] = {}
    counted: dict[tuple[Any, ...], int] = {}
    for doc_id, actor_id, name, code, country, sector, kind, _wikidata in actors:
        group = (name, code, kind, country, sector)
        docs.setdefault(group, set()).add(doc_id)
        counted[group] = counted.get(group, 0) + per_actor.get((doc_id, actor_id), 0)
    return {group: (len(docs[group]), counted[group]) for group in docs}


class _SharedLock:
    """Many holders at once (`shared`) or one alone (`exclusive`); an exclusive one waiting stops new
    shared holders, so a write is never starved by a stream of reads."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._shared = 0
        self._exclusive = False
        self._waiting = 0

    @contextmanager
    def shared(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._exclusive and not self._waiting)
            self._shared += 1
        try:
            yield
        finally:
            with self._cond:
                self._shared -= 1
                self._cond.notify_all()

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        with self._cond:
            self._waiting += 1
            self._cond.wait_for(lambda: not self._exclusive and not self._shared)
            self._waiting -= 1
            self._exclusive = True
        try:
            yield
        finally:
            with self._cond:
                self._exclusive = False
                self._cond.notify_all()


def _quoted(text: str) -> str:
    """`text` inside an SQL string literal."""
    return text.replace("'", "''")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def open_store(url: str | None = None, read_only: bool = False, transient: bool = False,
               wait: float = LOCK_WAIT_SECONDS, readers: int = 1) -> Store:
    """Open (creating if needed) the database at `url`: a DuckDB file path, or postgresql://...

    `transient` (DuckDB files) holds no connection between operations, so other processes can
    write the file in between: a served store, or an ingest into a file being served. Opening
    waits up to `wait` seconds for another process's lock on the file. `readers` (PostgreSQL) is how
    many reads may run at once, each on a pooled connection (a server's requests); DuckDB reads always
    run side by side."""
    url = url or DEFAULT_DB
    if url.startswith(("postgresql://", "postgres://")):
        try:
            import psycopg
        except ImportError as exc:
            raise NewsgraphError(Errors.E018, url=url, why="psycopg is not installed "
                                 "(pip install 'newsgraph[postgres]')") from exc
        try:
            con = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except Exception as exc:
            raise NewsgraphError(Errors.E018, url=url, why=_first_line(exc)) from exc
        return Store(url, con, "postgresql", read_only, read_pool=_read_pool(url, readers))
    if "://" in url:
        raise NewsgraphError(Errors.E019, url=url)
    path = Path(url.removeprefix("duckdb:"))
    if read_only and not path.exists():
        raise NewsgraphError(Errors.E018, url=url, why="no such file; ingest something first")
    if path.parent and not path.parent.exists():
        raise NewsgraphError(Errors.E018, url=url, why=f"no such directory {path.parent}")

    def connect(ro: bool) -> Any:
        return _connect_duckdb(url, path, ro, wait)

    if transient:
        return Store(url, None, "duckdb", read_only, reconnect=connect)
    return Store(url, connect(read_only), "duckdb", read_only)


def _read_pool(url: str, size: int) -> Any:
    """A pool of up to `size` connections for concurrent reads; None for one reader (or without psycopg_pool,
    when reads share the held connection)."""
    if size <= 1:
        return None
    try:
        from psycopg_pool import ConnectionPool
    except ImportError:
        return None
    return ConnectionPool(url, min_size=1, max_size=size, kwargs={"autocommit": True, "connect_timeout": 10},
                          open=True, name="newsgraph-readers")


def _writer_sign(url: str) -> Path:
    """The file a writer waiting for a DuckDB file's lock touches, so that readers holding it let it go."""
    path = Path(url.removeprefix("duckdb:"))
    return path.with_name(path.name + ".writer-waiting")


def _writer_waiting(url: str) -> bool:
    """Whether a process waits to write the DuckDB file (its sign touched within `WRITER_SIGN_SECONDS`)."""
    try:
        return time.time() - _writer_sign(url).stat().st_mtime < WRITER_SIGN_SECONDS
    except OSError:
        return False


def _connect_duckdb(url: str, path: Path, read_only: bool, wait: float) -> Any:
    """A DuckDB connection, waiting (with backoff) while another process holds the file's lock; a writer that
    waits says so (`_writer_sign`), so that a server's lingering read connection closes."""
    import duckdb

    deadline = time.monotonic() + wait
    delay = 0.01
    sign = None
    try:
        while True:
            try:
                con = duckdb.connect(str(path), read_only=read_only)
                break
            except Exception as exc:
                why = _first_line(exc)
                if "lock" not in why.lower():
                    code = Errors.E027 if any(d in why.lower() for d in _DAMAGE) else Errors.E018
                    raise NewsgraphError(code, url=url, why=why) from exc
                if time.monotonic() + delay > deadline:
                    raise NewsgraphError(Errors.E028, url=url) from exc
                if not read_only:
                    sign = _writer_sign(url)
                    with suppress(OSError):
                        sign.touch()
                time.sleep(delay)
                delay = min(delay * 2, 0.25)
    finally:
        if sign is not None:
            with suppress(OSError):
                sign.unlink()
    try:
        _check_size(url, path, con)
        if not read_only:
            con.execute(f"SET memory_limit = '{WRITE_MEMORY_LIMIT}'")
    except BaseException:
        con.close()
        raise
    return con


def _check_size(url: str, path: Path, con: Any) -> None:
    """A file too short to hold the blocks its header says are in use was cut short (a copy stopped,
    a full disk); DuckDB itself would open it and fail later, somewhere, with a checksum error."""
    try:
        block_size, used_blocks = con.execute("SELECT block_size, used_blocks FROM pragma_database_size()").fetchone()
    except Exception as exc:
        raise NewsgraphError(Errors.E027, url=url, why=_first_line(exc)) from exc
    if path.exists() and path.stat().st_size < block_size * used_blocks:
        raise NewsgraphError(Errors.E027, url=url, why=f"the file is {path.stat().st_size} bytes, too short for "
                             f"the {used_blocks} blocks of {block_size} bytes it holds")
