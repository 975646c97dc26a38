"""Places: place names resolved offline through the gazetteer to a country, region or city with coordinates.

Find, then resolve. Candidates are the model's GPE/LOC/FAC entities, widened to the longest name the gazetteer
knows ("North" + "Korea" is "North Korea"), plus proper names the model left unlabelled or mislabelled that
the gazetteer knows as a country, a region or a sizeable city. Not places: words of a person's name ("Ban"
in "Ban Ki-moon"), a sentence-initial verb ("Say Mexico demanded..."), a compass word alone ("the North"),
a capital acting for its government ("Washington has restated") and organisations.

Resolution: a qualifier after a comma ("Paris, Texas") settles it; otherwise a candidate's score is its
population's order of magnitude, plus a bonus for being a country or a region (they beat a same-named
small foreign city), for being a capital, and for lying in the article's focus countries.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache

from spacy.tokens import Doc, Span, Token

from newsgraph.actors import ActorIndex, knowledge_base
from newsgraph.data import load_table
from newsgraph.facts.gazetteer import Gazetteer, GeoName, gazetteer
from newsgraph.record import Place

PLACE_LABELS = {"GPE", "LOC", "FAC"}
COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                     "north-east", "north-west", "south-east", "south-west", "central", "upper", "lower",
                     "northern", "southern", "eastern", "western", "northeastern", "northwestern",
                     "southeastern", "southwestern", "north-eastern", "north-western", "south-eastern",
                     "south-western", "midwest", "mid-west"})
_DIRECTION = re.compile(r"^(?:north|south|east|west|central|northern|southern|eastern|western|"
                        r"north-?eastern|north-?western|south-?eastern|south-?western)\s+", re.IGNORECASE)
MISSED_CITY_POPULATION = 50_000  # a name the model did not call a place counts as a city only this large
MAX_WIDEN = 2  # tokens a candidate may grow by on each side to make a name the gazetteer knows
# score bonuses, in orders of magnitude of population
COUNTRY_BONUS = 1.0
REGION_BONUS = 0.5
CAPITAL_BONUS = 1.0
FOCUS_BONUS = 1.5  # times the focus weight of the candidate's country
ALIAS_PENALTY = 1.0  # known only by an alternate name (often another language's)
# a region named after its dominant city ("Aleppo", "New York") stands for the city when the city holds this share
CITY_SHARE_OF_REGION = 0.3


@cache
def _verb_lemmas() -> frozenset[str]:
    """Verbs newsgraph's lexicons know: a capitalised one opening a sentence is a verb, not a place."""
    verbs = {row["lemma"] for row in load_table("verbs.tsv") if row["pos"] == "VERB"}
    return frozenset(verbs | {row["lemma"] for row in load_table("cues.tsv")})


def find_places(doc: Doc, actors: ActorIndex, in_: str | None = None,
                focus: dict[str, float] | None = None) -> list[Place]:
    """Places named in `doc`; `focus` (ISO3 → weight) is the article's country focus, else one is estimated."""
    gaz = gazetteer()
    spans = _place_spans(doc, actors, in_)
    if focus is None:
        focus = _fallback_focus(spans, actors, gaz)
    places, seen = [], set()
    for span in spans:
        if (span.start_char, span.end_char) in seen:
            continue
        seen.add((span.start_char, span.end_char))
        place = _resolve(span, doc.text, gaz, focus, in_)
        if place is not None:
            places.append(place)
    return places


def place_focus(doc: Doc, actors: ActorIndex) -> dict[str, float]:
    """An article's country focus (ISO3 → weight summing to 1) from its place names and actors' countries:
    the fallback until the actor stage gives one."""
    return _fallback_focus(_place_spans(doc, actors, None), actors, gazetteer())


def _place_spans(doc: Doc, actors: ActorIndex, in_: str | None) -> list[Span]:
    """Candidate spans that are not traps."""
    part = "title" if in_ else "body"
    return [s for s in _candidates(doc, actors, part, gazetteer()) if not _trap(s)]


def _candidates(doc: Doc, actors: ActorIndex, part: str, gaz: Gazetteer) -> list[Span]:
    """Entity spans and untagged proper-name runs that may be places, widened to whole known names."""
    kb = knowledge_base()
    actor_by_id = {a.id: a for a in actors.actors}
    out = []
    for span in [*doc.ents, *_untagged_proper_names(doc)]:
        if span.label_ == "PERSON":
            continue
        span = _widen(_trim(span), gaz)
        if span is None:
            continue
        if span.label_ not in PLACE_LABELS and not _known_place(span.text, gaz):
            continue
        actor = actor_by_id.get(actors.actor_at(span.root, part) or "")
        if actor is not None and (actor.type in ("organization", "igo", "person") or _metonym(span.text, kb)):
            continue  # a capital acting for its government ("Washington has restated"), or an organisation
        out.append(span)
    return sorted(out, key=lambda s: s.start_char)


def _untagged_proper_names(doc: Doc) -> list[Span]:
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


def _trim(span: Span) -> Span | None:
    """The span without a leading "the" or sentence-opening verb ("Say Mexico demanded") and a trailing
    possessive."""
    start, end = span.start, span.end
    while start < end and (span.doc[start].lower_ in ("the", "'s", "’s") or _opening_verb(span.doc[start])):
        start += 1
    while end > start and span.doc[end - 1].lower_ in ("'s", "’s", "’", "'"):
        end -= 1
    return Span(span.doc, start, end, label=span.label_) if end > start else None


def _widen(span: Span | None, gaz: Gazetteer) -> Span | None:
    """The longest span around `span` over adjacent capitalised words that the gazetteer knows by its own
    name ("North" before "Korea", "Sudan" after "South"); `span` itself when no longer name is known."""
    if span is None:
        return None
    doc, best = span.doc, span
    for left in range(MAX_WIDEN, -1, -1):
        for right in range(MAX_WIDEN, -1, -1):
            start, end = span.start - left, span.end + right
            if (left == right == 0) or start < 0 or end > len(doc) or end - start <= len(best):
                continue
            extra = [*doc[start:span.start], *doc[span.end:end]]
            if not all(t.text[:1].isupper() and t.is_alpha for t in extra):
                continue
            if gaz.lookup(doc[start:end].text, aliases=False):
                best = Span(doc, start, end, label=span.label_)
    return best


def _known_place(name: str, gaz: Gazetteer) -> bool:
    """A name the model did not call a place that the gazetteer knows as a country, region or large city."""
    return any(p.feature != "city" or p.population >= MISSED_CITY_POPULATION for p in gaz.lookup(name, aliases=False))


def _metonym(text: str, kb) -> bool:
    entries = kb.lookup(text)
    return bool(entries) and all(e.kind in ("capital", "seat") for e in entries)


def _trap(span: Span) -> bool:
    """A word that only looks like a place here: part of a person's name, a sentence-opening verb, a compass
    word alone."""
    doc = span.doc
    if all(t.lower_ in COMPASS for t in span):
        return True
    if len(span) == 1 and _opening_verb(span[0]):
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    return _in_person_name(before) or _in_person_name(after)


def _opening_verb(token: Token) -> bool:
    """A capitalised verb opening a sentence ("Say", "Ban"): the tagger often calls it a proper noun."""
    return token.is_sent_start and token.lower_ in _verb_lemmas()


def _in_person_name(token: Token | None) -> bool:
    """Whether `token` belongs to a person's name the model found (a place next to one is part of it)."""
    return token is not None and token.ent_type_ == "PERSON" and not token.is_punct


def _fallback_focus(spans: list[Span], actors: ActorIndex, gaz: Gazetteer) -> dict[str, float]:
    """The article's countries, weighted by mentions: unambiguous place names and actors' countries."""
    mentioned: Counter[str] = Counter()
    for span in spans:
        country = gaz.unambiguous_country(_DIRECTION.sub("", span.text))
        if country:
            mentioned[country] += 1
    for a in actors.actors:
        if a.country:
            mentioned[a.country] += len(a.mentions)
    total = sum(mentioned.values()) or 1
    return {c: n / total for c, n in mentioned.items()}


def _qualifier(text: str, end: int, gaz: Gazetteer) -> GeoName | None:
    """'Paris, Texas' / 'Geneva, Switzerland': the region or country named right after a place."""
    m = re.match(r",\s+((?:[A-Z][\w.’'-]*\s?){1,3})", text[end:end + 40])
    if not m:
        return None
    words = m.group(1).split()
    for n in range(len(words), 0, -1):  # the longest known name: "New South Wales", not "New"
        known = [p for p in gaz.lookup(" ".join(words[:n]), aliases=False) if p.feature in ("country", "region")]
        if known:
            return max(known, key=lambda p: p.population)
    return None


def _resolve(span: Span, text: str, gaz: Gazetteer, focus: dict[str, float], in_: str | None) -> Place | None:
    """The Place a candidate span names, or None for a name the gazetteer does not know and the model
    did not call a place."""
    name, start, end = span.text, span.start_char, span.end_char
    options = gaz.lookup(name)
    bare = _DIRECTION.sub("", name)  # "northern Syria" is in Syria; "North Korea" is known whole
    if not options and bare != name:
        name, start, options = bare, end - len(bare), gaz.lookup(bare)
    primary = {(p.feature, p.country, p.admin1, p.geonameid) for p in gaz.lookup(name, aliases=False)}
    qualifier = _qualifier(text, span.end_char, gaz)
    if qualifier is not None:
        inside = [p for p in options if p.country == qualifier.country
                  and (qualifier.feature == "country" or p.admin1 == qualifier.admin1)]
        options = inside or options
    if not options:
        if span.label_ not in PLACE_LABELS:
            return None
        return Place(start, end, name, None, None, None, None, in_)
    best = max(options, key=lambda p: _score(p, focus, (p.feature, p.country, p.admin1, p.geonameid) in primary))
    best = _city_for_its_region(best, options)
    return _place(best, start, end, name, gaz, in_)


def _score(place: GeoName, focus: dict[str, float], by_name: bool) -> float:
    """How likely a candidate is meant: population's magnitude, feature, capital, focus, own name."""
    score = math.log10(max(place.population, 10))
    score += COUNTRY_BONUS if place.feature == "country" else REGION_BONUS if place.feature == "region" else 0.0
    score += CAPITAL_BONUS if place.capital else 0.0
    score += FOCUS_BONUS * focus.get(place.country, 0.0)
    return score - (0.0 if by_name else ALIAS_PENALTY)


def _city_for_its_region(best: GeoName, options: list[GeoName]) -> GeoName:
    """A region named after the city that dominates it ("Aleppo", "New York") stands for that city."""
    if best.feature != "region":
        return best
    cities = [p for p in options if p.feature == "city" and p.country == best.country and p.admin1 == best.admin1
              and p.population >= CITY_SHARE_OF_REGION * best.population]
    return max(cities, key=lambda p: p.population) if cities else best


def _place(best: GeoName, start: int, end: int, name: str, gaz: Gazetteer, in_: str | None) -> Place:
    region = gaz.region_of(best) if best.feature != "country" else None
    return Place(start, end, name, best.country, _round(best.lat), _round(best.lon), best.geonameid, in_,
                 feature=best.feature, admin1=region.adm1 if region else best.adm1 if best.feature != "country"
                 else None)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 5)
