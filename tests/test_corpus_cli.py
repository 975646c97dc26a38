"""The corpus verbs from the command line: ingest, query, export; bad input is one line and a non-zero exit."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from conftest import SEED
from newsgraph.cli import main
from newsgraph.store import open_store


@pytest.fixture(scope="module")
def db(tmp_path_factory, nlp) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "news.duckdb")
    result = CliRunner().invoke(main, ["ingest", str(SEED), "--db", path, "--published", "2021-06-15"])
    assert result.exit_code == 0, result.output
    assert "1 stored" in result.output
    return path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_query_events_as_table_csv_and_json(db):
    table = run("query", "events", "--db", db, "--actor", "USAGOV", "--since", "2021-06")
    assert table.exit_code == 0
    header = table.output.splitlines()[0].split()
    assert header[:4] == ["date", "source_code", "source", "cameo"]
    assert "REJECT" in table.output
    rows = list(csv.DictReader(io.StringIO(run("query", "events", "--db", db, "--format", "csv").output)))
    assert rows and {"source_code", "target_code", "goldstein", "evidence"} <= set(rows[0])
    events = json.loads(run("query", "events", "--db", db, "--format", "json", "--plover", "reject").output)
    assert events and all(e["plover"] == "REJECT" for e in events)
    assert json.loads(run("query", "events", "--db", db, "--format", "json", "--until", "2010").output) == []
    old = json.loads(run("query", "events", "--db", db, "--format", "json", "--until", "2020").output)
    assert old and all(e["date"] < "2021" for e in old)  # the Arab League's suspension of Syria, 2011-11


def test_query_quotes_pairs_timeline(db):
    quotes = json.loads(run("query", "quotes", "--db", db, "--speaker", "schenker", "--format", "json").output)
    assert quotes and all(q["speaker"] == "David Schenker" for q in quotes)
    pairs = json.loads(run("query", "pairs", "--db", db, "--format", "json").output)
    assert {"source": "USAGOV", "target": "SYRGOV"}.items() <= pairs[0].items()
    timeline = json.loads(run("query", "timeline", "--db", db, "--actor", "SYRGOV", "--format", "json").output)
    assert timeline and all(len(t["period"]) == 7 for t in timeline)


@pytest.mark.parametrize("args, code", [
    (("query", "events", "--since", "last week"), "E023"),
    (("query", "events", "--db", "/nonexistent/x.duckdb"), "E018"),
    (("query", "events", "--db", "mysql://x/y"), "E019"),
    (("export", "/nonexistent/dir/out.tsv", "--format", "gdelt-events"), "E024"),
    (("query", "events", "--quad-class", "9"), "E023"),
    (("export", "x.tsv", "--format", "gdelt-events", "--region", "Texas!"), "E023"),
])
def test_bad_input_is_one_line_and_exit_1(db, args, code):
    if "--db" not in args:
        args = (*args, "--db", db)
    result = run(*args)
    assert result.exit_code == 1
    assert code in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_export_writes_files(db, tmp_path):
    out = tmp_path / "events.tsv"
    result = run("export", str(out), "--format", "gdelt-events", "--db", db)
    assert result.exit_code == 0 and "wrote" in result.output
    assert all(line.count("\t") == 60 for line in out.read_text().splitlines())


def test_export_takes_the_query_events_filters(db, tmp_path):
    events = json.loads(run("query", "events", "--db", db, "--format", "json", "--source", "USAGOV",
                            "--root", "12").output)
    out = tmp_path / "slice.tsv"
    result = run("export", str(out), "--format", "gdelt-events", "--db", db, "--source", "USAGOV", "--root", "12")
    assert result.exit_code == 0 and f"wrote {len(events)} rows" in result.output
    rows = [line.split("\t") for line in out.read_text().splitlines()]
    assert rows and all(r[5] == "USAGOV" and r[28] == "12" for r in rows)
    none = run("export", str(tmp_path / "none.tsv"), "--format", "gdelt-events", "--db", db, "--until", "1999")
    assert none.exit_code == 0 and "wrote 0 rows" in none.output


def test_query_and_export_take_the_pages_filter(db, tmp_path):
    everything = json.loads(run("query", "events", "--db", db, "--format", "json").output)
    conflict = json.loads(run("query", "events", "--db", db, "--format", "json", "--quad-class", "4").output)
    syria = json.loads(run("query", "events", "--db", db, "--format", "json", "--country", "SYR").output)
    assert conflict and len(conflict) < len(everything) and all(e["quad_class"] == 4 for e in conflict)
    assert syria and all("SYR" in ((e["source_code"] or "")[:3], (e["target_code"] or "")[:3]) for e in syria)
    out = tmp_path / "syria.tsv"
    result = run("export", str(out), "--format", "gdelt-events", "--db", db, "--country", "SYR")
    assert result.exit_code == 0 and f"wrote {len(syria)} rows" in result.output
    nowhere = json.loads(run("query", "events", "--db", db, "--format", "json", "--region", "USTX").output)
    assert nowhere == []  # the seed names no place in Texas


def test_a_garbage_database_file_is_refused_and_left_alone(tmp_path):
    garbage = tmp_path / "notes.duckdb"
    garbage.write_text("my notes, not a database\n" * 50)
    before = garbage.read_bytes()
    result = run("ingest", str(SEED), "--db", str(garbage))
    assert result.exit_code == 1 and "E018" in result.output
    assert garbage.read_bytes() == before


def test_ingest_other_field_names_and_a_bad_date_row(tmp_path, nlp):
    """An IndiaPoliceEvents-shaped corpus: its text under doc_text, one row with a date nobody can read."""
    corpus = tmp_path / "docs.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in [
        {"doc_id": 11, "doc_text": "This story is from March 10, 2002\n\nlucknow: police arrested 12 people after "
                                   "clashes in the old city, officials said.\n\nFacebook Twitter Linkedin Mail"},
        {"doc_id": 12, "doc_text": "surat: the police fired tear gas at a mob that attacked shops.",
         "date": "the tenth of never"},
        {"doc_id": 13, "doc_text": "ahmedabad: the army staged a flag march on Sunday.", "date": "10/03/2002"},
    ]), encoding="utf-8")
    db = str(tmp_path / "news.duckdb")
    wrong = run("ingest", str(corpus), "--db", db, "--quiet")
    assert wrong.exit_code == 1 and "'text' field (its fields: doc_id, doc_text)" in wrong.output
    result = run("ingest", str(corpus), "--db", db, "--quiet", "--text-field", "doc_text", "--id-field", "doc_id",
                 "--date-field", "date")
    assert result.exit_code == 0, result.output
    assert "3 stored" in result.output
    assert "warning: [E015]" in result.output and "row 2" in result.output and "row 3" in result.output
    assert "2 articles and" in result.output and "have no date" in result.output
    docs = json.loads(run("query", "documents", "--db", db, "--format", "json").output)
    assert {d["input_id"]: (d["published"], d["published_from"]) for d in docs} == {
        "11": ("2002-03-10", "dateline"), "12": (None, None), "13": (None, None)}
    assert all(d["analyser"] and "+data." in d["analyser"] for d in docs)
    with open_store(db, read_only=True) as store:
        (eleven,) = store.fetch("SELECT title, text FROM documents WHERE input_id = '11'")
    assert eleven == {"title": None, "text": "lucknow: police arrested 12 people after clashes in the old city, "
                                             "officials said."}
    timeline = run("query", "timeline", "--db", db)
    assert "have no date: they are not on this timeline" in timeline.output
    dmy = run("ingest", str(corpus), "--db", str(tmp_path / "dmy.duckdb"), "--quiet", "--text-field", "doc_text",
              "--id-field", "doc_id", "--date-field", "date", "--date-order", "DMY")
    assert dmy.exit_code == 0 and "row 3" not in dmy.output
