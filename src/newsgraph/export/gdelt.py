"""GDELT-compatible projections of stored records.

Events 2.0: one 61-column tab-separated row per event (GDELT 2.0 Event
Codebook). GKG 2.1: one 27-column row per document (GDELT GKG 2.1 Codebook).
Columns newsgraph does not compute (themes, GCAM, images) are left empty,
never faked; README's "GDELT columns" says where every value comes from.

Dates are GDELT's: GDELT dates an event by the article it saw, so an event's
day is its own full date when the text gives one, else the article's
publication date, else the day newsgraph stored the article; DATEADDED is when
the record was stored. Geography is in `export.geo`. Geographic country codes
are FIPS 10-4 as in GDELT; actor country codes are CAMEO (ISO 3166 alpha-3).
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any
from urllib.parse import urlparse
from xml.sax.saxutils import escape

from newsgraph.export.geo import NO_PLACE, country_place, resolve

EVENT_COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{c}" for n in (1, 2) for c in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{c}" for who in ("Actor1", "Actor2", "Action") for c in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)
GKG_COLUMNS = (
    "GKGRECORDID", "V2.1DATE", "V2SOURCECOLLECTIONIDENTIFIER", "V2SOURCECOMMONNAME", "V2DOCUMENTIDENTIFIER",
    "V1COUNTS", "V2.1COUNTS", "V1THEMES", "V2ENHANCEDTHEMES", "V1LOCATIONS", "V2ENHANCEDLOCATIONS",
    "V1PERSONS", "V2ENHANCEDPERSONS", "V1ORGANIZATIONS", "V2ENHANCEDORGANIZATIONS", "V1.5TONE",
    "V2.1ENHANCEDDATES", "V2GCAM", "V2.1SHARINGIMAGE", "V2.1RELATEDIMAGES", "V2.1SOCIALIMAGEEMBEDS",
    "V2.1SOCIALVIDEOEMBEDS", "V2.1QUOTATIONS", "V2.1ALLNAMES", "V2.1AMOUNTS", "V2.1TRANSLATIONINFO",
    "V2EXTRASXML",
)
TONE_FIELDS = ("tone", "positive", "negative", "polarity", "activity", "self_group", "words")
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW"}
ORGANISATION_TYPES = {"organization", "igo", "group"}
PLACE_OR_PEOPLE = {"GPE", "LOC", "FAC", "NORP"}
# GKG 2.1 enhanced-date resolutions: 1 year only, 2 month and year, 3 day, month and year (4, month and day
# without a year, never occurs: newsgraph resolves every date against the publication date).
YEAR, MONTH_YEAR, FULL_DATE = 1, 2, 3
ID_BITS = 52  # a GlobalEventID below 2^53 is exact as a JSON or JavaScript number


def _clean(value: Any, forbidden: str = "") -> str:
    """A field value with no tab or newline (and none of the field's own delimiters)."""
    if value is None:
        return ""
    text = re.sub(r"[\t\r\n]+", " ", str(value))
    for ch in forbidden:
        text = text.replace(ch, " ")
    return " ".join(text.split())


def _number(value: float | int | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _full_date(value: str | None) -> date | None:
    if value and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _stamp(day: date | datetime) -> str:
    """GDELT's YYYYMMDDHHMMSS."""
    return day.strftime("%Y%m%d%H%M%S")


def document_day(doc: dict[str, Any], stored_at: datetime) -> datetime:
    """The day GDELT would date the article by: its publication date, else the time it was stored."""
    published = _full_date(doc.get("published"))
    return datetime(published.year, published.month, published.day) if published else stored_at


def event_id_number(doc_id: str, event_id: str) -> int:
    """A stable 52-bit GlobalEventID for (document, event): the same on every export of the same store."""
    return int(hashlib.sha256(f"{doc_id}/{event_id}".encode()).hexdigest(), 16) >> (256 - ID_BITS)


def _actor_columns(actor: dict[str, Any] | None) -> list[str]:
    """The ten actor columns; an actor without a CAMEO code is left out whole (GDELT names only coded actors)."""
    if not actor or not actor.get("code"):
        return [""] * 10
    code = actor["code"]
    known_group = code[3:6] if code.startswith("IGO") else ""
    # a quote mark opening a field makes csv-module readers (gdelt-py's) read on past the tab
    return [code, _clean(actor["name"], '"').upper(), actor.get("country") or "", known_group, "", "", "",
            actor.get("sector") or "", "", ""]


def _actor_geo(actor: dict[str, Any] | None) -> tuple[str, ...]:
    """GDELT's Actor geography: the coded actor's country."""
    if not actor or not actor.get("code"):
        return NO_PLACE
    place = country_place(actor.get("country"))
    return place.fields() if place else NO_PLACE


def _location_of(event: dict[str, Any], places: list[dict[str, Any]]) -> dict[str, Any] | None:
    location = event.get("location")
    if location is None:
        return None
    for place in places:
        if str(location) in (place["text"], str(place.get("geonames"))):
            return place
    return None


def _action_geo(event: dict[str, Any], places: list[dict[str, Any]]) -> tuple[str, ...]:
    place = _location_of(event, places)
    resolved = resolve(place) if place else None
    return resolved.fields() if resolved else NO_PLACE


def _tone(doc: dict[str, Any]) -> str:
    tone = doc.get("tone")
    return _number(tone["tone"]) if tone else ""


def event_rows(record: dict[str, Any], stored_at: datetime, only: set[str] | None = None) -> Iterator[list[str]]:
    """GDELT 2.0 Event rows for one record stored at `stored_at` (UTC); `only` keeps those event ids."""
    doc = record["document"]
    actors = {a["id"]: a for a in record["actors"]}
    lead_end = doc["paragraphs"][0][1] if doc["paragraphs"] else 0
    fallback = document_day(doc, stored_at).date()
    for event in record["events"]:
        if only is not None and event["id"] not in only:
            continue
        day = _full_date(event.get("date")) or fallback
        source, target = actors.get(event.get("source")), actors.get(event.get("target"))
        evidence = event["evidence"]
        is_root = evidence.get("in") == "title" or evidence["start"] < lead_end
        cameo = event["cameo"]
        row = [
            str(event_id_number(doc["id"], event["id"])),
            day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year),
            f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}",
            *_actor_columns(source), *_actor_columns(target),
            "1" if is_root else "0", cameo, cameo[:3], event["root"], str(event["quad_class"]),
            _number(event["goldstein"]), "1", "1", "1", _tone(doc),
            *_actor_geo(source), *_actor_geo(target), *_action_geo(event, record["places"]),
            _stamp(stored_at),
            _clean(doc.get("url") or doc.get("input_id")),
        ]
        assert len(row) == len(EVENT_COLUMNS)
        yield row


def date_field(value: str) -> str | None:
    """GDELT's resolution#month#day#year for an ISO date, year-month or year; None for others (weeks...)."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        return None
    year, month, day = m.groups()
    if day:
        return f"{FULL_DATE}#{int(month)}#{int(day)}#{year}"
    if month:
        return f"{MONTH_YEAR}#{int(month)}#0#{year}"
    return f"{YEAR}#0#0#{year}"


def _counts(record: dict[str, Any]) -> tuple[list[str], list[str], list[str]]:
    """V1COUNTS, V2.1COUNTS and V2.1AMOUNTS items."""
    v1, v2, amounts = [], [], []
    for c in record["counts"]:
        base = f"{_clean(c['kind'], '#;')}#{_number(c['number'])}#{_clean(c.get('object'), '#;')}#######"
        v1.append(base)
        v2.append(f"{base}#{c['start']}")
        amounts.append(f"{_number(c['number'])},{_clean(c.get('object') or c['kind'], ',;')},{c['start']}")
    return v1, v2, amounts


def _locations(record: dict[str, Any]) -> tuple[list[str], list[str]]:
    """V1LOCATIONS (each place once) and V2ENHANCEDLOCATIONS (each mention, with its offset) items."""
    v1, v2 = {}, []
    for place in record["places"]:
        resolved = resolve(place) if place.get("in") != "title" else None
        if resolved is None:
            continue
        kind, name, country, adm1, adm2, lat, lon, feature = resolved.fields()
        v1.setdefault((name, feature), "#".join((kind, name, country, adm1, lat, lon, feature)))
        v2.append("#".join((kind, name, country, adm1, adm2, lat, lon, feature, str(place["start"]))))
    return list(v1.values()), v2


def _names(record: dict[str, Any], types: set[str]) -> tuple[list[str], list[str]]:
    """V1 (each name once, lower-cased as GDELT does) and V2 (name as it appears, offset) items for the
    actors of these types, from their name mentions in the body; a place or nationality standing for an
    organisation ("Washington has restated", "the Syrians") is a location or group name, not one."""
    not_names = {e["start"] for e in record["entities"] if e["label"] in PLACE_OR_PEOPLE and e.get("in") != "title"}
    v1, v2 = [], []
    for actor in record["actors"]:
        if actor["type"] not in types:
            continue
        for m in actor["mentions"]:
            if m.get("kind", "name") != "name" or m.get("in") == "title" or m["start"] in not_names:
                continue
            name = _clean(m["text"], ",;#")
            if name:
                v1.append(name.lower())
                v2.append(f"{name},{m['start']}")
    return list(dict.fromkeys(v1)), v2


def _quotations(record: dict[str, Any]) -> tuple[list[str], list[str]]:
    """V2.1QUOTATIONS items (offset|length|verb|quote) and the speakers, as V2EXTRASXML elements."""
    actors = {a["id"]: a for a in record["actors"]}
    quotations, speakers = [], []
    for q in record["quotes"]:
        verb = (q.get("cue") or {}).get("text", "")
        quotations.append(f"{q['start']}|{q['end'] - q['start']}|{_clean(verb, '|#')}|{_clean(q['text'], '|#')}")
        speaker = actors.get(q.get("speaker"), {}).get("name")
        if speaker:
            speakers.append(f'<QUOTE_SPEAKER OFFSET="{q["start"]}">{escape(_clean(speaker))}</QUOTE_SPEAKER>')
    return quotations, speakers


def _listed(items: list[str], trailing: bool = False) -> str:
    return ";".join(items) + (";" if trailing and items else "")


def gkg_row(record: dict[str, Any], stored_at: datetime, sequence: int) -> list[str]:
    """The GDELT GKG 2.1 row for one record stored at `stored_at`, the `sequence`th row of its export."""
    doc = record["document"]
    stamp = _stamp(document_day(doc, stored_at))
    url = doc.get("url")
    counts_v1, counts_v2, amounts = _counts(record)
    locations_v1, locations_v2 = _locations(record)
    persons_v1, persons_v2 = _names(record, {"person"})
    orgs_v1, orgs_v2 = _names(record, ORGANISATION_TYPES)
    dates = [f"{field}#{d['start']}" for d in record["dates"]
             if d.get("value") and d.get("in") != "title" and (field := date_field(d["value"]))]
    quotations, speakers = _quotations(record)
    all_names = [f"{_clean(e['text'], ',;#')},{e['start']}" for e in record["entities"]
                 if e["label"] in NAME_LABELS and e.get("in") != "title" and not e.get("nominal") and not e.get("pronoun")]
    tone = doc.get("tone")
    title = _clean(doc.get("title"))
    # the record's own id always closes the row: it joins the row back to the store, and GDELT readers that
    # strip a line (gdelt-py's) would otherwise drop a row whose last fields are empty
    extras = ([f"<PAGE_TITLE>{escape(title)}</PAGE_TITLE>"] if title else []) + speakers \
        + [f"<NEWSGRAPH_DOCUMENT_ID>{doc['id']}</NEWSGRAPH_DOCUMENT_ID>"]
    row = [
        f"{stamp}-{sequence}", stamp, "1" if url else "2",
        _clean(doc.get("source") or (urlparse(url).netloc if url else "")),
        _clean(url or doc.get("input_id")),
        _listed(counts_v1, trailing=True), _listed(counts_v2, trailing=True), "", "",
        _listed(locations_v1), _listed(locations_v2),
        _listed(persons_v1), _listed(persons_v2), _listed(orgs_v1), _listed(orgs_v2),
        ",".join(_number(tone[f]) for f in TONE_FIELDS) if tone else "",
        _listed(dates), "", "", "", "", "",
        "#".join(quotations), _listed(all_names), _listed(amounts, trailing=True), "",
        "".join(extras),
    ]
    assert len(row) == len(GKG_COLUMNS)
    return row
