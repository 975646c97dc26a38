"""Exports: GDELT Events 2.0 and GKG 2.1 that the GDELT clients from PyPI load (gdelt-py's parsers and models,
gdeltPyR's bundled schema and its read call), every row held against the codebooks; Parquet; JSONL; slices."""
from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from importlib.metadata import files
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from conftest import SEED, SHARED, polnear_corpus
from gdelt_codebook import check_event_row, check_gkg_row
from newsgraph import query
from newsgraph.errors import NewsgraphError
from newsgraph.export import export
from newsgraph.export.gdelt import EVENT_COLUMNS, event_id_number
from newsgraph.export.geo import resolve
from newsgraph.ingest import ingest
from newsgraph.store import open_store
from newsgraph.store.rows import COLUMNS

GKG_SAMPLES = sorted((SHARED / "eval" / "gdelt" / "assets" / "test").glob("gkg_1row_*.tsv"))
PANDAS_TYPES = {"INTEGER": "int64", "FLOAT": "float64", "STRING": "str"}


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, nlp) -> str:
    """The 84 PolNeAR dev articles (dated by their file names) and the seed (undated), stored."""
    tmp = tmp_path_factory.mktemp("export")
    path = str(tmp / "db.duckdb")
    with open_store(path) as store:
        ingest([str(SEED), str(polnear_corpus(tmp))], store, progress=False)
    return path


@pytest.fixture(scope="module")
def exports(store_path, tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("gdelt")
    with open_store(store_path, read_only=True) as store:
        for fmt in ("gdelt-events", "gdelt-gkg"):
            assert export(store, fmt, tmp / fmt) > 0
    return {fmt: tmp / fmt for fmt in ("gdelt-events", "gdelt-gkg")}


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_gdelt_export_rows_follow_the_codebooks_on_the_corpus_and_the_seed(store_path, exports):
    with open_store(store_path, read_only=True) as store:
        n_events, n_docs = store.count("events"), store.count("documents")
    events = [check_event_row(line) for line in _lines(exports["gdelt-events"])]
    gkg = [check_gkg_row(line) for line in _lines(exports["gdelt-gkg"])]
    assert len(events) == n_events > 500 and len(gkg) == n_docs == 85
    assert len({r["GlobalEventID"] for r in events}) == n_events
    assert [r["GKGRECORDID"].rsplit("-", 1)[1] for r in gkg] == [str(n) for n in range(n_docs)]
    seed_events = [r for r in events if r["SOURCEURL"].endswith(SEED.name)]
    seed_gkg = [r for r in gkg if r["V2DOCUMENTIDENTIFIER"].endswith(SEED.name)]
    assert seed_events and len(seed_gkg) == 1
    # places GDELT's way: countries with a centre point, US states as states
    geo = {(r["ActionGeo_Type"], r["ActionGeo_FullName"]) for r in events}
    assert any(kind == "2" for kind, _ in geo) and any(kind == "1" for kind, _ in geo)
    assert any(r["Actor1Geo_Type"] == "1" and r["Actor1Geo_Lat"] for r in events)


def test_the_real_gdelt_rows_pass_the_grammar_check():
    assert len(GKG_SAMPLES) == 2
    for sample in GKG_SAMPLES:
        check_gkg_row(sample.read_text(encoding="utf-8"))


def test_gdelt_py_loads_every_row_of_both_files(store_path, exports):
    from py_gdelt.models.events import Event
    from py_gdelt.models.gkg import GKGRecord
    from py_gdelt.parsers.events import EventsParser
    from py_gdelt.parsers.gkg import GKGParser

    events = [Event.from_raw(raw) for raw in EventsParser().parse(exports["gdelt-events"].read_bytes())]
    gkg = [GKGRecord.from_raw(raw) for raw in GKGParser().parse(exports["gdelt-gkg"].read_bytes())]
    with open_store(store_path, read_only=True) as store:
        assert len(events) == store.count("events") and len(gkg) == store.count("documents")
        tones = {r["id"]: r["tone"] for r in store.fetch("SELECT id, tone FROM documents")}
    assert all(g.tone is not None and g.tone.word_count for g in gkg)
    assert {e.avg_tone for e in events} <= {round(t, 4) for t in tones.values()}
    assert all(e.global_event_id < 2 ** 53 and e.date_added for e in events)


def _gdeltpyr_schema(name: str) -> dict[str, str]:
    """gdeltPyR's bundled column schema (name -> INTEGER|FLOAT|STRING). Its data files install beside the
    environment, not in the package, so `import gdelt` fetches them from the network: read them in place."""
    path = next(f for f in files("gdelt") if f.name == name).locate()
    with open(path, encoding="utf-8") as fh:
        return {row["name"]: row["type"] for row in csv.DictReader(fh)}


@pytest.mark.parametrize(("fmt", "schema", "string_columns"), [
    ("gdelt-events", "events2.csv", {26: "str", 27: "str", 28: "str"}),  # gdelt.parallel._mp_worker's dtype
    ("gdelt-gkg", "gkg2.csv", None),
])
def test_gdeltpyr_schema_types_every_column(exports, fmt, schema, string_columns):
    columns = _gdeltpyr_schema(schema)
    # gdeltPyR's own read call: the INTEGER and FLOAT columns must come out as ints and floats
    frame = pd.read_csv(exports[fmt], sep="\t", header=None, on_bad_lines="skip", dtype=string_columns)
    frame.columns = list(columns)
    assert len(frame) == len(_lines(exports[fmt]))
    for name, kind in columns.items():
        if kind != "STRING":
            assert str(frame[name].dtype) == PANDAS_TYPES[kind], (name, frame[name].dtype)
    # and typed by the schema throughout: an empty INTEGER cell, or a text one, raises here
    typed = pd.read_csv(exports[fmt], sep="\t", header=None, names=list(columns), keep_default_na=False,
                        na_values=[""], dtype={n: PANDAS_TYPES[k] for n, k in columns.items()})
    assert len(typed) == len(frame)
    if fmt == "gdelt-events":
        assert set(typed["EventRootCode"]) <= {f"{n:02d}" for n in range(1, 21)}  # leading zeros kept
        assert typed["AvgTone"].notna().all() and typed["GLOBALEVENTID"].max() < 2 ** 53


def test_gdelt_dates_are_the_event_the_article_or_the_storing(store_path, exports):
    """GDELT dates an event by the article it saw: the event's own full date, else the publication date, else
    the day newsgraph stored the article; DATEADDED is when it was stored."""
    expected, added, undated = {}, {}, 0
    with open_store(store_path, read_only=True) as store:
        for row in store.fetch("SELECT record, stored_at FROM documents"):
            record = json.loads(row["record"])
            doc = record["document"]
            published = doc.get("published") if len(doc.get("published") or "") == 10 else None
            undated += published is None
            for event in record["events"]:
                day = event["date"] if len(event.get("date") or "") == 10 else published
                gid = str(event_id_number(doc["id"], event["id"]))
                expected[gid] = (day or row["stored_at"].date().isoformat()).replace("-", "")
                added[gid] = row["stored_at"].strftime("%Y%m%d%H%M%S")
    events = [check_event_row(line) for line in _lines(exports["gdelt-events"])]
    assert {r["GlobalEventID"]: r["Day"] for r in events} == expected
    assert {r["GlobalEventID"]: r["DATEADDED"] for r in events} == added
    assert undated == 1  # the seed: its rows are dated by the storing
    seed = next(check_gkg_row(line) for line in _lines(exports["gdelt-gkg"]) if SEED.name in line)
    assert seed["V2.1DATE"] == next(iter({added[r["GlobalEventID"]] for r in events if SEED.name in r["SOURCEURL"]}))


def test_gdelt_events_ids_are_stable_and_actors_named_with_codes(store_path, exports, tmp_path):
    with open_store(store_path, read_only=True) as store:
        export(store, "gdelt-events", tmp_path / "again.tsv")
        export(store, "gdelt-gkg", tmp_path / "again.gkg")
    assert (tmp_path / "again.tsv").read_bytes() == exports["gdelt-events"].read_bytes()
    assert (tmp_path / "again.gkg").read_bytes() == exports["gdelt-gkg"].read_bytes()
    assert event_id_number("a" * 64, "v1") == event_id_number("a" * 64, "v1") < 2 ** 53
    assert event_id_number("a" * 64, "v1") != event_id_number("a" * 64, "v2")
    rows = [dict(zip(EVENT_COLUMNS, line.split("\t"), strict=True)) for line in _lines(exports["gdelt-events"])]
    seed_refusal = [r for r in rows if r["SOURCEURL"].endswith(SEED.name) and r["EventCode"] == "120"]
    assert seed_refusal and seed_refusal[0]["Actor1Code"] == "USAGOV"
    assert seed_refusal[0]["Actor1Geo_CountryCode"] == "US"  # FIPS, as in GDELT
    assert seed_refusal[0]["Actor1Geo_FullName"] == "United States" and seed_refusal[0]["Actor1Geo_Lat"]


def test_gdelt_gkg_rows_say_what_the_seed_says(exports):
    rows = [check_gkg_row(line) for line in _lines(exports["gdelt-gkg"])]
    seed = next(r for r in rows if r["V2DOCUMENTIDENTIFIER"].endswith(SEED.name))
    assert "KILL#5000#civilians" in seed["V1COUNTS"]
    assert "1#Syria#SY#SY#" in seed["V1LOCATIONS"]
    assert "US State Department,507" in seed["V2ENHANCEDORGANIZATIONS"]  # as written, not "United States government"
    assert "Washington," not in seed["V2ENHANCEDORGANIZATIONS"]  # a place standing for a government
    assert "David Schenker," in seed["V2ENHANCEDPERSONS"]
    assert "|told|the Biden administration will not re-establish" in seed["V2.1QUOTATIONS"]
    assert seed["V2EXTRASXML"].startswith(
        "<PAGE_TITLE>US State Department: We Will Not Normalize Ties With Assad</PAGE_TITLE>")
    assert '<QUOTE_SPEAKER OFFSET="592">United States government</QUOTE_SPEAKER>' in seed["V2EXTRASXML"]
    assert "2#11#0#2011#" in seed["V2.1ENHANCEDDATES"]  # "November 2011": month and year
    polnear = [r for r in rows if "example" in r["V2DOCUMENTIDENTIFIER"]]
    assert all(r["V2.1DATE"].endswith("000000") and r["V2SOURCECOMMONNAME"] for r in polnear)
    groups = [r for r in rows if "Islamic State" in r["V2.1ALLNAMES"]]
    assert any("Islamic State" in r["V2ENHANCEDORGANIZATIONS"] for r in groups)  # a group is an organisation


@pytest.mark.parametrize("filters", [{"actor": "USAGOV"}, {"root": "12"}, {"source": "USAGOV", "since": "2016-10"}])
def test_export_takes_the_query_events_filters(store_path, tmp_path, filters):
    with open_store(store_path, read_only=True) as store:
        selected = query.events(store, **filters)
        n = export(store, "gdelt-events", tmp_path / "slice.tsv", **filters)
        n_docs = export(store, "gdelt-gkg", tmp_path / "slice.gkg", **filters)
        everything = store.count("events")
    assert 0 < n == len(selected) < everything
    assert n_docs == len({row["doc_id"] for row in selected})
    ids = {str(event_id_number(row["doc_id"], row["event_id"])) for row in selected}
    assert {line.split("\t")[0] for line in _lines(tmp_path / "slice.tsv")} == ids
    if "actor" in filters:
        assert all(filters["actor"] in line.split("\t")[5:16:10] for line in _lines(tmp_path / "slice.tsv"))


def test_export_filters_are_checked(store_path, tmp_path):
    with open_store(store_path, read_only=True) as store:
        with pytest.raises(NewsgraphError, match="E023"):
            export(store, "parquet", tmp_path / "tables", actor="USAGOV")
        with pytest.raises(NewsgraphError, match="E023"):
            export(store, "gdelt-events", tmp_path / "x.tsv", since="June")
        assert export(store, "jsonl", tmp_path / "none.jsonl", actor="NOBODY") == 0


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
        tone = store.fetch("SELECT tone, tone_words FROM documents WHERE id = ?", (first["document"]["id"],))[0]
        assert (tone["tone"], tone["tone_words"]) == (first["document"]["tone"]["tone"],
                                                      first["document"]["tone"]["words"])


def test_an_unwritable_export_is_a_clear_error_and_leaves_no_file(tmp_path, store_path):
    with open_store(store_path, read_only=True) as store, pytest.raises(NewsgraphError, match="E024"):
        export(store, "jsonl", tmp_path / "no" / "such" / "dir" / "x.jsonl")


def test_stored_at_is_utc_now_unless_given(tmp_path, seed_record):
    record = seed_record.to_dict()
    with open_store(str(tmp_path / "db.duckdb")) as store:
        before = datetime.now(UTC).replace(tzinfo=None, microsecond=0)  # the store keeps naive UTC
        store.add([record])
        store.add([record], datetime(2020, 1, 1))  # stored already: its time stays
        (row,) = store.fetch("SELECT stored_at FROM documents")
    assert before <= row["stored_at"] <= datetime.now(UTC).replace(tzinfo=None)


@pytest.mark.parametrize(("place", "geo"), [
    # a US state is a state row, by the gazetteer's centre point, whatever point the record carries
    ({"text": "Alaska", "country": "USA", "feature": "region", "admin1": "USAK", "lat": 61.4, "lon": -152.3,
      "geonames": 5879092}, ("2", "Alaska, United States", "US", "USAK", "", "61.269", "-148.831", "AK")),
    ({"text": "Oklahoma", "country": "USA", "lat": 35.5, "lon": -97.5, "geonames": 4544379},
     ("2", "Oklahoma, United States", "US", "USOK", "", "35.6236", "-96.973", "OK")),  # not Oklahoma City
    ({"text": "Idlib", "country": "SYR", "feature": "region", "admin1": "SY12", "lat": 35.8, "lon": 36.6,
      "geonames": None}, ("5", "Idlib, Syria", "SY", "SY12", "", "35.8739", "36.6131", "SY12")),
    ({"text": "Fairbanks", "country": "USA", "feature": "city", "admin1": "USAK", "lat": 64.8, "lon": -147.7,
      "geonames": 5861897}, ("3", "Fairbanks, Alaska, United States", "US", "USAK", "", "64.8378", "-147.716",
                             "5861897")),
    ({"text": "Syria", "country": "SYR", "feature": "country", "admin1": "SY", "lat": None, "lon": None,
      "geonames": 163843}, ("1", "Syria", "SY", "SY", "", "35", "38", "SY")),  # a country has its centre point
    ({"text": "Narnia", "country": None, "lat": None, "lon": None, "geonames": None}, None),  # unresolved: left out
    ({"text": "the Kurdish north", "country": "SYR", "lat": None, "lon": None, "geonames": None}, None),
])
def test_gdelt_place_geography_by_the_gazetteer(place, geo):
    resolved = resolve(place)
    assert (resolved.fields() if resolved else None) == geo
