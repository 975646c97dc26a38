"""GDELT geography for exported places and actors, from newsgraph's gazetteer (data/geo/).

GDELT's rules (Event Codebook 2.0 and GKG 2.1 Codebook, "Geography"): a place is
one of five types, 1 country, 2 US state, 3 US city, 4 world city, 5 world state
(first-level division); its full name runs from the place to its country
("Oklahoma City, Oklahoma, United States"); country codes are FIPS 10-4; ADM1
is the FIPS country code and the division's code (USOK), the country code alone
for a country; coordinates are the place's centre point. FeatureID: GDELT writes
GNS/GNIS ids for cities, which are not available offline, so newsgraph writes
the GeoNames id; for countries the FIPS code and for US states the state's
code, as GDELT does, and for other divisions their ADM1 code. A place the
gazetteer cannot put in a country is left out; where an event has no place,
its Geo_Type is 0 and the other geography fields are blank.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsgraph.facts.gazetteer import GeoName, gazetteer

COUNTRY, US_STATE, US_CITY, WORLD_CITY, WORLD_STATE = 1, 2, 3, 4, 5
NO_PLACE = ("0", "", "", "", "", "", "", "")  # Type, FullName, CountryCode, ADM1, ADM2, Lat, Long, FeatureID


@dataclass(frozen=True)
class GdeltPlace:
    """One place as GDELT writes it."""

    type: int
    full_name: str
    country: str  # FIPS 10-4
    adm1: str
    lat: float | None
    lon: float | None
    feature: str

    def fields(self) -> tuple[str, ...]:
        """The eight Event geography fields (ADM2 is never known offline)."""
        return (str(self.type), self.full_name, self.country, self.adm1, "", _coordinate(self.lat),
                _coordinate(self.lon), self.feature)


def _coordinate(value: float | None) -> str:
    return "" if value is None else f"{value:.6g}"


def _name(*parts: str | None) -> str:
    """'City, State, Country' with each part cleaned of the GKG delimiters and repeats dropped."""
    cleaned: list[str] = []
    for part in parts:
        text = " ".join((part or "").replace("#", " ").replace(";", " ").replace(",", " ").split())
        if text and text not in cleaned:
            cleaned.append(text)
    return ", ".join(cleaned)


def country_place(iso3: str | None) -> GdeltPlace | None:
    """A country as GDELT writes it (type 1), or None for a code the gazetteer does not know."""
    country = gazetteer().country(iso3 or "")
    if country is None or not country.adm1:
        return None
    return GdeltPlace(COUNTRY, _name(country.name), country.adm1, country.adm1, country.lat, country.lon,
                      country.adm1)


def _region_place(region: GeoName, country: GeoName) -> GdeltPlace:
    adm1 = region.adm1 or ""
    us = region.country == "USA"
    return GdeltPlace(US_STATE if us else WORLD_STATE, _name(region.name, country.name), country.adm1 or "", adm1,
                      region.lat, region.lon, adm1[2:] if us else adm1)


def _city_place(name: str, country: GeoName, region: GeoName | None, lat: float | None, lon: float | None,
                feature: str) -> GdeltPlace:
    return GdeltPlace(US_CITY if country.country == "USA" else WORLD_CITY,
                      _name(name, region.name if region else None, country.name), country.adm1 or "",
                      (region.adm1 or "") if region else "", lat, lon, feature)


def _match(place: dict[str, Any]) -> GeoName | None:
    """The gazetteer's entry for a record's place: by GeoNames id among the places of its name, else the one
    of its name in its country (with its feature and ADM1 code when the place says)."""
    gaz = gazetteer()
    geonames = place.get("geonames")
    country = gaz.country(place["country"])
    if geonames and country is not None and country.geonameid == geonames:
        return country
    candidates = gaz.lookup(place["text"])
    for candidate in candidates:
        if geonames and candidate.geonameid == geonames:
            return candidate
    for candidate in candidates:
        if candidate.country == place["country"] and place.get("feature") in (None, candidate.feature) \
                and place.get("admin1") in (None, candidate.adm1):
            return candidate
    return None


def _region(iso3: str, adm1: str | None) -> GeoName | None:
    """The first-level region with GDELT ADM1 code `adm1` (FIPS country code + GeoNames admin-1 code)."""
    return gazetteer().region(iso3, adm1[2:]) if adm1 else None


def resolve(place: dict[str, Any]) -> GdeltPlace | None:
    """A record's place as GDELT writes it; None when it has no country (unresolved) or nothing to map it by."""
    if not place.get("country"):
        return None
    country = gazetteer().country(place["country"])
    if country is None or not country.adm1:
        return None
    found = _match(place)
    if found is not None and found.feature == "city":
        return _city_place(found.name, country, gazetteer().region(found.country, found.admin1), found.lat,
                           found.lon, str(found.geonameid or ""))
    if found is not None and found.feature == "region":
        return _region_place(found, country)
    if found is not None or place.get("feature") == "country":
        return country_place(place["country"])
    # a name the gazetteer does not know: the record's own fields
    region = _region(place["country"], place.get("admin1"))
    if place.get("feature") == "region" and region is not None:
        return _region_place(region, country)
    if place.get("lat") is None or not place.get("geonames"):
        return None  # no point or no id to map it by: nothing GDELT could place
    return _city_place(place["text"], country, region, place["lat"], place.get("lon"), str(place["geonames"]))
