"""Reading inputs: files, folders, HTML pages, JSONL/CSV corpora and stdin → RawArticle.

Readers never raise on bad input: they yield a `NewsgraphError` in the
article's place, so a corpus run can report a bad row and go on.
"""
from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsgraph.errors import Errors, NewsgraphError, from_exception
from newsgraph.read.corpus import DEFAULT_OPTIONS, ReadOptions, read_csv, read_jsonl
from newsgraph.read.dates import file_name_date
from newsgraph.read.decode import ARTICLE_LIMIT_BYTES, decode_article_bytes
from newsgraph.read.html import looks_like_html, read_html
from newsgraph.record import RawArticle

ARTICLE_SUFFIXES = {".txt", ".text", ".html", ".htm", ".jsonl", ".ndjson", ".csv"}

Item = RawArticle | NewsgraphError


def read_inputs(paths: Iterable[str], options: ReadOptions = DEFAULT_OPTIONS) -> Iterator[Item]:
    """Every article the given paths hold, in order; `-` reads standard input."""
    for path in paths:
        if path == "-":
            yield from read_bytes(sys.stdin.buffer.read(ARTICLE_LIMIT_BYTES + 1), "-")
            continue
        p = Path(path)
        if p.is_dir():
            files = article_files(p)
            if not files:
                yield NewsgraphError(Errors.E009, input=path)
            for f in files:
                yield from read_path(f, options=options)
        else:
            yield from read_path(p, str(path), options)


def article_files(folder: Path) -> list[Path]:
    """The files under a folder that newsgraph reads, recursively, in a stable order."""
    return sorted(f for f in folder.rglob("*") if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES)


def read_path(path: Path, input_id: str | None = None, options: ReadOptions = DEFAULT_OPTIONS) -> Iterator[Item]:
    """The articles of one file; each carries the date its file name gives, if any."""
    input_id = input_id or str(path)
    file_date = file_name_date(path.name)
    for item in _read_file(path, input_id, options):
        if isinstance(item, RawArticle):
            item.file_date = file_date
        yield item


def _read_file(path: Path, input_id: str, options: ReadOptions) -> Iterator[Item]:
    if not path.exists():
        yield NewsgraphError(Errors.E001, input=input_id)
        return
    suffix = path.suffix.lower()
    try:
        if suffix in (".jsonl", ".ndjson"):
            yield from read_jsonl(path, input_id, options)
        elif suffix == ".csv":
            yield from read_csv(path, input_id, options)
        else:
            with path.open("rb") as fh:
                data = fh.read(ARTICLE_LIMIT_BYTES + 1)
            yield from read_bytes(data, input_id, html=suffix in (".html", ".htm") or None)
    except OSError as exc:
        yield NewsgraphError(Errors.E001 if isinstance(exc, FileNotFoundError) else Errors.E005,
                             input=input_id)
    except Exception as exc:  # a reader's own failure: the rows before it are out already
        yield from_exception(exc, input_id, "reading")


def read_bytes(data: bytes, input_id: str, html: bool | None = None) -> Iterator[Item]:
    """One article from raw bytes: plain text, or HTML when told or when it looks like it."""
    try:
        text = decode_article_bytes(data, input_id)
        if html or (html is None and looks_like_html(text)):
            yield read_html(text, input_id)
        else:
            yield RawArticle(text=text, input_id=input_id)
    except NewsgraphError as err:
        yield err
