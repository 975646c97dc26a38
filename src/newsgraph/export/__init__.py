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
FILTERS = ("actor", "source", "target", "since", "until", "root", "plover")


def stored_records(store: Store, batch: int = 500) -> Iterator[tuple[dict[str, Any], datetime]]:
    """Every stored record with the time it was stored, in document-id order, in one pass whose memory does not
    grow with the store: a server-side cursor walks PostgreSQL's primary key; on DuckDB, whose sort would hold
    every record, the ids are sorted alone and their records read a batch at a time."""
    if store.engine == "postgresql":
        for rows in store.stream("SELECT record, stored_at FROM documents ORDER BY id", batch=batch):
            for record, stored_at in rows:
                yield json.loads(record), stored_at
        return
    ids = [row[0] for rows in store.stream("SELECT id FROM documents ORDER BY id") for row in rows]
    for i in range(0, len(ids), batch):
        chunk = ids[i:i + batch]
        found = {row["id"]: row for row in store.fetch(  # the batch's id range: one scan of the id column
            "SELECT id, record, stored_at FROM documents WHERE id BETWEEN ? AND ?", (chunk[0], chunk[-1]))}
        for doc_id in chunk:
            if doc_id in found:  # gone since the ids were read (a reanalyse replaced it)
                yield json.loads(found[doc_id]["record"]), found[doc_id]["stored_at"]


def selected_events(store: Store, **filters: str | None) -> dict[str, set[str]] | None:
    """Event ids by document id for the `query events` filters given; None when none is given."""
    unknown = set(filters) - set(FILTERS)
    if unknown:
        raise NewsgraphError(Errors.E023, what="filter", value=sorted(unknown)[0], why=f"use {', '.join(FILTERS)}")
    given = {k: v for k, v in filters.items() if v}
    if not given:
        return None
    selected: dict[str, set[str]] = {}
    for row in query.events(store, **given):
        selected.setdefault(row["doc_id"], set()).add(row["event_id"])
    return selected


def export(store: Store, fmt: str, out: str | Path, **filters: str | None) -> int:
    """Write the store (or the slice `filters` select) in `fmt` to `out` (a folder for parquet); returns the
    rows (or files) written."""
    if fmt not in FORMATS:
        raise NewsgraphError(Errors.E023, what="--format", value=fmt, why=f"use one of {', '.join(FORMATS)}")
    selected = selected_events(store, **filters)
    if fmt == "parquet" and selected is not None:
        raise NewsgraphError(Errors.E023, what="--format", value=fmt, why="Parquet exports whole tables; "
                             "filter with gdelt-events, gdelt-gkg or jsonl")
    out = Path(out)
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
    for name in COLUMNS:
        if store.engine == "duckdb":
            store.write_parquet(name, folder / f"{name}.parquet")
        else:
            _parquet_from_batches(store, name, folder / f"{name}.parquet")
    return len(COLUMNS)


# PostgreSQL's column types (information_schema names) as Parquet types, the ones DuckDB writes for its own.
_ARROW_TYPES = {"text": "string", "integer": "int32", "bigint": "int64", "double precision": "float64",
                "boolean": "bool", "timestamp without time zone": "timestamp[us]"}


def _parquet_from_batches(store: Store, name: str, path: Path, rows_per_group: int = 20_000) -> None:
    """One table in its canonical order as Parquet, written a row group at a time from a server-side cursor."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise NewsgraphError(Errors.E024, path=str(path), why="Parquet from PostgreSQL needs pyarrow "
                             "(pip install 'newsgraph[postgres]')") from exc
    types = store.column_types(name)
    schema = pa.schema([(c, pa.type_for_alias(_ARROW_TYPES[types[c]])) for c in COLUMNS[name]])
    tmp = path.with_name(path.name + ".part")
    with pq.ParquetWriter(str(tmp), schema) as writer:
        for rows in store.stream(f"SELECT {', '.join(COLUMNS[name])} FROM {name} ORDER BY {ORDER[name]}",
                                 batch=rows_per_group):
            columns = zip(*rows, strict=True)
            arrays = [pa.array(values, type=field.type) for values, field in zip(columns, schema, strict=True)]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema), row_group_size=rows_per_group)
    tmp.replace(path)
