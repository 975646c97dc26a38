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
from functools import cache
from typing import Any

from newsgraph.data import load_table

COUNTRY, US_STATE, US_CITY, WORLD_CITY, WORLD_STATE = 1, 2, 3, 4, 5
NO_PLACE = ("0", "", "", "", "", "", "", "")  # Type, FullName, CountryCode, ADM1, ADM2, Lat, Long, FeatureID
NAME_FORBIDDEN = "#;,"  # the delimiters of GKG location blocks; a full name keeps its ", " joins only


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


@dataclass(frozen=True)
class _Gazetteer:
    countries: dict[str, dict[str, str]]  # by ISO3
    country_ids: frozenset[str]  # GeoNames ids of countries
    regions: dict[tuple[str, str], dict[str, str]]  # by (ISO3, admin1)
    region_ids: dict[str, dict[str, str]]  # by GeoNames id (US states)
    cities: dict[str, dict[str, str]]  # by GeoNames id


@cache
def _gazetteer() -> _Gazetteer:
    countries = {row["iso3"]: row for row in load_table("geo/countries.tsv")}
    regions = {(row["country"], row["admin1"]): row for row in load_table("geo/regions.tsv")}
    return _Gazetteer(
        countries=countries,
        country_ids=frozenset(row["geonameid"] for row in countries.values() if row["geonameid"]),
        regions=regions,
        region_ids={row["geonameid"]: row for row in regions.values() if row["geonameid"]},
        cities={row["geonameid"]: row for row in load_table("geo/cities.tsv")},
    )


def _coordinate(value: float | str | None) -> str:
    if value is None or value == "":
        return ""
    return f"{float(value):.6g}"


def _name(*parts: str) -> str:
    """'City, State, Country' with each part cleaned of the GKG delimiters and repeats dropped."""
    cleaned: list[str] = []
    for part in parts:
        text = " ".join(part.replace("#", " ").replace(";", " ").replace(",", " ").split())
        if text and text not in cleaned:
            cleaned.append(text)
    return ", ".join(cleaned)


def country_place(iso3: str | None) -> GdeltPlace | None:
    """A country as GDELT writes it (type 1), or None for an unknown code."""
    country = _gazetteer().countries.get(iso3 or "")
    if not country or not country["fips"]:
        return None
    return GdeltPlace(COUNTRY, _name(country["name"]), country["fips"], country["fips"], _float(country["lat"]),
                      _float(country["lon"]), country["fips"])


def _float(value: str) -> float | None:
    return float(value) if value else None


def _region_place(region: dict[str, str]) -> GdeltPlace | None:
    country = _gazetteer().countries.get(region["country"])
    if not country or not country["fips"]:
        return None
    adm1 = region["gdelt_adm1"]
    us = region["country"] == "USA"
    return GdeltPlace(US_STATE if us else WORLD_STATE, _name(region["name"], country["name"]), country["fips"],
                      adm1, _float(region["lat"]), _float(region["lon"]), adm1[2:] if us else adm1)


def _city_place(name: str, iso3: str, admin1: str | None, lat: Any, lon: Any, feature: str) -> GdeltPlace | None:
    gaz = _gazetteer()
    country = gaz.countries.get(iso3)
    if not country or not country["fips"]:
        return None
    region = gaz.regions.get((iso3, admin1 or ""))
    return GdeltPlace(US_CITY if iso3 == "USA" else WORLD_CITY,
                      _name(name, region["name"] if region else "", country["name"]), country["fips"],
                      region["gdelt_adm1"] if region else "", _float(str(lat or "")), _float(str(lon or "")),
                      feature)


def resolve(place: dict[str, Any]) -> GdeltPlace | None:
    """A record's place as GDELT writes it, looked up in the gazetteer by GeoNames id, else by its own
    fields (`feature`, `admin1`); None when it has no country (unresolved)."""
    iso3 = place.get("country")
    if not iso3:
        return None
    gaz = _gazetteer()
    geonames = str(place.get("geonames") or "")
    if geonames in gaz.country_ids or place.get("feature") == "country":
        return country_place(iso3)
    region = gaz.region_ids.get(geonames)
    if region is None and place.get("feature") == "region":
        region = gaz.regions.get((iso3, place.get("admin1") or ""))
    if region is not None:
        return _region_place(region)
    city = gaz.cities.get(geonames)
    if city is not None:
        return _city_place(city["name"], iso3, city["admin1"], city["lat"], city["lon"], geonames)
    if place.get("lat") is None:
        return None  # a name with a country but no point: nothing GDELT could map
    return _city_place(place["text"], iso3, place.get("admin1"), place.get("lat"), place.get("lon"), geonames)
