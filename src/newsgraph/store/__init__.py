"""The store: records in an embedded DuckDB file (default) or a PostgreSQL server.

One schema (the SQL files in `sql/`, applied in order and recorded in
`schema_migrations`), one write path (`Store.add`: one transaction per batch,
idempotent by document id), one read path (`Store.fetch`). SQL is written in
the dialect both engines share, with question-mark placeholders (PostgreSQL gets %s).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from newsgraph.errors import Errors, NewsgraphError
from newsgraph.store.rows import COLUMNS, ORDER, rows_of

DEFAULT_DB = "newsgraph.duckdb"


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every schema file, in version order."""
    found = []
    for entry in resources.files("newsgraph.store").joinpath("sql").iterdir():
        m = re.fullmatch(r"(\d+)_(\w+)\.sql", entry.name)
        if m:
            found.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    return sorted(found)


def _statements(sql: str) -> list[str]:
    body = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    return [s.strip() for s in body.split(";") if s.strip()]


class Store:
    """An open database. Use `open_store(url)`; close it, or use it as a context manager."""

    def __init__(self, url: str, connection: Any, engine: str, read_only: bool = False) -> None:
        self.url = url
        self.engine = engine  # "duckdb" | "postgresql"
        self.read_only = read_only
        self._con = connection
        self._types: dict[str, dict[str, str]] = {}
        self._migrate()

    # -- plumbing ---------------------------------------------------------
    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.engine == "postgresql" else sql

    def _run(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            if self.engine == "postgresql":
                cur = self._con.cursor()
                cur.execute(self._sql(sql), params)
                return cur
            return self._con.execute(sql, params)
        except Exception as exc:  # a driver error is a message for the user, not a traceback
            raise NewsgraphError(Errors.E021, url=self.url, why=_first_line(exc)) from exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One unit of work: committed whole or not at all."""
        if self.engine == "postgresql":
            with self._con.transaction():
                yield
            return
        self._con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self._con.execute("ROLLBACK")
            raise
        self._con.execute("COMMIT")

    def _migrate(self) -> None:
        if not self.read_only:
            self._run("CREATE TABLE IF NOT EXISTS schema_migrations "
                      "(version INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        try:
            done = {row["version"] for row in self.fetch("SELECT version FROM schema_migrations")}
        except NewsgraphError as exc:
            raise NewsgraphError(Errors.E018, url=self.url, why="not a newsgraph database") from exc
        known = migrations()
        if done and max(done) > known[-1][0]:
            raise NewsgraphError(Errors.E020, url=self.url, found=max(done), known=known[-1][0])
        if self.read_only:
            if len(done) < len(known):
                raise NewsgraphError(Errors.E018, url=self.url, why="its schema is older than this newsgraph; "
                                     "run newsgraph ingest on it once to upgrade")
            return
        for version, name, sql in known:
            if version in done:
                continue
            with self.transaction():
                for statement in _statements(sql):
                    self._run(statement)
                self._run("INSERT INTO schema_migrations VALUES (?, ?)", (version, name))

    # -- reading ----------------------------------------------------------
    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows of a query as dicts."""
        cur = self._run(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these document ids are stored already."""
        ids = list(dict.fromkeys(ids))
        found: set[str] = set()
        for i in range(0, len(ids), 1000):
            chunk = ids[i:i + 1000]
            marks = ",".join("?" * len(chunk))
            found.update(r["id"] for r in self.fetch(f"SELECT id FROM documents WHERE id IN ({marks})", chunk))
        return found

    def table(self, name: str) -> list[tuple[Any, ...]]:
        """A whole table in its canonical order (exports and tests)."""
        if name not in COLUMNS:
            raise KeyError(name)
        cur = self._run(f"SELECT {', '.join(COLUMNS[name])} FROM {name} ORDER BY {ORDER[name]}")
        return [tuple(row) for row in cur.fetchall()]

    def count(self, name: str) -> int:
        if name not in COLUMNS:
            raise KeyError(name)
        return self.fetch(f"SELECT count(*) AS n FROM {name}")[0]["n"]

    def record(self, doc_id: str) -> str | None:
        """The stored record's JSON text, or None."""
        rows = self.fetch("SELECT record FROM documents WHERE id = ?", (doc_id,))
        return rows[0]["record"] if rows else None

    # -- writing ----------------------------------------------------------
    def add(self, records: Iterable[dict[str, Any]], stored_at: datetime | None = None) -> int:
        """Store records not stored yet, all in one transaction, stamped `stored_at` (UTC, default now);
        returns how many were new."""
        stored_at = stored_at or datetime.now(UTC).replace(tzinfo=None, microsecond=0)
        fresh: dict[str, dict[str, Any]] = {}
        for record in records:
            fresh.setdefault(record["document"]["id"], record)
        if not fresh:
            return 0
        with self.transaction():
            for doc_id in self.known_ids(fresh):
                del fresh[doc_id]
            tables: dict[str, list[tuple[Any, ...]]] = {name: [] for name in COLUMNS}
            for record in fresh.values():
                for name, rows in rows_of(record, stored_at).items():
                    tables[name].extend(rows)
            for name, rows in tables.items():
                self._insert(name, rows)
        return len(fresh)

    def _insert(self, name: str, rows: list[tuple[Any, ...]]) -> None:
        # Columns go in as typed arrays, unnested in one statement: ten times faster than multi-row
        # VALUES on DuckDB (and executemany, one statement a row, is slower still).
        if not rows:
            return
        columns = COLUMNS[name]
        types = self._column_types(name)
        arrays = [list(values) for values in zip(*rows, strict=True)]
        if self.engine == "duckdb":
            select = "SELECT " + ", ".join(f"unnest(?::{types[c]}[]) AS {c}" for c in columns)
        else:
            select = "SELECT * FROM unnest(" + ", ".join(f"?::{types[c]}[]" for c in columns) + ")"
        self._run(f"INSERT INTO {name} ({', '.join(columns)}) SELECT * FROM ({select}) AS batch "
                  f"ON CONFLICT DO NOTHING", arrays)

    def _column_types(self, name: str) -> dict[str, str]:
        if name not in self._types:
            rows = self.fetch("SELECT column_name, data_type FROM information_schema.columns "
                              "WHERE table_name = ? AND table_schema = current_schema()", (name,))
            self._types[name] = {r["column_name"]: r["data_type"] for r in rows}
        return self._types[name]

    def load_tables(self, other: Store) -> None:
        """Copy every table of another store into this (empty) one."""
        with self.transaction():
            for name in COLUMNS:
                self._insert(name, other.table(name))

    def write_parquet(self, name: str, path: Path) -> None:
        """One table, in its canonical order, as a Parquet file (DuckDB writes it)."""
        if self.engine != "duckdb" or name not in COLUMNS:
            raise ValueError(f"cannot write {name} as Parquet from {self.engine}")
        target = str(path).replace("'", "''")
        self._run(f"COPY (SELECT {', '.join(COLUMNS[name])} FROM {name} ORDER BY {ORDER[name]}) "
                  f"TO '{target}' (FORMAT PARQUET)")

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def open_store(url: str | None = None, read_only: bool = False) -> Store:
    """Open (creating if needed) the database at `url`: a DuckDB file path, or postgresql://..."""
    url = url or DEFAULT_DB
    if url.startswith(("postgresql://", "postgres://")):
        try:
            import psycopg
        except ImportError as exc:
            raise NewsgraphError(Errors.E018, url=url, why="psycopg is not installed "
                                 "(pip install 'newsgraph[postgres]')") from exc
        try:
            con = psycopg.connect(url, autocommit=True)
        except Exception as exc:
            raise NewsgraphError(Errors.E018, url=url, why=_first_line(exc)) from exc
        return Store(url, con, "postgresql", read_only)
    if "://" in url:
        raise NewsgraphError(Errors.E019, url=url)
    import duckdb

    path = Path(url.removeprefix("duckdb:"))
    if read_only and not path.exists():
        raise NewsgraphError(Errors.E018, url=url, why="no such file; ingest something first")
    if path.parent and not path.parent.exists():
        raise NewsgraphError(Errors.E018, url=url, why=f"no such directory {path.parent}")
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except Exception as exc:
        raise NewsgraphError(Errors.E018, url=url, why=_first_line(exc)) from exc
    return Store(url, con, "duckdb", read_only)
