"""Exports: projections of the stored records into files other tools read.

`gdelt-events` and `gdelt-gkg` write GDELT 2.0/2.1 tab-separated files (no
header, as GDELT's own), `parquet` writes one file per table into a folder,
`jsonl` writes the records, one per line. All in document-id order, so the
same store gives the same bytes.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsgraph.errors import Errors, NewsgraphError
from newsgraph.export.gdelt import event_rows, gkg_row
from newsgraph.store import Store, open_store
from newsgraph.store.rows import COLUMNS

FORMATS = ("gdelt-events", "gdelt-gkg", "parquet", "jsonl")


def stored_records(store: Store, batch: int = 200) -> Iterator[dict[str, Any]]:
    """Every stored record, in document-id order, without holding them all in memory."""
    last = ""
    while True:
        rows = store.fetch(f"SELECT id, record FROM documents WHERE id > ? ORDER BY id LIMIT {batch}", (last,))
        if not rows:
            return
        for row in rows:
            yield json.loads(row["record"])
        last = rows[-1]["id"]


def export(store: Store, fmt: str, out: str | Path) -> int:
    """Write the store in `fmt` to `out` (a folder for parquet); returns the rows (or files) written."""
    if fmt not in FORMATS:
        raise NewsgraphError(Errors.E023, what="--format", value=fmt, why=f"use one of {', '.join(FORMATS)}")
    out = Path(out)
    try:
        if fmt == "parquet":
            return _parquet(store, out)
        written = 0
        tmp = out.with_name(out.name + ".part")
        with tmp.open("w", encoding="utf-8", newline="\n") as fh:
            for record in stored_records(store):
                if fmt == "jsonl":
                    fh.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
                    written += 1
                elif fmt == "gdelt-events":
                    for row in event_rows(record):
                        fh.write("\t".join(row) + "\n")
                        written += 1
                else:
                    fh.write("\t".join(gkg_row(record)) + "\n")
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
