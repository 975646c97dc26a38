"""The offline gazetteer: whole names, feature types, codes and coordinates for countries, regions and cities."""
from __future__ import annotations

import time

import pytest

from newsgraph.data import load_table
from newsgraph.facts.gazetteer import FEATURES, Gazetteer, gazetteer, name_key


@pytest.mark.parametrize("name, feature, country, adm1", [
    ("North Korea", "country", "PRK", "KN"),          # never cut to "Korea"
    ("South Sudan", "country", "SSD", "OD"),
    ("New South Wales", "region", "AUS", "AS02"),
    ("Florida", "region", "USA", "USFL"),
    ("california", "region", "USA", "USCA"),          # any case
    ("Virginia", "region", "USA", "USVA"),
    ("Uttar Pradesh", "region", "IND", "IN36"),
    ("Idlib", "region", "SYR", "SY12"),
    ("Aleppo", "city", "SYR", "SY09"),
    ("Sao Paulo", "city", "BRA", "BR27"),             # accents folded: São Paulo
    ("Raqqa", "city", "SYR", "SY04"),                 # a spelling variant of Ar Raqqah
])
def test_gazetteer_lookup_finds_place(name, feature, country, adm1):
    found = [p for p in gazetteer().lookup(name) if p.feature == feature and p.country == country]
    assert found, f"{name}: {gazetteer().lookup(name)}"
    assert found[0].adm1 == adm1
    assert found[0].lat is not None and found[0].lon is not None


@pytest.mark.parametrize("name", ["Korea North", "Nowhereville", "", "the", "Ban"])
def test_gazetteer_lookup_unknown_names(name):
    assert gazetteer().lookup(name) == []


def test_gazetteer_name_key_folds_case_accents_and_spaces():
    assert name_key("  São   Paulo ") == name_key("sao paulo") == "sao paulo"
    assert name_key("Côte d’Ivoire") == "cote d'ivoire"


@pytest.mark.parametrize("name, country", [
    ("North Korea", "PRK"), ("Texas", "USA"), ("New South Wales", "AUS"), ("Idlib", "SYR"),
    ("London", "GBR"),      # 8.9 million against London, Ontario's 0.4 million
    ("Springfield", "USA"),
    ("Georgia", None),      # the country and the US state
    ("Punjab", None),       # India's and Pakistan's
    ("Nowhereville", None),
])
def test_gazetteer_unambiguous_country(name, country):
    assert gazetteer().unambiguous_country(name) == country


def test_gazetteer_every_country_has_a_centre_point():
    countries = load_table("geo/countries.tsv")
    assert len(countries) > 240
    for row in countries:
        place = gazetteer().country(row["iso3"])
        assert place is not None and place.feature == "country"
        assert place.lat is not None and -90 <= place.lat <= 90 and -180 <= place.lon <= 180, row["iso3"]


def test_gazetteer_every_region_loads_with_its_point():
    regions = load_table("geo/regions.tsv")
    assert len(regions) > 3000
    for row in regions:
        place = gazetteer().region(row["country"], row["admin1"])
        assert place is not None and place.name == row["name"]
        assert place.lat is not None and place.lon is not None


def test_gazetteer_us_states_all_present():
    states = [r for r in load_table("geo/regions.tsv") if r["country"] == "USA"]
    assert {r["gdelt_adm1"] for r in states} >= {"USCA", "USAK", "USTX", "USNY", "USFL", "USDC"}
    assert all(r["geonameid"] for r in states)


def test_gazetteer_city_has_its_region():
    (paris,) = [p for p in gazetteer().lookup("Paris") if p.country == "USA" and p.admin1 == "TX"]
    assert gazetteer().region_of(paris).name == "Texas"
    assert paris.feature in FEATURES and paris.population > 15_000


def test_gazetteer_cached_build_equals_fresh_build():
    fresh = Gazetteer.from_tables()
    for name in ("Paris", "Georgia", "North Korea", "Aleppo"):
        assert fresh.lookup(name) == gazetteer().lookup(name)


def test_gazetteer_warm_load_is_fast(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    gazetteer.cache_clear()
    try:
        gazetteer()  # builds and writes the cache
        gazetteer.cache_clear()
        start = time.perf_counter()
        gazetteer()
        assert time.perf_counter() - start < 1.0  # ~0.13 s on a busy 2-core machine
        assert len(list((tmp_path / "newsgraph").glob("gazetteer-*.pickle"))) == 1
    finally:
        gazetteer.cache_clear()


def test_gazetteer_every_city_loads_by_its_name():
    cities = load_table("geo/cities.tsv")
    assert len(cities) > 60_000
    for row in cities[::97]:  # a spread sample: a lookup per row of all 69,000 takes minutes
        found = [p for p in gazetteer().lookup(row["name"], aliases=False) if p.geonameid == int(row["geonameid"])]
        assert found and found[0].feature == "city" and found[0].country == row["country"], row["name"]


def test_gazetteer_hand_written_aliases_name_known_regions():
    for row in load_table("geo/aliases.tsv"):
        region = gazetteer().region(row["country"], row["admin1"])
        assert region is not None
        for alias in row["aliases"].split("|"):
            assert region in gazetteer().lookup(alias), alias
