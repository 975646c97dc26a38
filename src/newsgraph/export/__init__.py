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
from newsgraph.store import Store, open_store
from newsgraph.store.rows import COLUMNS

FORMATS = ("gdelt-events", "gdelt-gkg", "parquet", "jsonl")
FILTERS = ("actor", "source", "target", "since", "until", "root", "plover")


def stored_records(store: Store, batch: int = 200) -> Iterator[tuple[dict[str, Any], datetime]]:
    """Every stored record with the time it was stored, in document-id order, a batch at a time."""
    last = ""
    while True:
        rows = store.fetch(f"SELECT id, record, stored_at FROM documents WHERE id > ? ORDER BY id LIMIT {batch}",
                           (last,))
        if not rows:
            return
        for row in rows:
            yield json.loads(row["record"]), row["stored_at"]
        last = rows[-1]["id"]


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
    if store.engine == "duckdb":
        source = store
    else:  # copy through an in-memory DuckDB, which writes Parquet itself
        source = open_store(":memory:")
        source.load_tables(store)
    for name in COLUMNS:
        source.write_parquet(name, folder / f"{name}.parquet")
    if source is not store:
        source.close()
    return len(COLUMNS)
