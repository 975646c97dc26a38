"""Exports: projections of the stored records into files other tools read.

`gdelt-events` and `gdelt-gkg` write GDELT 2.0/2.1 tab-separated files (no
header, as GDELT's own), `parquet` writes one file per table into a folder,
`jsonl` writes the records, one per line. All in document-id order, so the
same store gives the same bytes. The filters of `newsgraph query events`
(actor, source, target, since, until, root, plover) export a slice: the events they
select (gdelt-events), or the documents with such an event (gdelt-gkg, jsonl).
"""
from __future__ import annotations

import json
import pickle
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from newsgraph import query
from newsgraph.errors import Errors, NewsgraphError
from newsgraph.export.gdelt import event_rows, gkg_row
from newsgraph.store import Store
from newsgraph.store.rows import COLUMNS, ORDER

FORMATS = ("gdelt-events", "gdelt-gkg", "parquet", "jsonl")
# DuckDB's buffer pool while exporting (else up to 80% of the machine's memory of the blocks it read); 128 MB
# failed at 100,000 records ("failed to allocate data of size 128.0 MiB")
EXPORT_MEMORY_LIMIT = "256MB"
FILTERS = ("actor", "source", "target", "since", "until", "root", "plover")


def stored_records(store: Store) -> Iterator[tuple[dict[str, Any], datetime]]:
    """Every stored record with the time it was stored, in document-id order, in one pass whose memory does not
    grow with the store."""
    for rows in in_document_order(store, "documents", ("record", "stored_at")):
        for record, stored_at in rows:
            yield json.loads(record), stored_at


def in_document_order(store: Store, table: str, columns: tuple[str, ...]) -> Iterator[list[tuple[Any, ...]]]:
    """A table's rows (`columns`) in its canonical order, a batch at a time, in memory that does not grow with the
    table: a server-side cursor walks PostgreSQL's primary key. DuckDB keeps rows in the order they were stored
    and would sort the whole table (records, texts) in memory, and reading a range of ids touches every block: so
    one streamed pass files the rows into buckets on disk by the first two characters of their document id, and
    each bucket, a small part of the table, is sorted on its own, in bucket order."""
    wide = table == "documents"  # a record is tens of KB: few at a time in memory
    if store.engine == "postgresql":
        yield from store.stream(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {ORDER[table]}",
                                batch=100 if wide else 5000)
        return
    keys = [k.strip() for k in ORDER[table].split(",")]
    wanted = list(columns) + [k for k in keys if k not in columns]
    at = [wanted.index(k) for k in keys]
    pending: dict[str, list[tuple[Any, ...]]] = {}
    hold = 4 if wide else 200  # rows kept per bucket (of 256) before they go to disk
    with tempfile.TemporaryDirectory(prefix="newsgraph-export-") as tmp:
        spill = Path(tmp)

        def flush(bucket: str) -> None:
            with (spill / bucket.encode().hex()).open("ab") as fh:
                pickle.dump(pending.pop(bucket), fh, protocol=pickle.HIGHEST_PROTOCOL)

        for rows in store.stream(f"SELECT {', '.join(wanted)} FROM {table}", batch=200 if wide else 5000):
            for row in rows:
                bucket = str(row[at[0]])[:2]
                pending.setdefault(bucket, []).append(row)
                if len(pending[bucket]) >= hold:
                    flush(bucket)
        for bucket in list(pending):
            flush(bucket)
        store.drop_cached_blocks()  # the buckets are sorted and written without the database
        for path in sorted(spill.iterdir(), key=lambda p: bytes.fromhex(p.name).decode()):
            rows = []
            with path.open("rb") as fh:
                while True:
                    try:
                        rows += pickle.load(fh)
                    except EOFError:
                        break
            path.unlink()
            rows.sort(key=lambda r: tuple(r[i] for i in at))
            yield [r[:len(columns)] for r in rows]


def selected_events(store: Store, shared: query.Filter | None = None,
                    **filters: str | None) -> dict[str, set[str]] | None:
    """Event ids by document id for the `query events` filters given, and the pages' `shared` filter
    (country, region, outlet, quad class); None when none is given."""
    unknown = set(filters) - set(FILTERS)
    if unknown:
        raise NewsgraphError(Errors.E023, what="filter", value=sorted(unknown)[0], why=f"use {', '.join(FILTERS)}")
    given = {k: v for k, v in filters.items() if v}
    if not given and shared is None:
        return None
    selected: dict[str, set[str]] = {}
    for row in query.events(store, **given, filters=shared):
        selected.setdefault(row["doc_id"], set()).add(row["event_id"])
    return selected


def export(store: Store, fmt: str, out: str | Path, shared: query.Filter | None = None,
           **filters: str | None) -> int:
    """Write the store (or the slice `filters` and `shared` select) in `fmt` to `out` (a folder for parquet);
    returns the rows (or files) written."""
    if fmt not in FORMATS:
        raise NewsgraphError(Errors.E023, what="--format", value=fmt, why=f"use one of {', '.join(FORMATS)}")
    selected = selected_events(store, shared, **filters)
    if fmt == "parquet" and selected is not None:
        raise NewsgraphError(Errors.E023, what="--format", value=fmt, why="Parquet exports whole tables; "
                             "filter with gdelt-events, gdelt-gkg or jsonl")
    out = Path(out)
    with store.memory_cap(EXPORT_MEMORY_LIMIT):
        return _write(store, fmt, out, selected)


def _write(store: Store, fmt: str, out: Path, selected: dict[str, set[str]] | None) -> int:
    try:
        if fmt == "parquet":
            return _parquet(store, out)
        written = 0
        tmp = out.with_name(out.name + ".part")
        with tmp.open("w", encoding="utf-8", newline="\n") as fh:
            for record, stored_at in stored_records(store):
                only = None if selected is None else selected.get(record["document"]["id"])
                if selected is not None and not only:
                    continue
                if fmt == "jsonl":
                    fh.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
                    written += 1
                elif fmt == "gdelt-events":
                    for row in event_rows(record, stored_at, only):
                        fh.write("\t".join(row) + "\n")
                        written += 1
                else:
                    fh.write("\t".join(gkg_row(record, stored_at, written)) + "\n")
                    written += 1
        tmp.replace(out)  # a failed export never leaves a half-written file under the asked name
        return written
    except OSError as exc:
        raise NewsgraphError(Errors.E024, path=str(out), why=exc.strerror or str(exc)) from exc


def _parquet(store: Store, folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    # the documents last: on DuckDB, the memory the Parquet writer kept of their records would otherwise add to
    # the buffer pool of the next table's copy (585 MiB at 100,000 articles; 468 in this order)
    for name in sorted(COLUMNS, key=lambda name: name == "documents"):
        _parquet_table(store, name, folder / f"{name}.parquet")
    return len(COLUMNS)


# Column types (information_schema's names, PostgreSQL's and DuckDB's) as Parquet types.
_ARROW_TYPES = {"text": "string", "varchar": "string", "integer": "int32", "bigint": "int64",
                "double precision": "float64", "double": "float64", "boolean": "bool",
                "timestamp without time zone": "timestamp[us]", "timestamp": "timestamp[us]"}


def _parquet_table(store: Store, name: str, path: Path) -> None:
    """One table in its canonical order as Parquet. DuckDB writes the item tables itself, sorting them in its
    memory limit and spilling beyond it (passing millions of rows through Python cost 10 to 30 times more); the
    documents, whose records DuckDB could not sort in that limit, and every PostgreSQL table go a batch of rows
    at a time (`in_document_order`) into a row group each, so memory holds one batch whatever the table's
    size."""
    tmp = path.with_name(path.name + ".part")
    if store.engine == "duckdb" and name != "documents":
        store.copy_to_parquet(f"SELECT {', '.join(COLUMNS[name])} FROM {name} ORDER BY {ORDER[name]}", tmp)
        tmp.replace(path)
        return
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise NewsgraphError(Errors.E024, path=str(path), why="Parquet exports need pyarrow "
                             "(pip install pyarrow)") from exc
    types = store.column_types(name)
    schema = pa.schema([(c, pa.type_for_alias(_ARROW_TYPES[types[c].lower()])) for c in COLUMNS[name]])
    with pq.ParquetWriter(str(tmp), schema) as writer:
        for rows in in_document_order(store, name, COLUMNS[name]):
            columns = zip(*rows, strict=True)
            arrays = [pa.array(values, type=field.type) for values, field in zip(columns, schema, strict=True)]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
    pa.default_memory_pool().release_unused()  # Arrow's allocator keeps what the batches used (100 MiB at 100k)
    tmp.replace(path)
