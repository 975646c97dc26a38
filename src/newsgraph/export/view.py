"""Downloads of what a page shows: the events or quotes a filter selects, as CSV, JSONL or GDELT Events.

The rows are those of `query.events` / `query.quotes` (the API's and the CLI's), in the same order, so a
download holds exactly the rows the page pages through. GDELT Events rows come from the same
`event_rows` the `newsgraph export --format gdelt-events` uses, for the selected events only.
"""
from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from newsgraph import query
from newsgraph.errors import Errors, NewsgraphError
from newsgraph.export import stored_records
from newsgraph.export.gdelt import event_rows
from newsgraph.store import Store

VIEW_FORMATS = ("csv", "jsonl", "gdelt-events")
VIEWS = ("events", "quotes")


def view_rows(store: Store, what: str, filters: query.Filter | None = None, **kwargs: Any) -> query.Rows:
    """Every row of the view (no page limit), as the API lists them."""
    if what == "events":
        return query.events(store, filters=filters, **kwargs)
    if what == "quotes":
        kwargs.pop("source", None), kwargs.pop("target", None)
        return query.quotes(store, filters=filters, **kwargs)
    raise NewsgraphError(Errors.E023, what="view", value=what, why=f"use one of {', '.join(VIEWS)}")


def write_view(store: Store, what: str, fmt: str, out: TextIO, filters: query.Filter | None = None,
               **kwargs: Any) -> int:
    """Write the view to `out` in `fmt`; returns the rows written (the CSV header not counted)."""
    if fmt not in VIEW_FORMATS:
        raise NewsgraphError(Errors.E023, what="format", value=fmt, why=f"use one of {', '.join(VIEW_FORMATS)}")
    if fmt == "gdelt-events" and what != "events":
        raise NewsgraphError(Errors.E023, what="format", value=fmt, why="GDELT Events files hold events only")
    rows = view_rows(store, what, filters, **kwargs)
    if fmt == "csv":
        if not rows:
            return 0
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return len(rows)
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        return len(rows)
    selected: dict[str, set[str]] = {}
    for row in rows:
        selected.setdefault(row["doc_id"], set()).add(row["event_id"])
    written = 0
    for record, stored_at in stored_records(store):  # document-id order, as the CLI's export
        only = selected.get(record["document"]["id"])
        if only:
            for line in event_rows(record, stored_at, only):
                out.write("\t".join(line) + "\n")
                written += 1
    return written
