"""JSONL and CSV corpora: one article a row (a text field, optional id, title, date, source, url).

The fields have common default names (`text`, `id`, `title`, `published`, `source`, `url`); a corpus
that names them otherwise is read with `ReadOptions(text_field="doc_text", ...)` (the CLI's
`--text-field` and friends). A date that cannot be read is a warning on its row, which is kept undated.
"""
from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgraph.errors import Errors, NewsgraphError
from newsgraph.read.dates import parse_date
from newsgraph.read.decode import ARTICLE_LIMIT_BYTES
from newsgraph.record import RawArticle

_log = logging.getLogger("newsgraph")


def _log_warning(message: str) -> None:
    _log.warning(message)


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read corpora: the names of their fields, how to read slashed dates, where warnings go."""

    text_field: str = "text"
    id_field: str = "id"
    title_field: str = "title"
    date_field: str = "published"
    source_field: str = "source"
    url_field: str = "url"
    date_order: str | None = None  # "DMY" or "MDY", for slashed dates such as 10/03/2022
    on_warning: Callable[[str], None] = _log_warning


DEFAULT_OPTIONS = ReadOptions()


def parse_published(value: Any, order: str | None = None) -> str | None:
    """A publication date in any common format → ISO (YYYY, YYYY-MM or YYYY-MM-DD); None if not a date."""
    return parse_date(value, order)


def _cell(row: dict[str, Any], name: str) -> str | None:
    value = row.get(name)
    if value in (None, ""):
        return None
    return str(value).strip() or None


def row_to_article(row: Any, input_id: str, number: int, options: ReadOptions = DEFAULT_OPTIONS) -> RawArticle:
    """One corpus row → a RawArticle; raises NewsgraphError for a row with no text."""
    if not isinstance(row, dict):
        raise NewsgraphError(Errors.E017, input=input_id, row=number)
    text = row.get(options.text_field)
    if not isinstance(text, str) or not text.strip():
        raise NewsgraphError(Errors.E007, input=input_id, row=number, field=options.text_field,
                             fields=", ".join(map(str, row)) or "none")
    if len(text) > ARTICLE_LIMIT_BYTES:
        raise NewsgraphError(Errors.E008, input=input_id, row=number, size_mb=len(text) / 2**20,
                             limit_mb=ARTICLE_LIMIT_BYTES / 2**20)
    given_date = _cell(row, options.date_field)
    published = parse_date(given_date, options.date_order)
    if given_date is not None and published is None:
        options.on_warning(Errors.E015.format(input=input_id, row=number, field=options.date_field,
                                              value=given_date))
    row_id = _cell(row, options.id_field)
    return RawArticle(text=text, input_id=row_id if row_id is not None else f"{input_id}#{number}",
                      title=_cell(row, options.title_field), published=published,
                      published_from="field" if published else None,
                      source=_cell(row, options.source_field), url=_cell(row, options.url_field))


def read_jsonl(path: Path, input_id: str,
               options: ReadOptions = DEFAULT_OPTIONS) -> Iterator[RawArticle | NewsgraphError]:
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
                yield NewsgraphError(Errors.E006, input=input_id, row=number, why=_json_problem(exc))
                continue
            yield _row_or_error(row, input_id, number, options)


def _json_problem(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return str(exc).split(":")[0]
    return "nested too deeply" if isinstance(exc, RecursionError) else "not UTF-8"


def _row_or_error(row: Any, input_id: str, number: int, options: ReadOptions) -> RawArticle | NewsgraphError:
    """One row's article, or its error: whatever is wrong with a row never costs the file's other rows."""
    try:
        return row_to_article(row, input_id, number, options)
    except NewsgraphError as err:
        return err
    except Exception as exc:  # a value no check foresaw (a str() that raises, a number too long to print)
        return NewsgraphError(Errors.E031, input=input_id, row=number, why=type(exc).__name__)


def read_csv(path: Path, input_id: str,
             options: ReadOptions = DEFAULT_OPTIONS) -> Iterator[RawArticle | NewsgraphError]:
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
    if options.text_field not in columns:
        yield NewsgraphError(Errors.E013, input=input_id, field=options.text_field,
                             columns=", ".join(columns) or "none")
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
        yield _row_or_error(row, input_id, number, options)
