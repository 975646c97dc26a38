"""Code specs of the imported PETRARCH2/Phoenix actor dictionaries (data/phoenix/actors.tsv).

A code spec is `CODE` (valid at any time) or `CODE@FROM..TO` with ISO dates, either side empty for an
open range: `INDGOV@2003-01-01..2004-05-31`, `AFGGOV@2001-12-22..`, `INDGOV@..2004-05-31`.
`code_on` picks the code an actor holds on a publication date.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from newsgraph.errors import Errors

CodeSpec = tuple[str, date | None, date | None]

_SPEC = re.compile(r"^(?P<code>[^@\s]+)(?:@(?P<start>\d{4}-\d{2}-\d{2})?\.\.(?P<end>\d{4}-\d{2}-\d{2})?)?$")
# CAMEO's sector for elites: former office-holders keep their country but not their office.
FORMER_SECTOR = "ELI"


def parse_code_spec(spec: str) -> CodeSpec:
    """(code, valid from, valid to) of one code spec; None for an open side or an undated code."""
    match = _SPEC.match(spec.strip())
    if match is None:
        raise ValueError(Errors.E032.format(spec=spec))
    start, end = match["start"], match["end"]
    dated = "@" in spec
    if dated and start is None and end is None:
        raise ValueError(Errors.E032.format(spec=spec))
    return match["code"], _iso(start, spec), _iso(end, spec)


def _iso(text: str | None, spec: str) -> date | None:
    """The date an ISO side of a spec names, None when the side is open."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(Errors.E032.format(spec=spec)) from None


def _covers(spec: CodeSpec, day: date) -> bool:
    """Whether a dated spec's range contains day (both ends inclusive)."""
    _, start, end = spec
    return (start is None or start <= day) and (end is None or day <= end)


def _is_dated(spec: CodeSpec) -> bool:
    """Whether a spec has a date on either side."""
    return spec[1] is not None or spec[2] is not None


def code_on(specs: Iterable[str], day: date | None = None) -> str | None:
    """The code an actor holds on `day`, or its latest role when no day is given; None without codes."""
    parsed = [parse_code_spec(s) for s in specs]
    dated = [s for s in parsed if _is_dated(s)]
    undated = [s for s in parsed if not _is_dated(s)]
    if not parsed:
        return None
    if day is None:
        return _latest_role(dated, undated)
    covering = [s for s in dated if _covers(s, day)]
    if covering:
        # Overlapping ranges: the role taken up last is the current one.
        return max(enumerate(covering), key=lambda item: (item[1][1] or date.min, item[0]))[1][0]
    if undated:
        return undated[-1][0]
    # After a range (the last one, or one before a gap) the actor is a former office-holder.
    ended = [s for s in dated if s[2] is not None and s[2] < day]
    if ended:
        return max(ended, key=lambda s: s[2])[0][:3] + FORMER_SECTOR
    first = min(dated, key=lambda s: s[1] or date.min)
    return first[0]


def _latest_role(dated: list[CodeSpec], undated: list[CodeSpec]) -> str:
    """The open-ended (latest-starting) dated code, else the latest-ending one, else the last undated code."""
    open_ended = [(i, s) for i, s in enumerate(dated) if s[2] is None]
    if open_ended:
        return max(open_ended, key=lambda item: (item[1][1] or date.min, item[0]))[1][0]
    if dated:
        return max(enumerate(dated), key=lambda item: (item[1][2], item[0]))[1][0]
    return undated[-1][0]


# -- the dictionaries as a knowledge-base layer --------------------------------------------------------
# CAMEO role codes a Phoenix code may carry after its country (the rest are finer agent codes)
SECTORS = frozenset({"GOV", "MIL", "REB", "OPP", "PTY", "CVL", "ELI", "MED", "NGO", "IGO", "BUS", "EDU", "JUD",
                     "LEG", "COP", "SPY", "REF", "LAB", "REL", "HLH", "AGR", "CRM", "ENV", "HRI", "UAF", "SEP",
                     "INS", "MOD", "RAD", "DEV", "IRC"})
# codes that are not a country's but a kind of international actor, with the sector each stands for
INTERNATIONAL = {"IGO": "IGO", "NGO": "NGO", "MNC": "BUS", "IMG": "REB", "INT": None, "NGM": "NGO"}
# the last word of an agent noun that names one person rather than a body ("collector", "minister")
PERSON_ENDINGS = ("er", "or", "ist", "ian", "man", "woman", "ant", "ent", "ee", "ier", "eer", "arch", "crat",
                  "ary", "ain", "ive", "ate", "ar", "ic", "ess", "ster", "herd", "smith", "wright")


def split_code(code: str, countries: frozenset[str]) -> tuple[str | None, str | None]:
    """(country, sector) of a Phoenix code: INDGOVAGR → (IND, GOV), IGOUNOIAE → (None, IGO), MNCUSA → (None, BUS)."""
    head, rest = code[:3], code[3:]
    if head in INTERNATIONAL:
        sector = INTERNATIONAL[head] or next((rest[k:k + 3] for k in range(0, len(rest), 3)
                                              if rest[k:k + 3] in SECTORS), None)
        return None, sector
    if head in SECTORS:  # a bare agent code ("ELI"): a role without a country
        return None, head
    country = head if head in countries else None
    sector = next((rest[k:k + 3] for k in range(0, len(rest), 3) if rest[k:k + 3] in SECTORS), None)
    return country, sector


def match_key(surface: str) -> str:
    """The form a name is matched on: lower case, no dots, hyphens as spaces, no leading article."""
    s = surface.replace("’", "'").replace(".", " ").replace("-", " ").lower()
    s = " ".join(s.split())
    return s[4:] if s.startswith("the ") else s


def display_name(surface: str) -> str:
    """'LAL KRISHNA ADVANI' → 'Lal Krishna Advani'; short all-letter acronyms stay as they are."""
    words = []
    for w in surface.split():
        words.append(w if len(w) <= 4 and w.isalpha() and not any(c in "AEIOU" for c in w[1:]) or "." in w
                     else w.capitalize())
    return " ".join(words)


def agent_kind(term: str, marked_person: bool) -> str:
    """person for a noun naming one human ("district collector"), else group ("riot police")."""
    last = term.split()[-1]
    return "person" if marked_person or last.endswith(PERSON_ENDINGS) else "group"


def initials(name: str) -> str:
    """'LAL KRISHNA ADVANI' → 'L K ADVANI': the given names as initials, as news often writes them."""
    words = name.replace(".", " ").split()
    return " ".join([w[0] for w in words[:-1]] + words[-1:])
