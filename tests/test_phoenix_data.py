"""The imported PETRARCH2/Phoenix dictionaries (data/phoenix) and their code-spec reader."""
from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import SHARED
from newsgraph.actors.phoenix import code_on, parse_code_spec
from newsgraph.data import load_table, split_values

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src/newsgraph/data/phoenix"
SOURCE = SHARED / "knowledge" / "petrarch2"
TABLES = {
    "actors.tsv": ["names", "places", "codes", "kind", "source", "comment"],
    "agents.tsv": ["term", "code", "plurals", "person", "comment"],
    "discards.tsv": ["phrase", "kind"],
}


def actor(first_name: str, source: str) -> dict[str, str]:
    """The actors.tsv row whose first name is first_name, from one source file."""
    rows = [r for r in load_table("phoenix/actors.tsv")
            if split_values(r["names"])[0] == first_name and r["source"] == source]
    assert len(rows) == 1, (first_name, source, len(rows))
    return rows[0]


@pytest.mark.parametrize("name", sorted(TABLES))
def test_phoenix_data_every_row_loads(name: str) -> None:
    rows = load_table(f"phoenix/{name}")
    assert len(rows) > 400
    assert all(list(row) == TABLES[name] for row in rows)
    header = (DATA / name).read_text(encoding="utf-8").split("\n# Known problems")[0]
    for needed in ("openeventdata/petrarch2", "676801cd9cb2924bbbad09f86d15c9323e7097bf", "MIT",
                   "Open Event Data", "scripts/import_phoenix.py", "Imported: "):
        assert needed in header, needed


def test_phoenix_data_actor_rows_are_complete() -> None:
    rows = load_table("phoenix/actors.tsv")
    assert {r["kind"] for r in rows} == {"country", "person", "organization", "group"}
    assert {r["source"] for r in rows} == {"countries", "international", "milnonstate"}
    assert all(r["names"] for r in rows)
    assert not [r for r in rows if r["places"] and r["kind"] != "country"]
    assert not [r for r in rows if "_" in r["names"] or "\ufffd" in r["names"]]


def test_phoenix_data_every_code_spec_parses() -> None:
    specs = [s for r in load_table("phoenix/actors.tsv") for s in split_values(r["codes"])]
    assert len(specs) > 30000
    for spec in specs:
        code, start, end = parse_code_spec(spec)
        assert code
        assert start is None or end is None or start <= end, spec


@pytest.mark.parametrize(("spec", "expected"), [
    ("INDGOV@2003-01-01..2004-05-31", ("INDGOV", date(2003, 1, 1), date(2004, 5, 31))),
    ("AFGGOV@2001-12-22..", ("AFGGOV", date(2001, 12, 22), None)),
    ("INDGOV@..2004-05-31", ("INDGOV", None, date(2004, 5, 31))),
    ("AFGELI", ("AFGELI", None, None)),
    ("---", ("---", None, None)),
])
def test_phoenix_parse_code_spec_reads_dates(spec: str, expected: tuple) -> None:
    assert parse_code_spec(spec) == expected


@pytest.mark.parametrize("spec", ["", "INDGOV@..", "INDGOV@2003-13-01..", "IND GOV", "INDGOV@030101-040531"])
def test_phoenix_parse_code_spec_rejects_malformed(spec: str) -> None:
    with pytest.raises(ValueError, match="E032"):
        parse_code_spec(spec)


@pytest.mark.parametrize(("name", "source", "day", "expected"), [
    ("LAL KRISHNA ADVANI", "countries", date(2003, 6, 1), "INDGOV"),
    ("LAL KRISHNA ADVANI", "countries", date(2016, 3, 1), "INDELI"),
    ("LAL KRISHNA ADVANI", "countries", None, "INDGOV"),
    ("LAL KRISHNA ADVANI", "countries", date(1990, 1, 1), "INDGOV"),
    ("HAMID KARZAI", "countries", date(1990, 1, 1), "AFGELI"),
    ("HAMID KARZAI", "countries", date(2005, 1, 1), "AFGGOV"),
    ("HAMID KARZAI", "countries", date(2001, 1, 1), "AFGELI"),
    ("HAMID KARZAI", "countries", None, "AFGGOV"),
    ("BAN KI MOON", "countries", date(2005, 1, 1), "KORGOVBUS"),
    ("BAN KI MOON", "countries", date(2010, 1, 1), "KORELI"),
    ("BAN KI MOON", "countries", None, "KORGOVBUS"),
    ("SECRETARY-GENERAL BAN KI-MOON", "international", date(2005, 1, 1), "KORGOVBUS"),
    ("SECRETARY-GENERAL BAN KI-MOON", "international", date(2010, 1, 1), "IGOUNO"),
    ("SECRETARY-GENERAL BAN KI-MOON", "international", date(2006, 12, 20), "KORELI"),
    ("SECRETARY-GENERAL BAN KI-MOON", "international", None, "IGOUNO"),
    ("KOFI ANNAN", "international", date(2000, 1, 1), "IGOUNO"),
    ("KOFI ANNAN", "international", date(2010, 1, 1), "ELI"),
])
def test_phoenix_code_on_real_rows(name: str, source: str, day: date | None, expected: str) -> None:
    assert code_on(split_values(actor(name, source)["codes"]), day) == expected


def test_phoenix_code_on_without_codes_is_none() -> None:
    assert code_on([], date(2010, 1, 1)) is None


def test_phoenix_data_kinds_of_real_rows() -> None:
    assert actor("AFGHANISTAN", "countries")["kind"] == "country"
    assert actor("AFGHAN NATIONAL SECURITY FORCES", "countries")["kind"] == "organization"
    assert actor("LAL KRISHNA ADVANI", "countries")["kind"] == "person"
    assert actor("ANGRY BRIGADE", "milnonstate")["kind"] == "group"
    assert actor("INTERNATIONAL ATOMIC ENERGY AGENCY", "international")["kind"] == "organization"


def test_phoenix_data_country_places_are_split_from_names() -> None:
    row = actor("AFGHANISTAN", "countries")
    names, places = split_values(row["names"]), split_values(row["places"])
    assert {"KABUL", "HERAT", "HELMAND"} <= set(places)
    assert {"AFGHAN", "AFGANISTAN", "ISLAMIC REPUBLIC OF AFGHANISTAN"} <= set(names)
    assert not set(names) & set(places)
    singapore = actor("SINGAPORE", "countries")
    assert "SINGAPOR" in split_values(singapore["names"])


@pytest.mark.parametrize(("term", "code", "plurals", "person"), [
    ("police", "COP", "", ""),
    ("farmer", "AGR", "farmers", ""),
    ("chamber of commerce", "BUS", "chambers of commerce", ""),
    ("cattleman", "AGR", "cattlemen", "yes"),
    ("cattleperson", "AGR", "", "yes"),
    ("foreign minister", "GOV", "foreign ministers", ""),
    ("foreign ministry", "GOV", "foreign ministries", ""),
    ("truce monitor", "IGO", "truce monitors", ""),
])
def test_phoenix_data_agent_rows(term: str, code: str, plurals: str, person: str) -> None:
    rows = [r for r in load_table("phoenix/agents.tsv") if r["term"] == term]
    assert [(r["code"], r["plurals"], r["person"]) for r in rows][:1] == [(code, plurals, person)]


def test_phoenix_data_agents_have_no_markers_or_tildes() -> None:
    rows = load_table("phoenix/agents.tsv")
    assert not [r for r in rows if "!" in r["term"] or "~" in r["code"] or "_" in r["term"]]
    assert not [r for r in load_table("phoenix/agents.tsv") if r["term"] == "cattlemen"]


def test_phoenix_data_discard_kinds() -> None:
    rows = {r["phrase"]: r["kind"] for r in load_table("phoenix/discards.tsv")}
    assert rows["manchester united"] == "story"
    assert rows["academy award"] == "sentence"
    assert "2000" not in rows  # commented out in the source
    assert set(rows.values()) == {"story", "sentence"}


@pytest.mark.skipif(not SOURCE.is_dir(), reason="../shared/knowledge/petrarch2 is not on this machine")
def test_phoenix_data_import_reproduces_committed_files(tmp_path: Path) -> None:
    day = re.search(r"Imported: (\S+)", (DATA / "actors.tsv").read_text(encoding="utf-8"))[1]
    subprocess.run([sys.executable, str(ROOT / "scripts/import_phoenix.py"), str(SOURCE), "--date", day,
                    "--out", str(tmp_path)], check=True, capture_output=True)
    for name in TABLES:
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name
