"""Exports: GDELT Events 2.0 (61 typed columns), GKG 2.1 (27 columns, the grammar of real GDELT rows),
Parquet per table, JSONL records."""
from __future__ import annotations

import json

import duckdb
import pytest

from conftest import SEED, SHARED, polnear_corpus
from newsgraph.errors import NewsgraphError
from newsgraph.export import export
from newsgraph.export.gdelt import EVENT_COLUMNS, GKG_COLUMNS
from newsgraph.ingest import ingest
from newsgraph.store import open_store
from newsgraph.store.rows import COLUMNS

GKG_SAMPLES = sorted((SHARED / "eval" / "gdelt" / "assets" / "test").glob("gkg_1row_*.tsv"))

# Column types of the GDELT 2.0 Event codebook
EVENT_TYPES = {name: "VARCHAR" for name in EVENT_COLUMNS}
EVENT_TYPES.update({"GlobalEventID": "BIGINT", "Day": "INTEGER", "MonthYear": "INTEGER", "Year": "INTEGER",
                    "FractionDate": "DOUBLE", "IsRootEvent": "INTEGER", "QuadClass": "INTEGER",
                    "GoldsteinScale": "DOUBLE", "NumMentions": "INTEGER", "NumSources": "INTEGER",
                    "NumArticles": "INTEGER", "AvgTone": "DOUBLE", "DATEADDED": "BIGINT"})
for who in ("Actor1", "Actor2", "Action"):
    EVENT_TYPES.update({f"{who}Geo_Type": "INTEGER", f"{who}Geo_Lat": "DOUBLE", f"{who}Geo_Long": "DOUBLE"})


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, nlp) -> str:
    tmp = tmp_path_factory.mktemp("export")
    path = str(tmp / "db.duckdb")
    with open_store(path) as store:
        ingest([str(SEED), str(polnear_corpus(tmp, 20))], store, progress=False, published="2021-06-15")
    return path


def test_gdelt_events_have_61_columns_of_the_codebook_types(tmp_path, store_path):
    out = tmp_path / "events.tsv"
    with open_store(store_path, read_only=True) as store:
        n = export(store, "gdelt-events", out)
        stored = store.count("events")
    assert n == stored > 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == n and all(line.count("\t") == 60 for line in lines)
    columns = ", ".join(f"'{k}': '{v}'" for k, v in EVENT_TYPES.items())
    rows = duckdb.sql(f"SELECT * FROM read_csv('{out}', delim='\t', header=false, quote='', escape='', "
                      f"columns={{{columns}}})").fetchall()
    assert len(rows) == n
    by_name = [dict(zip(EVENT_COLUMNS, row, strict=True)) for row in rows]
    assert len({r["GlobalEventID"] for r in by_name}) == n
    for r in by_name:
        assert r["EventRootCode"] == r["EventCode"][:2] and r["QuadClass"] in (1, 2, 3, 4)
        assert r["Day"] is not None and 19000101 < r["Day"] < 21000101
        assert r["SOURCEURL"]
    seed_refusal = [r for r in by_name if r["SOURCEURL"].endswith(SEED.name) and r["EventCode"] == "120"]
    assert seed_refusal and seed_refusal[0]["Actor1Code"] == "USAGOV"
    assert seed_refusal[0]["Actor1Geo_CountryCode"] == "US"  # FIPS, as in GDELT
    assert {r["SOURCEURL"].split("/")[2] for r in by_name if r["SOURCEURL"].startswith("https://")}


def parse_gkg(line: str) -> dict[str, str]:
    """Read one GKG 2.1 row by the codebook's grammar; raises on a malformed field."""
    cells = line.rstrip("\n").split("\t")
    assert len(cells) == 27, len(cells)
    row = dict(zip(GKG_COLUMNS, cells, strict=True))
    assert row["GKGRECORDID"].partition("-")[0].isdigit()
    assert row["V2.1DATE"] == "" or (row["V2.1DATE"].isdigit() and len(row["V2.1DATE"]) == 14)
    assert row["V2SOURCECOLLECTIONIDENTIFIER"] in {"1", "2", "3", "4", "5", "6"}

    def items(name: str, sep: str = ";") -> list[str]:
        return [x for x in row[name].split(sep) if x]

    for block, n_fields in (("V1COUNTS", 10), ("V2.1COUNTS", 11)):
        for item in items(block):
            fields = item.split("#")
            assert len(fields) == n_fields, item
            float(fields[1])
    for item in items("V1LOCATIONS"):
        fields = item.split("#")
        assert len(fields) == 7 and fields[0].isdigit(), item
    for item in items("V2ENHANCEDLOCATIONS"):
        fields = item.split("#")
        assert len(fields) == 9 and fields[0].isdigit() and fields[-1].isdigit(), item
    for name in ("V2ENHANCEDPERSONS", "V2ENHANCEDORGANIZATIONS", "V2.1ALLNAMES"):
        for item in items(name):
            text, offset = item.rsplit(",", 1)
            assert text and offset.isdigit(), item
    for item in items("V2.1ENHANCEDDATES"):
        fields = item.split("#")
        assert len(fields) == 5 and all(f.isdigit() for f in fields), item
    for item in items("V2.1QUOTATIONS", "#"):
        fields = item.split("|")
        assert len(fields) >= 4 and fields[0].isdigit() and fields[1].isdigit(), item
    for item in items("V2.1AMOUNTS"):
        number, _, offset = item.split(",")
        float(number)
        assert offset.isdigit(), item
    return row


def test_the_real_gdelt_rows_pass_the_grammar_check():
    assert len(GKG_SAMPLES) == 2
    for sample in GKG_SAMPLES:
        parse_gkg(sample.read_text(encoding="utf-8"))


def test_gdelt_gkg_rows_follow_the_grammar_of_real_gdelt_rows(tmp_path, store_path):
    out = tmp_path / "gkg.tsv"
    with open_store(store_path, read_only=True) as store:
        assert export(store, "gdelt-gkg", out) == store.count("documents")
    rows = [parse_gkg(line) for line in out.read_text(encoding="utf-8").splitlines()]
    seed = next(r for r in rows if r["V2DOCUMENTIDENTIFIER"].endswith(SEED.name))
    assert "KILL#5000#civilians" in seed["V1COUNTS"]
    assert "1#Syria#SY#SY" in seed["V1LOCATIONS"]
    assert "|United States government" in seed["V2.1QUOTATIONS"]  # the quotation's speaker
    assert seed["V2EXTRASXML"] \
        == "<PAGE_TITLE>US State Department: We Will Not Normalize Ties With Assad</PAGE_TITLE>"
    assert all(r["V2.1DATE"] == "20210615000000" for r in rows if "example" not in r["V2DOCUMENTIDENTIFIER"])


def test_parquet_has_one_file_per_table_with_every_row(tmp_path, store_path):
    with open_store(store_path, read_only=True) as store:
        assert export(store, "parquet", tmp_path / "tables") == len(COLUMNS)
        for name in COLUMNS:
            back = duckdb.sql(f"SELECT count(*) FROM '{tmp_path / 'tables' / name}.parquet'").fetchall()[0][0]
            assert back == store.count(name), name


def test_jsonl_gives_back_the_records(tmp_path, store_path):
    out = tmp_path / "records.jsonl"
    with open_store(store_path, read_only=True) as store:
        assert export(store, "jsonl", out) == store.count("documents")
        first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
        assert json.loads(store.record(first["document"]["id"])) == first


def test_an_unwritable_export_is_a_clear_error_and_leaves_no_file(tmp_path, store_path):
    with open_store(store_path, read_only=True) as store, pytest.raises(NewsgraphError, match="E024"):
        export(store, "jsonl", tmp_path / "no" / "such" / "dir" / "x.jsonl")


@pytest.mark.parametrize("place, geo", [
    ({"text": "Alaska", "country": "USA", "feature": "region", "admin1": "USAK", "lat": 61.4, "lon": -152.3,
      "geonames": 5879092}, ["2", "Alaska", "US", "USAK", "", "61.4", "-152.3", "AK"]),
    ({"text": "Idlib", "country": "SYR", "feature": "region", "admin1": "SY12", "lat": 35.8, "lon": 36.6,
      "geonames": None}, ["5", "Idlib", "SY", "SY12", "", "35.8", "36.6", "12"]),
    ({"text": "Fairbanks", "country": "USA", "feature": "city", "admin1": "USAK", "lat": 64.8, "lon": -147.7,
      "geonames": 5861897}, ["3", "Fairbanks", "US", "USAK", "", "64.8", "-147.7", "5861897"]),
])
def test_gdelt_place_geography_by_feature(place, geo):
    from newsgraph.export.gdelt import _place_geo

    assert _place_geo(place) == geo
