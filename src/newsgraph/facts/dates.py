"""Dates: every date expression, resolved against the publication date when there is one.

Precision follows the text: "November 2011" is 2011-11, "on Sunday" a day, "last
week" an ISO week, "the past decade" a range of years ("2011/2021"). A duration
("eight months") or an expression the text does not pin down gets a null value
rather than a guess.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Doc

from newsgraph.record import DateMention

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                        "sunday"])}
_LEAD = re.compile(r"^(?:the|on|in|since|until|by|from|of|during|this|that|early|late|mid|earlier|later)[\s-]+",
                   re.IGNORECASE)
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_YEAR = r"(\d{4})"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
PATTERNS = [
    (re.compile(rf"^{_MONTH}\s+{_DAY},?\s+{_YEAR}$", re.I), "mdy"),
    (re.compile(rf"^{_DAY}\s+{_MONTH},?\s+{_YEAR}$", re.I), "dmy"),
    (re.compile(rf"^{_MONTH},?\s+{_YEAR}$", re.I), "my"),
    (re.compile(rf"^{_MONTH}\s+{_DAY}$", re.I), "md"),
    (re.compile(rf"^{_DAY}\s+{_MONTH}$", re.I), "dm"),
    (re.compile(rf"^{_YEAR}$"), "y"),
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), "iso"),
    (re.compile(rf"^{_MONTH}$", re.I), "m"),
    (re.compile(r"^(\d{3})0s$"), "decade"),
]


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")[:4] if name.lower().startswith("sept") else name.lower().rstrip(".")[:3]]


def _safe_date(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def resolve_date(text: str, published: date | None) -> str | None:
    """An ISO value for a date expression, as precise as the text; None when the text does not say
    or when the value falls outside the years 1000-9999 (counting back from 0001-01-01, on from 9999)."""
    try:
        value = _resolve(text, published)
    except OverflowError:  # date arithmetic past year 1 or 9999
        return None
    return value if value is None or re.match(r"(?!0000)\d{4}(?!\d)", value) else None


def _resolve(text: str, published: date | None) -> str | None:
    s = " ".join(text.split()).strip(" ,.")
    while True:
        stripped = _LEAD.sub("", s)
        if stripped == s:
            break
        s = stripped
    lower = s.lower()
    for pattern, kind in PATTERNS:
        m = pattern.match(s)
        if not m:
            continue
        g = m.groups()
        if kind == "mdy":
            return _safe_date(int(g[2]), _month(g[0]), int(g[1]))
        if kind == "dmy":
            return _safe_date(int(g[2]), _month(g[1]), int(g[0]))
        if kind == "my":
            return f"{int(g[1]):04d}-{_month(g[0]):02d}"
        if kind == "y":
            return g[0] if 1000 <= int(g[0]) <= 2100 else None
        if kind == "iso":
            return _safe_date(int(g[0]), int(g[1]), int(g[2]))
        if kind == "decade":
            return f"{g[0]}0/{g[0]}9"
        if published is None:
            return None
        if kind in ("md", "dm"):
            month, day = (_month(g[0]), int(g[1])) if kind == "md" else (_month(g[1]), int(g[0]))
            value = _safe_date(published.year, month, day)
            if value is not None and date.fromisoformat(value) > published + timedelta(days=31):
                value = _safe_date(published.year - 1, month, day)  # "December 28" in a January story
            return value
        if kind == "m":
            month = _month(g[0])
            year = published.year if month <= published.month else published.year - 1
            return f"{year:04d}-{month:02d}"
    if published is None:
        return None
    return _relative(lower, published)


def _relative(lower: str, published: date) -> str | None:
    first = lower.split()[0] if lower.split() else ""
    if first in WEEKDAYS:  # news convention: the latest such day, on or before publication
        back = (published.weekday() - WEEKDAYS[first]) % 7
        return (published - timedelta(days=back)).isoformat()
    days = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
    if first in days:
        return (published + timedelta(days=days[first])).isoformat()
    if lower in ("last night", "this morning", "this afternoon", "this evening"):
        return (published - timedelta(days=1 if lower == "last night" else 0)).isoformat()
    if lower == "past year":
        return f"{published.year - 1:04d}/{published.year:04d}"  # the twelve months before publication
    m = re.match(r"^(last|this|next|past) (week|month|year)$", lower)
    if m:
        step = {"last": -1, "past": -1, "this": 0, "next": 1}[m.group(1)]
        if m.group(2) == "week":
            y, w, _ = (published + timedelta(weeks=step)).isocalendar()
            return f"{y:04d}-W{w:02d}"
        if m.group(2) == "month":
            month_index = published.year * 12 + published.month - 1 + step
            return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}"
        return f"{published.year + step:04d}"
    m = re.match(r"^(?:past|last) (decade|(\w+) (years|decades))$", lower)
    if m:
        n = 1 if m.group(1) == "decade" else _small_number(m.group(2))
        if n is None:
            return None
        span = n * (10 if (m.group(3) or "decade").startswith("decade") else 1)
        return f"{published.year - span:04d}/{published.year:04d}"
    return None


def _small_number(word: str) -> int | None:
    words = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
             "few": None, "several": None}
    if word.isdigit():
        return int(word)
    return words.get(word)


def publication_date(published: str | None) -> date | None:
    """The document's ISO publication date ("2021", "2021-06", "2021-06-15") as the day relative dates count from."""
    if not published:
        return None
    try:
        parts = [int(p) for p in published[:10].split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):  # not an ISO date: relative dates stay unresolved
        return None


def find_dates(doc: Doc, published: str | None, in_: str | None = None) -> list[DateMention]:
    base = publication_date(published)
    out = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        out.append(DateMention(ent.start_char, ent.end_char, ent.text, resolve_date(ent.text, base), in_))
    return out
