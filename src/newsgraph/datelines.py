"""Datelines: the lines and openings that say when (and through whom) a story was published.

Two shapes: a line of its own ("This story is from March 10, 2002", "By Jane Doe | Updated: Mar 3,
2022, 10:15 IST", "Published on 3 March 2022") that is neither title nor body, and a wire opening of the
first paragraph ("WASHINGTON, June 15 (Reuters) -", "HEMPSTEAD, N.Y., Sept. 26 (UPI) —") that stays in
the text but gives the date and the agency. A wire opening rarely has a year: it takes the year of the
date the article would otherwise get (its file name or the run's default), or none is used.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsgraph.read.dates import DAY_MONTH_YEAR, MONTH_DAY_YEAR, MONTHS, iso_date, parse_date

DATELINE_MAX_CHARS = 160

# a line that only carries the publication date, with the words news sites put around it
_LINE_LEAD = re.compile(
    r"^(?:this story is from|(?:by\b[^|]{1,80}\|\s*)?(?:(?:last\s+)?updated|(?:first\s+)?published|posted|"
    r"dated?)(?:\s+on)?\s*:?)\s*(?P<rest>.*)$", re.IGNORECASE)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s*"
# what may follow the date on such a line: a time and a zone ("10:15 IST", "2:30 p.m. ET")
_TIME_TAIL = re.compile(r"^[,\s]*(?:at\s+)?(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\s*$",
                        re.IGNORECASE)
# the wire opening: place (capitals, optional state), date, (agency), dash
_WIRE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z.'’ -]{1,40}?(?:,\s*[A-Z][A-Za-z.' ]{1,20}?)?),?\s+"
    rf"(?P<date>(?i:{MONTH_DAY_YEAR.pattern}))\s*\((?P<agency>[A-Z][A-Za-z.&' ]{{1,30}})\)\s*[-—–]")
_WIRE_UNDATED = re.compile(r"^[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.' ]{1,20})?\s*\((?P<agency>[A-Z][A-Za-z.&' ]{1,30})\)"
                           r"\s*[-—–]")


@dataclass(frozen=True, slots=True)
class Dateline:
    date: str | None    # ISO, or None when it gives only a month and day and no year is known
    source: str | None  # the wire agency it names, if any


def dateline_line(line: str) -> str | None:
    """The date a line of its own gives when it is a dateline and nothing else; None otherwise."""
    line = line.strip()
    if not line or len(line) > DATELINE_MAX_CHARS:
        return None
    m = _LINE_LEAD.match(line)
    rest = m.group("rest") if m and m.group("rest") else line
    rest = re.sub(rf"^{_WEEKDAY}", "", rest, flags=re.IGNORECASE)
    for pattern in (MONTH_DAY_YEAR, DAY_MONTH_YEAR):
        found = pattern.match(rest)
        if found and found.group("year") and _TIME_TAIL.match(rest[found.end():]):
            return parse_date(found.group(0))
    if m:  # "Updated: 2022-03-03 10:15"
        head = rest.split(" ")[0].rstrip(",")
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:T[\d:]+Z?)?", head) and _TIME_TAIL.match(rest[len(head):]):
            return parse_date(head)
    return None


def wire_dateline(paragraph: str, year_from: str | None = None) -> Dateline | None:
    """The date and agency of a wire opening ("WASHINGTON, June 15 (Reuters) -"), if the paragraph has one."""
    m = _WIRE.match(paragraph)
    if m:
        month, day = MONTHS[m.group("month").lower()], int(m.group("day"))
        year = m.group("year")
        value = iso_date(int(year), month, day) if year else _with_year(month, day, year_from)
        return Dateline(value, m.group("agency").strip())
    m = _WIRE_UNDATED.match(paragraph)
    return Dateline(None, m.group("agency").strip()) if m else None


def _with_year(month: int, day: int, reference: str | None) -> str | None:
    """A month and day in the year of the reference date (the year before when that puts it a month
    or more after the reference: "December 30" in a story filed on January 2)."""
    if not reference or len(reference) < 10:
        return None
    ref = date.fromisoformat(reference[:10])
    value = iso_date(ref.year, month, day)
    if value and date.fromisoformat(value) > ref + timedelta(days=31):
        value = iso_date(ref.year - 1, month, day)
    return value
