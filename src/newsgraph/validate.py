"""The rules for what a caller passes in: one place, used by the Python API, the CLI and the HTTP API.

Each check returns the value in the form the pipeline uses, or raises a
NewsgraphError whose message names the argument as the caller spelled it
(`published` in Python and JSON, `--published` on the command line).
"""
from __future__ import annotations

from typing import Any

from newsgraph.errors import Errors, NewsgraphError
from newsgraph.read.corpus import parse_published

# Relative dates ("yesterday", "last decade") are counted from the publication date, and the
# stores sort dates as text: years outside these bounds are typing mistakes, not news.
FIRST_YEAR, LAST_YEAR = 1900, 2100
DATE_FORMS = "YYYY-MM-DD (or YYYY, YYYY-MM, or an ISO datetime)"


def _kind(value: Any) -> str:
    return "None" if value is None else type(value).__name__


def text(value: Any, what: str = "text") -> str:
    """An article's text: a str (bytes must be decoded by the caller, who knows the encoding)."""
    if not isinstance(value, str):
        raise NewsgraphError(Errors.E026, what=what, expected="a str", got=_kind(value))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no file, page or database can hold it
        raise NewsgraphError(Errors.E026, what=what, expected="valid Unicode text",
                             got="a str with a lone surrogate") from None
    return value


def optional_text(value: Any, what: str) -> str | None:
    """A metadata field (title, source, url): a str or None."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise NewsgraphError(Errors.E026, what=what, expected="a str or None", got=_kind(value))
    return value


def published(value: Any, what: str = "published") -> str | None:
    """A publication date → its ISO date part ("2021-06-15T12:00:00Z" → "2021-06-15"); None stays None."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise NewsgraphError(Errors.E026, what=what, expected=f"a date string, {DATE_FORMS}", got=_kind(value))
    iso = parse_published(value)
    year = iso[:4] if iso is not None else value.strip()[:4]
    in_range = year.isdigit() and FIRST_YEAR <= int(year) <= LAST_YEAR
    if iso is None and (in_range or not (year.isdigit() and value.strip()[4:5] == "-")):
        raise NewsgraphError(Errors.E016, what=what, value=value, why=f"use {DATE_FORMS}")
    if not in_range:  # "0001-01-01", "9999-12-31": dates, out of range
        raise NewsgraphError(Errors.E016, what=what, value=value,
                             why=f"the year must be within {FIRST_YEAR}-{LAST_YEAR}")
    return iso
