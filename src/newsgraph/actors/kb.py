"""The actor knowledge base: countries, IGOs, organisations, people, sector words.

Built once per process from the data files in newsgraph/data/kb/. Surfaces
written in capitals or with digits ("US", "UN", "G7") match case-sensitively,
so the pronoun "us" is never the United States; others match in any case.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

from newsgraph.actors import phoenix
from newsgraph.data import load_table, split_values


@dataclass(frozen=True, slots=True)
class ActorKey:
    """What a mention resolves to; two mentions with equal keys are one actor."""

    type: str  # country | person | organization | igo | group
    name: str
    code: str | None
    country: str | None
    sector: str | None
    wikidata: str | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """A surface form in the knowledge base and what it stands for."""

    kind: str  # country | adjective | people | capital | seat | place | igo | org | person
    key: ActorKey
    sector: str | None = None  # for seats: the sector the metonym stands for
    codes: tuple[str, ...] = ()  # dated code specs (Phoenix office-holders): the key depends on the day


@dataclass(frozen=True, slots=True)
class SectorTerm:
    term: str
    sector: str | None
    kind: str  # group | person | title | modifier | document | country | organization


@dataclass(frozen=True, slots=True)
class ExtraActor:
    """An actor from an outside dictionary (an evaluation suite's actor list): its names and its code,
    whose first three letters are taken as its country and the next three as its sector."""

    names: tuple[str, ...]
    code: str
    type: str = "organization"  # organization | person | group

    def key(self) -> ActorKey:
        name = self.names[0].title() if self.names[0].isupper() else self.names[0]
        return ActorKey(self.type, name, self.code, self.code[:3] or None, self.code[3:6] or None)


_ARTICLE = re.compile(r"^(the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(['’]s|['’])$")
_ARABIC_ARTICLE = re.compile(r"^(al|el|ul|as|ash|ad|an|ar|at|az)[-‐]", re.IGNORECASE)
_NAMED_LABEL = {"igo": "ORG", "org": "ORG", "person": "PERSON"}
SECTOR_LABELS = {
    "GOV": "government", "MIL": "military", "REB": "rebels", "OPP": "opposition", "PTY": "political party",
    "CVL": "civilians", "ELI": "elites", "MED": "media", "NGO": "NGOs", "IGO": "international organisations",
    "BUS": "business", "EDU": "education", "JUD": "judiciary", "LEG": "legislature", "COP": "police",
    "SPY": "intelligence", "REF": "refugees", "LAB": "labour", "REL": "religious", "HLH": "health",
    "AGR": "agriculture", "CRM": "criminals",
}


def case_key(surface: str) -> tuple[str, bool]:
    """The index key of a surface and whether it must match case exactly."""
    strict = any(c.isdigit() for c in surface) or (surface.replace(".", "").isupper() and len(surface) <= 6)
    return (surface if strict else surface.lower()), strict


def surname_key(name: str) -> str:
    """The last name of a person, lower case, without an Arabic article ("Al-Assad" → "assad")."""
    last = name.split()[-1] if name.split() else name
    return _ARABIC_ARTICLE.sub("", _POSSESSIVE.sub("", last)).lower()


class KnowledgeBase:
    def __init__(self) -> None:
        self.exact: dict[str, list[Entry]] = {}
        self.folded: dict[str, list[Entry]] = {}
        self.country_keys: dict[str, ActorKey] = {}
        self.country_adjective: dict[str, str] = {}
        self.igo_keys: dict[str, ActorKey] = {}
        self.sector_terms: dict[str, list[SectorTerm]] = {}
        self.max_term_words = 1
        self.named_surfaces: dict[str, str] = {}  # surface as written → entity label, for the ruler
        self.surname_countries: dict[str, set[str | None]] = {}  # "bush" → the countries of every listed Bush
        # the PETRARCH2/Phoenix dictionaries: consulted only where the hand-written entries say nothing
        self.phoenix_exact: dict[str, list[Entry]] = {}  # short acronyms, matched as written ("US", "UN")
        self.phoenix_folded: dict[str, list[Entry]] = {}  # everything else, by phoenix.match_key
        self._load_countries()
        self._load_igos()
        self._load_organizations()
        self._load_people()
        self._load_sectors()
        self._load_phoenix_actors()
        self._load_phoenix_agents()

    # -- building -------------------------------------------------------------------------
    def _add(self, surface: str, entry: Entry, strict: bool = False) -> None:
        key, strict_case = case_key(surface)
        if strict and not strict_case:
            key, strict_case = surface, True
        strict = strict_case
        index = self.exact if strict else self.folded
        label = _NAMED_LABEL.get(entry.kind)
        if label and len(surface) > 1:
            self.named_surfaces.setdefault(surface, label)
        entries = index.setdefault(key, [])
        if entry not in entries:
            entries.append(entry)

    def _load_countries(self) -> None:
        for row in load_table("kb/countries.tsv"):
            iso3 = row["iso3"]
            key = ActorKey("country", row["name"], iso3, iso3, None, row.get("wikidata") or None)
            self.country_keys[iso3] = key
            for surface in [row["name"], *split_values(row["aliases"])]:
                bare = _ARTICLE.sub("", surface)
                # "the States": the word alone is a country only as written, never "different states"
                self._add(bare, Entry("country", key), strict=bare != surface and " " not in bare)
            for surface in split_values(row["adjectives"]):
                self._add(surface, Entry("adjective", key))
                self.country_adjective.setdefault(iso3, surface)
            for surface in split_values(row["people"]):
                self._add(surface, Entry("people", key))
            for surface in split_values(row["capitals"]):
                self._add(surface, Entry("capital", key, "GOV"))
            for seat in split_values(row["seats"]):
                surface, _, sector = seat.partition("=")
                self._add(surface, Entry("seat", key, sector or "GOV"))

    def _load_igos(self) -> None:
        for row in load_table("kb/igos.tsv"):
            key = ActorKey("igo", row["name"], row["code"], None, row.get("sector") or "IGO",
                           row.get("wikidata") or None)
            self.igo_keys[row["code"]] = key
            for surface in [row["name"], *split_values(row["aliases"])]:
                self._add(_ARTICLE.sub("", surface), Entry("igo", key))

    def _load_organizations(self) -> None:
        for row in load_table("kb/organizations.tsv"):
            key = ActorKey(row.get("type") or "organization", row["name"], row["code"],
                           row.get("country") or None, row.get("sector") or None, row.get("wikidata") or None)
            for surface in [row["name"], *split_values(row["aliases"])]:
                self._add(surface, Entry("org", key))
                self._add(_ARTICLE.sub("", surface), Entry("org", key))

    def _load_people(self) -> None:
        for row in load_table("kb/people.tsv"):
            country, sector = row.get("country") or None, row.get("sector") or None
            code = person_code(country, sector)
            igo = row.get("igo") or None
            if igo is not None:
                if igo not in self.igo_keys:
                    raise ValueError(f"kb/people.tsv: {row['name']}: igo {igo!r} is not a code in kb/igos.tsv; "
                                     "use one of its codes (IGOUNO, IGOEEC, ...) or add the organisation there")
                code = igo  # an IGO official acts for their organisation: Borrell is IGOEEC, not a bare IGO
            key = ActorKey("person", row["name"], code, country, sector, row.get("wikidata") or None)
            self.surname_countries.setdefault(surname_key(row["name"]), set()).add(country)
            for surface in [row["name"], *split_values(row["aliases"])]:
                self._add(surface, Entry("person", key))

    def _load_sectors(self) -> None:
        for row in load_table("kb/sectors.tsv"):
            term = SectorTerm(row["term"], row["sector"] or None, row["kind"])
            self.sector_terms.setdefault(term.term, []).append(term)
            self.max_term_words = max(self.max_term_words, len(term.term.split()))

    def _add_phoenix(self, surface: str, entry: Entry) -> None:
        bare = surface.replace(".", "")
        if " " not in bare and len(bare) <= 4:
            entries = self.phoenix_exact.setdefault(bare, [])
        else:
            entries = self.phoenix_folded.setdefault(phoenix.match_key(surface), [])
        if entry not in entries:
            entries.append(entry)

    def _load_phoenix_actors(self) -> None:
        countries = frozenset(self.country_keys)
        for row in load_table("phoenix/actors.tsv"):
            names = split_values(row["names"])
            codes = tuple(c for c in split_values(row["codes"]) if c != "---")
            if not names or not codes:
                continue
            bare = [c.split("@")[0] for c in codes]
            country = next((c for c in reversed(bare) if c in countries), None)
            if row["kind"] == "country" or (country and all(c in countries for c in bare)):
                if country is None:
                    continue
                key = self.country_keys[country]
                for name in names:
                    self._add_phoenix(name, Entry("country", key))
                for place in split_values(row["places"]):
                    self._add_phoenix(place, Entry("place", key))
                continue
            entry = self._phoenix_entry(row["kind"], names[0], codes, countries)
            for name in names:
                self._add_phoenix(name, entry)
            if entry.kind == "person" and len(names[0].split()) >= 3:
                self._add_phoenix(phoenix.initials(names[0]), entry)  # "L K Advani", "L.K. Advani"

    def _phoenix_entry(self, kind: str, name: str, codes: tuple[str, ...], countries: frozenset[str]) -> Entry:
        latest = phoenix.code_on(codes) or codes[-1].split("@")[0]
        if kind == "person":
            dated = codes if any("@" in c for c in codes) else ()
            return Entry("person", phoenix_person(phoenix.display_name(name), latest, countries), codes=dated)
        country, sector = phoenix.split_code(latest, countries)
        if latest[:6] in self.igo_keys:
            return Entry("igo", self.igo_keys[latest[:6]])
        if latest.startswith("IGO"):
            return Entry("igo", ActorKey("igo", phoenix.display_name(name), latest, None, "IGO"))
        if country and sector and len(latest) == 6 and kind != "group":
            return Entry("org", self.country_sector(country, sector))  # "Defense Department": the US military
        actor_type = "group" if kind == "group" else "organization"
        return Entry("org", ActorKey(actor_type, phoenix.display_name(name), latest, country,
                                     sector or ("REB" if kind == "group" else None)))

    def _load_phoenix_agents(self) -> None:
        countries = frozenset(self.country_keys)
        for row in load_table("phoenix/agents.tsv"):
            term = row["term"]
            _, sector = phoenix.split_code(row["code"], countries)
            forms = [(term, phoenix.agent_kind(term, row["person"] == "yes"))]
            forms += [(plural, "group") for plural in split_values(row["plurals"])]
            for form, kind in forms:
                if form not in self.sector_terms:  # the hand-written vocabulary keeps its meaning
                    self.sector_terms[form] = [SectorTerm(form, sector, kind)]
                    self.max_term_words = max(self.max_term_words, len(form.split()))

    def key_on(self, entry: Entry, published: str | None) -> ActorKey:
        """What `entry` stands for on the publication day: an office-holder's role then (Advani is INDGOV in
        2003, INDELI in 2016); with no date, their latest role."""
        if not entry.codes:
            return entry.key
        code = phoenix.code_on(entry.codes, _day(published))
        if code is None:
            return entry.key
        return phoenix_person(entry.key.name, code, frozenset(self.country_keys))

    def extended(self, actors: Iterable[ExtraActor] = (), terms: Iterable[SectorTerm] = ()) -> KnowledgeBase:
        """A copy that also knows `actors` and sector `terms`; this knowledge base stays as it was, so
        whoever uses the copy changes nothing for any other run."""
        new = KnowledgeBase.__new__(KnowledgeBase)
        new.exact = {k: list(v) for k, v in self.exact.items()}
        new.folded = {k: list(v) for k, v in self.folded.items()}
        new.country_keys = dict(self.country_keys)
        new.country_adjective = dict(self.country_adjective)
        new.igo_keys = dict(self.igo_keys)
        new.sector_terms = {k: list(v) for k, v in self.sector_terms.items()}
        new.max_term_words = self.max_term_words
        new.named_surfaces = dict(self.named_surfaces)
        new.phoenix_exact, new.phoenix_folded = self.phoenix_exact, self.phoenix_folded  # read-only here
        new.surname_countries = {k: set(v) for k, v in self.surname_countries.items()}
        for actor in actors:
            kind = "person" if actor.type == "person" else "org"
            if kind == "person":
                new.surname_countries.setdefault(surname_key(actor.key().name), set()).add(actor.key().country)
            for surface in actor.names:
                new._add(surface, Entry(kind, actor.key()))
        for term in terms:
            if term.term not in new.sector_terms:  # the knowledge base's own words keep their meaning
                new.sector_terms[term.term] = [term]
                new.max_term_words = max(new.max_term_words, len(term.term.split()))
        return new

    # -- lookups --------------------------------------------------------------------------
    def lookup(self, surface: str) -> list[Entry]:
        """Entries for a surface as written, after dropping a leading article and a possessive."""
        s = _POSSESSIVE.sub("", _ARTICLE.sub("", surface.strip(" \"'“”‘’"))).strip()
        if not s:
            return []
        own = self.exact.get(s) or self.folded.get(s.lower())
        if own:
            return own
        bare = s.replace(".", "")
        if " " not in bare and len(bare) <= 4:
            return self.phoenix_exact.get(bare, [])
        return self.phoenix_folded.get(phoenix.match_key(s), [])

    def surname_country(self, surname: str) -> str | None:
        """The country every listed person of this surname acts for ("the Bush administration": USA, whichever
        Bush), or None when the list has none or they differ ("Kim", "Khan")."""
        countries = self.surname_countries.get(surname_key(surname), set())
        return next(iter(countries)) if len(countries) == 1 else None

    def own_entries(self, surface: str) -> list[Entry]:
        """The hand-written knowledge base's entries for a surface, without the Phoenix layer."""
        s = _POSSESSIVE.sub("", _ARTICLE.sub("", surface.strip(" \"'“”‘’"))).strip()
        return (self.exact.get(s) or self.folded.get(s.lower()) or []) if s else []

    def sector_term(self, term: str, kinds: tuple[str, ...] | None = None) -> SectorTerm | None:
        for t in self.sector_terms.get(term.lower(), ()):
            if kinds is None or t.kind in kinds:
                return t
        return None

    def country(self, iso3: str) -> ActorKey | None:
        return self.country_keys.get(iso3)

    def country_of(self, surface: str, kinds: tuple[str, ...] = ("country", "adjective", "people")) -> str | None:
        """The country a word or name gives through an entry of one of `kinds` ("Indian", "Kabul"), or None:
        the one place a country word is looked up."""
        for e in self.lookup(surface):
            if e.kind in kinds and e.key.country:
                return e.key.country
        return None

    def country_sector(self, iso3: str | None, sector: str | None) -> ActorKey:
        """The actor for a country's sector ("Syria government", code SYRGOV)."""
        if iso3 is None:
            label = SECTOR_LABELS.get(sector or "", (sector or "unknown").lower())
            return ActorKey("group", label, sector, None, sector)
        country = self.country_keys.get(iso3)
        name = country.name if country else iso3
        if sector is None:
            return country or ActorKey("country", name, iso3, iso3, None)
        label = SECTOR_LABELS.get(sector, sector.lower())
        return ActorKey("group", f"{name} {label}", f"{iso3}{sector}", iso3, sector)


def phoenix_person(name: str, code: str, countries: frozenset[str]) -> ActorKey:
    """A Phoenix office-holder's key for one of their codes: country and role (INDGOVAGR → INDGOV)."""
    country, sector = phoenix.split_code(code, countries)
    if code.startswith("IGO"):
        return ActorKey("person", name, code[:6], None, "IGO")
    return ActorKey("person", name, person_code(country, sector) or code, country, sector)


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def person_code(country: str | None, sector: str | None) -> str | None:
    if country and sector:
        return country + sector
    return country or sector


@cache
def knowledge_base() -> KnowledgeBase:
    """The process-wide knowledge base, built on first use (or read from the on-disk cache)."""
    from newsgraph.cache import cached

    return cached("kb", KnowledgeBase, ("newsgraph.actors.kb", "newsgraph.actors.phoenix"))


def extended_knowledge_base(actors: Iterable[ExtraActor] = (), terms: Iterable[SectorTerm] = ()) -> KnowledgeBase:
    """The process-wide knowledge base plus extra actors and sector terms, as a new object: pass it to
    `analyze_articles(..., kb=...)` for one run; the shared knowledge base is not touched."""
    return knowledge_base().extended(actors, terms)
