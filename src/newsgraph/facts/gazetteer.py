"""The offline gazetteer: countries, first-level regions and cities with coordinates (data/geo/*.tsv).

One `Gazetteer` is built per process (`gazetteer()`); names are looked up whole and case-insensitively
("North Korea" is one name, never "Korea"), and each candidate says what it is (country, region, city),
where it lies, which country and admin-1 region holds it, its GDELT ADM1 code and its population.
The data files are written by scripts/import_gazetteer.py from GeoNames data (CC BY 4.0) and say so.
"""
from __future__ import annotations

import hashlib
import math
import os
import pickle
import re
import sys
import unicodedata
from array import array
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from newsgraph.data import load_table, split_values

FEATURES = ("country", "region", "city")
TABLES = ("geo/countries.tsv", "geo/regions.tsv", "geo/cities.tsv", "geo/aliases.tsv")
CACHE_FORMAT = 5
DOMINANT = 10  # a city this many times larger than any namesake abroad is what its name means  # bump when the pickled layout changes
_SPACES = re.compile(r"\s+")
_SAINT = re.compile(r"\b(st|ste)\.?\s+")  # "St. Petersburg" is "Saint Petersburg"


@dataclass(frozen=True, slots=True)
class GeoName:
    """One place the gazetteer knows."""

    name: str
    feature: str  # country | region | city
    country: str  # ISO 3166-1 alpha-3
    admin1: str | None  # GeoNames admin-1 code of the region holding it (a region's own code)
    adm1: str | None  # GDELT ADM1 code: FIPS country code + admin-1 code (a country: its FIPS code)
    lat: float | None
    lon: float | None
    population: int
    geonameid: int | None
    capital: bool = False  # a country's capital city


@lru_cache(maxsize=65_536)
def name_key(name: str) -> str:
    """The lookup form of a name: accents folded, case folded, spaces collapsed, curly apostrophes plain."""
    name = name.replace("’", "'")
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    if not folded.strip():  # a name in another script keeps its own letters
        folded = name
    key = _SPACES.sub(" ", folded).strip().casefold()
    return _SAINT.sub(lambda m: "saint " if m.group(1) == "st" else "sainte ", key)


def _float(value: str) -> float:
    return float(value) if value else math.nan


class Gazetteer:
    """Countries, regions and cities indexed by every name they go by.

    Places are kept column by column (arrays and interned strings) so that the built gazetteer pickles
    small and loads fast; a `GeoName` is made only for the places a lookup returns.
    """

    def __init__(self) -> None:
        self._name: list[str] = []
        self._feature = array("b")
        self._country: list[str] = []
        self._admin1: list[str] = []
        self._adm1: list[str] = []
        self._lat = array("d")
        self._lon = array("d")
        self._population = array("q")
        self._geonameid = array("q")
        self._by_name: dict[str, int | tuple[int, ...]] = {}
        self._by_alias: dict[str, int | tuple[int, ...]] = {}
        self._countries: dict[str, int] = {}
        self._regions: dict[tuple[str, str], int] = {}
        self._capitals: set[int] = set()

    @classmethod
    def from_tables(cls) -> Gazetteer:
        """Build the gazetteer from the package's data/geo tables."""
        gaz = cls()
        fips, capitals = {}, {}
        for row in load_table("geo/countries.tsv"):
            fips[row["iso3"]] = row["fips"]
            capitals[(row["iso3"], name_key(row["capital"]))] = None
            gaz._countries[row["iso3"]] = gaz._add(row, "country", row["iso3"], "", row["fips"])
        for row in load_table("geo/regions.tsv"):
            place = gaz._add(row, "region", row["country"], row["admin1"], row["gdelt_adm1"])
            gaz._regions[(row["country"], row["admin1"])] = place
        for row in load_table("geo/aliases.tsv"):  # hand-written names news uses ("Fla.", "N.Y.")
            for alias in split_values(row["aliases"]):
                _index(gaz._by_alias, alias, gaz._regions[(row["country"], row["admin1"])])
        for row in load_table("geo/cities.tsv"):
            admin1 = row["admin1"]
            adm1 = f"{fips[row['country']]}{admin1}" if admin1 and fips.get(row["country"]) else ""
            place = gaz._add(row, "city", row["country"], admin1, adm1)
            key = (row["country"], name_key(row["name"]))
            if key in capitals and capitals[key] is None:  # cities come most populous first
                capitals[key] = place
        gaz._capitals = {place for place in capitals.values() if place is not None}
        return gaz

    def _add(self, row: dict[str, str], feature: str, country: str, admin1: str, adm1: str) -> int:
        """Append one place and index its names; returns its number."""
        place = len(self._name)
        self._name.append(row["name"])
        self._feature.append(FEATURES.index(feature))
        for column, value in ((self._country, country), (self._admin1, admin1), (self._adm1, adm1)):
            column.append(sys.intern(value or ""))
        self._lat.append(_float(row["lat"]))
        self._lon.append(_float(row["lon"]))
        self._population.append(int(row["population"] or 0))
        self._geonameid.append(int(row["geonameid"] or 0))
        _index(self._by_name, row["name"], place)
        for alias in split_values(row["aliases"]):
            _index(self._by_alias, alias, place)
        return place

    def _place(self, i: int) -> GeoName:
        lat, lon = self._lat[i], self._lon[i]
        return GeoName(self._name[i], FEATURES[self._feature[i]], self._country[i], self._admin1[i] or None,
                       self._adm1[i] or None, None if math.isnan(lat) else lat, None if math.isnan(lon) else lon,
                       self._population[i], self._geonameid[i] or None, i in self._capitals)

    def lookup(self, name: str, aliases: bool = True) -> list[GeoName]:
        """Places called `name` (whole name, any case), by their own name first, then by alias."""
        key = name_key(name)
        found = list(_postings(self._by_name, key))
        if aliases:
            found += [i for i in _postings(self._by_alias, key) if i not in found]
        return [self._place(i) for i in found]

    def country(self, iso3: str) -> GeoName | None:
        """The country with ISO3 code `iso3`."""
        i = self._countries.get(iso3)
        return None if i is None else self._place(i)

    def region(self, iso3: str, admin1: str | None) -> GeoName | None:
        """The admin-1 region `admin1` of country `iso3`."""
        i = self._regions.get((iso3, admin1 or ""))
        return None if i is None else self._place(i)

    def region_of(self, place: GeoName) -> GeoName | None:
        """The admin-1 region holding `place` (a region is its own)."""
        return self.region(place.country, place.admin1)

    def unambiguous_country(self, name: str) -> str | None:
        """ISO3 of the one country `name` points to: a country or region name that no other country's
        country or region shares, else a city name whose places all lie in one country or whose largest
        place outnumbers every other country's tenfold ("London", "Paris"); None if it is ambiguous."""
        places = self.lookup(name)
        large = {p.country for p in places if p.feature in ("country", "region")}
        if large:
            return large.pop() if len(large) == 1 else None
        biggest: dict[str, int] = {}
        for p in places:
            biggest[p.country] = max(biggest.get(p.country, 0), p.population)
        ranked = sorted(biggest.items(), key=lambda kv: -kv[1])
        if len(ranked) == 1 or (ranked and ranked[0][1] >= DOMINANT * ranked[1][1]):
            return ranked[0][0]
        return None


def _index(index: dict[str, int | tuple[int, ...]], name: str, place: int) -> None:
    """Add `place` under `name`; one place is kept bare, several as a tuple (it pickles smaller)."""
    key = sys.intern(name_key(name))
    if not key:
        return
    held = index.get(key)
    if held is None:
        index[key] = place
    elif isinstance(held, int):
        if held != place:
            index[key] = (held, place)
    elif place not in held:
        index[key] = (*held, place)


def _postings(index: dict[str, int | tuple[int, ...]], key: str) -> tuple[int, ...]:
    held = index.get(key, ())
    return (held,) if isinstance(held, int) else held


def _cache_path() -> Path:
    """Where the built gazetteer is kept, keyed by a hash of the data files (never by hash(): it is salted)."""
    digest = hashlib.sha256(str(CACHE_FORMAT).encode())
    for name in TABLES:
        digest.update(resources.files("newsgraph.data").joinpath(name).read_bytes())
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "newsgraph" / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


@cache
def gazetteer() -> Gazetteer:
    """The process's one gazetteer, from the user cache when it holds this data's build."""
    path = _cache_path()
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass  # no usable cache: build it and try to keep it
    built = Gazetteer.from_tables()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(path)  # atomic: a parallel worker never reads half a file
        for stale in path.parent.glob("gazetteer-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home only costs the build time
    return built
