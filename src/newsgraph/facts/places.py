"""Places: place names resolved offline through the gazetteer to a country, region or city with coordinates.

Find, then resolve. Candidates are the model's GPE/LOC/FAC entities, widened to the longest name the gazetteer
knows ("North" + "Korea" is "North Korea"), plus proper names the model left unlabelled or mislabelled that
the gazetteer knows as a country, a region or a sizeable city. Not places (traps): words of a person's name
("Ban" in "Ban Ki-moon", "Lester" when the article names Lester Holt), a sentence-opening verb ("Say Mexico
demanded..."), a compass word alone ("the North"), the head of a longer name ("Eastern District of New York"),
a word of an organisation's name ("USA TODAY") or of a title ("The Atlantic"), a capital acting for its government ("Washington has
restated") and organisations.

Resolution: a qualifier after a comma ("Paris, Texas", "Selma, Ala.") settles it; otherwise a candidate's score
is its population's order of magnitude, plus bonuses for being a country or a region (they beat a same-named
small foreign city), for being a capital, for lying in the article's focus countries and regions, and for
being of the same kind as the names listed with it ("Georgia and Ukraine" are countries). Small places outside
the focus countries are not guessed at. A town too small for the gazetteer but qualified by its region
("Ashton, Md.") is placed at its region's centre point.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from newsgraph.actors import ActorIndex
from newsgraph.actors.kb import KnowledgeBase
from newsgraph.data import load_table
from newsgraph.facts.gazetteer import Gazetteer, GeoName
from newsgraph.knowledge import Knowledge
from newsgraph.record import Place

PLACE_LABELS = {"GPE", "LOC", "FAC"}
_FOCUS_KEY = "newsgraph.place_focus"  # where find_places leaves a doc's estimated country focus
COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                     "north-east", "north-west", "south-east", "south-west", "central", "upper", "lower",
                     "northern", "southern", "eastern", "western", "northeastern", "northwestern",
                     "southeastern", "southwestern", "north-eastern", "north-western", "south-eastern",
                     "south-western", "midwest", "mid-west"})
_DIRECTION = re.compile(r"^(?:north|south|east|west|central|northern|southern|eastern|western|"
                        r"north-?eastern|north-?western|south-?eastern|south-?western)\s+", re.IGNORECASE)
# "State of Virginia", "Ninewa Province", "Kent County": the region under its administrative title
_TITLED = re.compile(r"^(?:state|province|governorate|commonwealth) of\s+|\s+(?:state|province|governorate|"
                     r"region|oblast|prefecture|county|district)$", re.IGNORECASE)
_DASHES = ",(—―–-"  # what follows a dateline's place: "WASHINGTON (AP) —", "FLINT, Mich."
MISSED_CITY_POPULATION = 50_000  # a name the model did not call a place counts as a city only this large
UNFOCUSED_MIN_POPULATION = 15_000  # smaller places count only inside the article's focus countries
FOCUSED_SHARE = 0.05  # the focus weight from which a country counts as one of the article's
MAX_WIDEN = 2  # tokens a candidate may grow by on each side to make a name the gazetteer knows
QUALIFIER_TOKENS = 10  # how far after a place its qualifier and what follows it are read
ORG_WORDS = 3  # words after a place that may complete an organisation's name ("USA TODAY")
# score bonuses, in orders of magnitude of population
COUNTRY_BONUS = 1.0
REGION_BONUS = 0.5
CAPITAL_BONUS = 1.0
FOCUS_BONUS = 1.0  # times the focus weight of the candidate's country
REGION_FOCUS_BONUS = 2.0  # times the share of the article's region mentions naming the candidate's region
LIST_BONUS = 1.0  # same feature as the names listed with it
DATELINE_CITY_BONUS = 2.0  # a dateline names a city ("WASHINGTON (AP) —" is not the state)
TOWN_MAX_POPULATION = 100_000  # a qualified name whose namesakes are all larger is no small town
ALIAS_PENALTY = 1.0  # known only by an alternate name (often another language's)
# a region named after its dominant city ("Aleppo", "New York") stands for the city when the city holds this share
CITY_SHARE_OF_REGION = 0.3


@dataclass(frozen=True)
class Focus:
    """Where an article is: country weights (ISO3 → share) and region weights ((ISO3, admin1) → share)."""

    countries: dict[str, float]
    regions: dict[tuple[str, str | None], float]


@cache
def _verb_lemmas() -> frozenset[str]:
    """Verbs newsgraph's lexicons know: a capitalised one opening a sentence is a verb, not a place."""
    verbs = {row["lemma"] for row in load_table("verbs.tsv") if row["pos"] == "VERB"}
    return frozenset(verbs | {row["lemma"] for row in load_table("cues.tsv")})


def find_places(doc: Doc, actors: ActorIndex, knowledge: Knowledge, in_: str | None = None,
                focus: dict[str, float] | None = None) -> list[Place]:
    """Places named in `doc`; `focus` (ISO3 → weight) is the article's country focus, else one is estimated
    from the place names and actors' countries."""
    gaz, kb = knowledge.gazetteer, knowledge.actors
    spans = _place_spans(doc, actors, in_, gaz, kb)
    estimated = _estimate_focus(spans, actors, gaz)
    doc.user_data[_FOCUS_KEY] = estimated.countries  # the title's places reuse the body's
    where = Focus(focus if focus is not None else estimated.countries, estimated.regions)
    first = {(s.start, s.end): _resolve(s, gaz, where, {}) for s in spans}
    places = []
    for k, span in enumerate(spans):
        kinds = _listed_features(k, spans, first)
        place = _resolve(span, gaz, where, kinds) if kinds else first[(span.start, span.end)]
        if place is not None:
            places.append(_record(place, in_, gaz))
    return places


def place_focus(doc: Doc, actors: ActorIndex, knowledge: Knowledge) -> dict[str, float]:
    """An article's country focus (ISO3 → weight summing to 1) from its place names and actors' countries:
    the fallback until the actor stage gives one."""
    if _FOCUS_KEY not in doc.user_data:
        gaz = knowledge.gazetteer
        doc.user_data[_FOCUS_KEY] = _estimate_focus(_place_spans(doc, actors, None, gaz, knowledge.actors), actors,
                                                    gaz).countries
    return doc.user_data[_FOCUS_KEY]


# -- finding ---------------------------------------------------------------


def _place_spans(doc: Doc, actors: ActorIndex, in_: str | None, gaz: Gazetteer, kb: KnowledgeBase) -> list[Span]:
    """Candidate spans that are not traps, each once, in text order."""
    part = "title" if in_ else "body"
    people = _person_name_words(doc)
    seen, out = set(), []
    for span in _candidates(doc, actors, part, gaz, kb):
        if (span.start, span.end) not in seen and not _trap(span, gaz, people, kb):
            seen.add((span.start, span.end))
            out.append(span)
    return sorted(out, key=lambda s: s.start)


def _candidates(doc: Doc, actors: ActorIndex, part: str, gaz: Gazetteer, kb: KnowledgeBase) -> list[Span]:
    """Entity spans and untagged proper-name runs that may be places, widened to whole known names."""
    out = []
    for span in [*doc.ents, *_untagged_proper_names(doc)]:
        if span.label_ == "PERSON":
            continue
        span = _widen(_trim(span), gaz)
        if span is None:
            continue
        if span.label_ not in PLACE_LABELS and not _known_place(span.text, gaz):
            continue
        if _acting(span, actors, part, kb) and not _dateline(span):
            continue
        out.append(span)
    return out


def _acting(span: Span, actors: ActorIndex, part: str, kb) -> bool:
    """Whether the span names an actor rather than a place: an organisation, a person, or a capital acting
    for its government ("Washington has restated"). A place inside a description ("the Indiana governor")
    stays a place."""
    actor_id = actors.actor_at(span.root, part)
    if actor_id is None:
        return False
    mention = actors.mention_at(span.root, part)
    if mention is not None and mention.kind == "nominal":
        return False
    actor = next((a for a in actors.actors if a.id == actor_id), None)
    return actor is not None and (actor.type in ("organization", "igo", "person") or _metonym(span.text, kb))


def _dateline(span: Span) -> bool:
    """'WASHINGTON (AP) —', 'FLINT, Mich.': an upper-case place opening a paragraph is where the story is."""
    doc = span.doc
    opens = span.start == 0 or "\n" in doc[span.start - 1].text_with_ws
    after = doc[span.end].text if span.end < len(doc) else ""
    return opens and span.text.isupper() and bool(after) and after[0] in _DASHES


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
    left = _capitalised_run(doc, range(span.start - 1, max(span.start - MAX_WIDEN, 0) - 1, -1))
    right = _capitalised_run(doc, range(span.end, min(span.end + MAX_WIDEN, len(doc))))
    for grow_left in range(left, -1, -1):
        for grow_right in range(right, -1, -1):
            start, end = span.start - grow_left, span.end + grow_right
            if end - start > len(best) and gaz.lookup(doc[start:end].text, aliases=False):
                best = Span(doc, start, end, label=span.label_)
    return best


def _capitalised_run(doc: Doc, positions: range) -> int:
    """How many tokens at `positions`, in order, are capitalised words."""
    n = 0
    for i in positions:
        if not (doc[i].text[:1].isupper() and doc[i].is_alpha):
            break
        n += 1
    return n


def _known_place(name: str, gaz: Gazetteer) -> bool:
    """A name the model did not call a place that the gazetteer knows as a country, a region or a large city
    ("Aleppo" tagged NORP, "DPRK" tagged ORG)."""
    return any(p.feature != "city" or p.population >= MISSED_CITY_POPULATION for p in gaz.lookup(name, aliases=False)) \
        or any(p.feature == "country" for p in gaz.lookup(name))


def _metonym(text: str, kb) -> bool:
    entries = kb.lookup(text)
    return bool(entries) and all(e.kind in ("capital", "seat") for e in entries)


def _person_name_words(doc: Doc) -> frozenset[str]:
    """Words of the multi-word person names in the text ("Lester" of "Lester Holt")."""
    return frozenset(t.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent
                     if t.is_alpha)


def _trap(span: Span, gaz: Gazetteer, people: frozenset[str], kb: KnowledgeBase) -> bool:
    """A word that only looks like a place here."""
    doc = span.doc
    if all(t.lower_ in COMPASS for t in span):
        return True  # "the North", "the South's main hubs"
    if len(span) == 1 and _opening_verb(span[0]):
        return True  # "Say ...", "Ban, a diplomat ..."
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if _in_person_name(before) or _in_person_name(after):
        return True  # "Ban" + "Ki-moon"
    is_country = any(p.feature == "country" for p in gaz.lookup(span.text))
    if len(span) == 1 and span.text in people and not (is_country and span.label_ == "GPE"):
        return True  # "Lester" in an article about Lester Holt
    if not is_country and after is not None and after.lower_ == "of" and span.end + 1 < len(doc) \
            and doc[span.end + 1].text[:1].isupper():
        return True  # "Eastern District of New York": the head of a longer name
    return _in_organisation_name(span, kb) or _titled_work(span, gaz)


def _titled_work(span: Span, gaz: Gazetteer) -> bool:
    """'a writer for The Atlantic': a capitalised "The" inside a sentence names a publication or a work, unless
    the name is a country, a region or a large city."""
    doc = span.doc
    the = doc[span.start - 1] if span.start > 0 else None
    if the is None or the.text != "The" or the.is_sent_start:
        return False
    return all(p.feature == "city" and p.population < TOWN_MAX_POPULATION for p in gaz.lookup(span.text))


def _in_organisation_name(span: Span, kb: KnowledgeBase) -> bool:
    """'USA TODAY', 'Washington Post': the place word begins an organisation the knowledge base knows."""
    doc, end = span.doc, span.end
    for n in range(1, ORG_WORDS + 1):
        if end + n > len(doc) or not doc[end + n - 1].text[:1].isupper():
            break
        if any(e.kind in ("org", "igo") for e in kb.lookup(doc[span.start:end + n].text)):
            return True
    return False


def _opening_verb(token: Token) -> bool:
    """A capitalised verb opening a sentence ("Say", "Ban"): the tagger often calls it a proper noun."""
    return token.is_sent_start and token.lower_ in _verb_lemmas()


def _in_person_name(token: Token | None) -> bool:
    """Whether `token` belongs to a person's name the model found (a place next to one is part of it)."""
    return token is not None and token.ent_type_ == "PERSON" and not token.is_punct


# -- resolving -------------------------------------------------------------


def _estimate_focus(spans: list[Span], actors: ActorIndex, gaz: Gazetteer) -> Focus:
    """The article's countries, weighted by mentions (unambiguous place names and actors' countries), and
    the regions its unambiguous region names point to."""
    countries: Counter[str] = Counter()
    regions: Counter[tuple[str, str | None]] = Counter()
    for span in spans:
        name = _DIRECTION.sub("", span.text)
        country = gaz.unambiguous_country(name)
        if country:
            countries[country] += 1
            named = gaz.lookup(name)
            if len(named) == 1 and named[0].feature == "region":  # not "Mexico", the state's namesake
                regions[(named[0].country, named[0].admin1)] += 1
    for a in actors.actors:
        if a.country:
            countries[a.country] += len(a.mentions)
    total, in_regions = sum(countries.values()) or 1, sum(regions.values()) or 1
    return Focus({c: n / total for c, n in countries.items()}, {r: n / in_regions for r, n in regions.items()})


def _listed_features(k: int, spans: list[Span], first: dict) -> set[str]:
    """Features of the places listed with spans[k] ("Georgia and Ukraine", "Florida, Virginia"): its
    neighbours in text order, when only a comma or a conjunction stands between them."""
    span = spans[k]
    kinds = set()
    for other in spans[max(k - 1, 0): k] + spans[k + 1: k + 2]:
        lo, hi = (other, span) if other.start < span.start else (span, other)
        between = span.doc[lo.end:hi.start]
        if 0 < len(between) <= 2 and all(t.text in (",", "and", "or", "&") for t in between):
            resolved = first.get((other.start, other.end))
            if resolved is not None and resolved[0] is not None:
                kinds.add(resolved[0].feature)
    return kinds


def _resolve(span: Span, gaz: Gazetteer, focus: Focus, listed: set[str]):
    """(GeoName or None, name, start, end, label) for a candidate span; None when it is no place at all."""
    name, start, end = span.text, span.start_char, span.end_char
    options = gaz.lookup(name)
    for pattern in (_DIRECTION, _TITLED):  # "northern Syria" is in Syria; "North Korea" is known whole
        bare = pattern.sub("", name)
        if not options and bare != name and bare:
            offset = name.find(bare)
            name, start, end, options = bare, start + offset, start + offset + len(bare), gaz.lookup(bare)
    by_name = {_key(p) for p in gaz.lookup(name, aliases=False)}
    # a country is never qualified ("Georgia, Ukraine" is a list); a region only by a country ("Tripoli, Lebanon":
    # the Lebanese city, not Libya's Tripoli district), as a region beside a region is a list ("Florida, New York",
    # though New York state has a village called Florida)
    cities = [p for p in options if p.feature == "city"]
    qualifier = _qualifier(span, gaz) if (cities or not options) and \
        not any(p.feature == "country" for p in options) else None  # "Kenansville, N.C.": a town it lacks
    if qualifier is not None and len(cities) < len(options) and (qualifier.feature != "country" or any(
            p.feature == "region" and p.country == qualifier.country for p in options)):
        qualifier = None  # ... and "New York, USA" may be the state as well as the city: left to the scores
    inside = [p for p in cities if p.country == qualifier.country
              and (qualifier.feature == "country" or p.admin1 == qualifier.admin1)] if qualifier is not None else []
    if qualifier is not None and not inside and len(cities) == len(options) and qualifier.feature == "region" \
            and all(p.population < TOWN_MAX_POPULATION for p in options):
        return _town_in(qualifier), name, start, end, span.label_  # a town too small for the gazetteer
    if qualifier is None:
        options = [p for p in options if _plausible(p, focus)]
    options = inside or options
    if not options:
        return (None, name, start, end, span.label_) if span.label_ in PLACE_LABELS else None
    dateline = _dateline(span)
    best = max(options, key=lambda p: _score(p, focus, _key(p) in by_name, listed)
               + (DATELINE_CITY_BONUS if dateline and p.feature == "city" else 0.0))
    return _city_for_its_region(best, options), name, start, end, span.label_


def _key(place: GeoName) -> tuple:
    return place.feature, place.country, place.admin1, place.geonameid, place.name


def _plausible(place: GeoName, focus: Focus) -> bool:
    """Countries anywhere; smaller places outside the article's countries only when sizeable."""
    return place.feature == "country" or place.population >= UNFOCUSED_MIN_POPULATION \
        or focus.countries.get(place.country, 0.0) >= FOCUSED_SHARE


def _qualifier(span: Span, gaz: Gazetteer) -> GeoName | None:
    """'Paris, Texas' / 'Selma, Ala.' / 'Geneva, Switzerland': the region or country named right after."""
    doc = span.doc
    after = doc[span.end:min(span.end + QUALIFIER_TOKENS, len(doc))].text  # not doc.text: it joins every token
    m = re.match(r",\s+((?:[A-Z][\w.’'-]*\s?){1,3})", after)
    if not m or re.match(r",?\s+(?:and|or)\s", after[m.end():m.end() + 6]):
        return None  # "Houston, New York, and New Jersey" is a list
    words = m.group(1).split()
    for n in range(len(words), 0, -1):  # the longest known name: "New South Wales", not "New"
        known = [p for p in gaz.lookup(" ".join(words[:n])) if p.feature in ("country", "region")]
        if known:
            return max(known, key=lambda p: p.population)
    return None


def _town_in(region: GeoName) -> GeoName:
    """A place known only as lying in `region`: the region's country, code and centre point."""
    return GeoName(region.name, "city", region.country, region.admin1, region.adm1, region.lat, region.lon, 0,
                   None)


def _score(place: GeoName, focus: Focus, by_name: bool, listed: set[str]) -> float:
    """How likely a candidate is meant: population's magnitude, feature, capital, focus, listing, own name."""
    score = math.log10(max(place.population, 10))
    score += COUNTRY_BONUS if place.feature == "country" else REGION_BONUS if place.feature == "region" else 0.0
    score += CAPITAL_BONUS if place.capital else 0.0
    score += FOCUS_BONUS * focus.countries.get(place.country, 0.0)
    score += REGION_FOCUS_BONUS * focus.regions.get((place.country, place.admin1), 0.0) \
        if place.feature != "country" else 0.0
    score += LIST_BONUS if place.feature in listed else 0.0
    return score - (0.0 if by_name else ALIAS_PENALTY)


def _city_for_its_region(best: GeoName, options: list[GeoName]) -> GeoName:
    """A region named after the city that dominates it ("Aleppo", "New York") stands for that city."""
    if best.feature != "region":
        return best
    cities = [p for p in options if p.feature == "city" and p.country == best.country and p.admin1 == best.admin1
              and p.population >= CITY_SHARE_OF_REGION * best.population]
    return max(cities, key=lambda p: p.population) if cities else best


def _record(resolved: tuple, in_: str | None, gaz: Gazetteer) -> Place:
    """The record's Place for a resolved candidate."""
    best, name, start, end, _ = resolved
    if best is None:
        return Place(start, end, name, None, None, None, None, in_)
    region = gaz.region_of(best) if best.feature != "country" else None
    admin1 = region.adm1 if region else best.adm1 if best.feature != "country" else None
    return Place(start, end, name, best.country, _round(best.lat), _round(best.lon), best.geonameid, in_,
                 feature=best.feature, admin1=admin1)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 5)
