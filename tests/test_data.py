"""Every data file loads whole, and its entries are well-formed."""
from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from newsgraph.actors.kb import knowledge_base
from newsgraph.data import load_table

SECTORS = {"GOV", "MIL", "REB", "OPP", "PTY", "CVL", "ELI", "MED", "NGO", "IGO", "BUS", "EDU", "JUD", "LEG",
           "COP", "SPY", "REF", "LAB", "REL", "HLH", "AGR", "CRM", "UAF", "IMG"}
DATA_FILES = sorted(str(p.relative_to(resources.files("newsgraph.data")))  # type: ignore[attr-defined]
                    for p in resources.files("newsgraph.data").rglob("*.tsv"))  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", DATA_FILES)
def test_data_file_has_header_comment_and_rows(name):
    text = resources.files("newsgraph.data").joinpath(name).read_text(encoding="utf-8")
    assert text.startswith("# "), f"{name} must open with a comment saying what a row means"
    assert len(load_table(name)) > 0


def test_data_countries_are_iso_alpha3_and_unique():
    rows = load_table("kb/countries.tsv")
    codes = [r["iso3"] for r in rows]
    assert len(codes) == len(set(codes)) and len(codes) >= 240
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in codes)


def test_data_kb_sectors_and_codes_are_valid():
    for row in load_table("kb/people.tsv"):
        assert not row["sector"] or row["sector"] in SECTORS, row
    for row in load_table("kb/organizations.tsv") + load_table("kb/igos.tsv"):
        assert row["code"] and (not row["sector"] or row["sector"] in SECTORS), row
    for row in load_table("kb/sectors.tsv"):
        assert not row["sector"] or row["sector"] in SECTORS, row


def test_data_kb_igo_officials_name_their_organisation():
    igo_codes = {row["code"] for row in load_table("kb/igos.tsv")}
    for row in load_table("kb/people.tsv"):
        assert not row["igo"] or row["igo"] in igo_codes, row
        if row["sector"] == "IGO" and not row["country"]:
            assert row["igo"], f"{row['name']}: an IGO official needs the igo column (a code from igos.tsv)"


def test_data_entity_patterns_are_json_token_patterns():
    for row in load_table("entity_patterns.tsv"):
        assert isinstance(json.loads(row["pattern"]), list)


@pytest.mark.parametrize("surface, code", [
    ("Washington", "USA"), ("Kremlin", "RUS"), ("Syrian", "SYR"), ("U.S.", "USA"), ("Britain", "GBR"),
])
def test_data_kb_lookup_country_forms(surface, code):
    entries = knowledge_base().lookup(surface)
    assert entries and entries[0].key.country == code


def test_data_kb_acronyms_are_case_sensitive():
    kb = knowledge_base()
    assert kb.lookup("US") and not kb.lookup("us")
    assert kb.lookup("UN") and not kb.lookup("un")
