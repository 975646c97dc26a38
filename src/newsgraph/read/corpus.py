"""JSONL and CSV corpora: one article a row (`text`, optional id, title, published, source, url)."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from newsgraph.errors import Errors, NewsgraphError
from newsgraph.read.decode import ARTICLE_LIMIT_BYTES
from newsgraph.record import RawArticle

_FIELDS = ("title", "published", "source", "url")


def parse_published(value: Any) -> str | None:
    """An ISO date (YYYY, YYYY-MM, YYYY-MM-DD or a datetime) → its date part; None if not a date."""
    if value is None or value == "":
        return None
    s = str(value).strip()
    for n, fmt in ((10, "%Y-%m-%d"), (7, "%Y-%m"), (4, "%Y")):
        head = s[:n]
        if len(s) == n or (n == 10 and len(s) > 10 and s[10] in "T "):
            try:
                from datetime import datetime
                datetime.strptime(head, fmt)
                return head
            except ValueError:
                return None
    try:
        return date.fromisoformat(s).isoformat()
    except ValueError:
        return None


def row_to_article(row: Any, input_id: str, number: int) -> RawArticle:
    if not isinstance(row, dict):
        raise NewsgraphError(Errors.E017, input=input_id, row=number)
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise NewsgraphError(Errors.E007, input=input_id, row=number)
    if len(text) > ARTICLE_LIMIT_BYTES:
        raise NewsgraphError(Errors.E008, input=input_id, row=number, size_mb=len(text) / 2**20,
                             limit_mb=ARTICLE_LIMIT_BYTES / 2**20)
    meta = {k: (str(row[k]).strip() or None) if row.get(k) not in (None, "") else None for k in _FIELDS}
    if meta["published"] is not None:
        published = parse_published(meta["published"])
        if published is None:
            raise NewsgraphError(Errors.E015, input=input_id, row=number, value=meta["published"])
        meta["published"] = published
    row_id = row.get("id")
    return RawArticle(text=text, input_id=str(row_id) if row_id not in (None, "") else f"{input_id}#{number}",
                      **meta)


def read_jsonl(path: Path, input_id: str) -> Iterator[RawArticle | NewsgraphError]:
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
                yield NewsgraphError(Errors.E006, input=input_id, row=number, why=_json_problem(exc))
                continue
            yield _row_or_error(row, input_id, number)


def _json_problem(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return str(exc).split(":")[0]
    return "nested too deeply" if isinstance(exc, RecursionError) else "not UTF-8"


def _row_or_error(row: Any, input_id: str, number: int) -> RawArticle | NewsgraphError:
    """One row's article, or its error: whatever is wrong with a row never costs the file's other rows."""
    try:
        return row_to_article(row, input_id, number)
    except NewsgraphError as err:
        return err
    except Exception as exc:  # a value no check foresaw (a str() that raises, a number too long to print)
        return NewsgraphError(Errors.E031, input=input_id, row=number, why=type(exc).__name__)


def read_csv(path: Path, input_id: str) -> Iterator[RawArticle | NewsgraphError]:
    csv.field_size_limit(ARTICLE_LIMIT_BYTES * 4)
    with path.open("rb") as fh:
        data = fh.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        yield NewsgraphError(Errors.E005, input=input_id)
        return
    if "\x00" in text:
        yield NewsgraphError(Errors.E003, input=input_id, why="NUL bytes")
        return
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        columns = reader.fieldnames or []
    except csv.Error as exc:
        yield NewsgraphError(Errors.E012, input=input_id, why=str(exc))
        return
    if "text" not in columns:
        yield NewsgraphError(Errors.E013, input=input_id, columns=", ".join(columns) or "none")
        return
    number = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield NewsgraphError(Errors.E012, input=input_id, why=f"row {number + 1}: {exc}")
            return
        number += 1
        if None in row:  # more cells than columns
            yield NewsgraphError(Errors.E012, input=input_id, why=f"row {number}: more cells than columns")
            continue
        yield _row_or_error(row, input_id, number)
