"""Publication dates as users keep them: ISO, "March 3, 2022", "3 March 2022", RFC 2822, slashed dates.

`parse_date` reads one date value into ISO form (YYYY, YYYY-MM or YYYY-MM-DD); `file_name_date` finds
one in a file name (`usa-today_2016-09-08_...txt`, `20160908-story.html`). A slashed date whose day and
month could be either way round ("10/03/2022") needs an order (`DMY` or `MDY`); without one it is
not read rather than guessed.
"""
from __future__ import annotations

import re
from datetime import date, datetime

DATE_ORDERS = ("DMY", "MDY")

MONTHS = {name: n for n, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
    ("november", "nov"), ("december", "dec")), start=1) for name in names}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
# "March 3, 2022", "Mar. 3 2022", "Sept. 26" (the year is optional: datelines leave it out)
MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b", re.IGNORECASE)
# "3 March 2022", "3rd of March, 2022"
DAY_MONTH_YEAR = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE)
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_SLASHED = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})")
_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)")
_FILE_ISO = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)")


def iso_date(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD for a real calendar date, else None."""
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return None
    if not 1000 <= year <= 9999:
        return None
    if month is None:
        return f"{year:04d}"
    return f"{year:04d}-{month:02d}" if day is None else f"{year:04d}-{month:02d}-{day:02d}"


def parse_date(value: object, order: str | None = None) -> str | None:
    """One date value in any common format → ISO (keeping the precision it has); None if unreadable."""
    if value is None:
        return None
    s = " ".join(str(value).split())
    if not s:
        return None
    for reader in (_read_iso, _read_words, _read_rfc2822):
        found = reader(s)
        if found:
            return found
    return _read_slashed(s, order)


def _read_iso(s: str) -> str | None:
    m = _ISO.fullmatch(s)
    if m:
        return iso_date(int(m.group(1)), m.group(2) and int(m.group(2)), m.group(3) and int(m.group(3)))
    try:  # a timestamp: "2022-03-03T10:00:00Z", "2022-03-03 10:00:00+05:30"
        return datetime.fromisoformat(s).date().isoformat() if s[:4].isdigit() else None
    except ValueError:
        return None


def _read_words(s: str) -> str | None:
    """A date with its month as a word, alone or inside a longer value ("Thursday, March 3, 2022")."""
    for pattern in (MONTH_DAY_YEAR, DAY_MONTH_YEAR):
        m = pattern.search(s)
        if m and m.group("year"):
            return iso_date(int(m.group("year")), MONTHS[m.group("month").lower()], int(m.group("day")))
    return None


def _read_rfc2822(s: str) -> str | None:
    try:
        from email.utils import parsedate_to_datetime  # 28 ms to import: RFC 2822 dates are rare

        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _read_slashed(s: str, order: str | None) -> str | None:
    m = _SLASHED.fullmatch(s.split(" ")[0])
    if not m:
        return None
    a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if year < 100:
        year += 2000 if year < 70 else 1900
    if order == "DMY" or (order is None and a > 12 >= b):
        return iso_date(year, b, a)
    if order == "MDY" or (order is None and b > 12 >= a):
        return iso_date(year, a, b)
    if a == b:
        return iso_date(year, a, b)
    return None  # day and month could be either way round: not guessed


def file_name_date(name: str) -> str | None:
    """A date in a file name: YYYY-MM-DD or YYYYMMDD, the first real one."""
    for pattern in (_FILE_ISO, _COMPACT):
        for m in pattern.finditer(name):
            found = iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if found:
                return found
    return None
