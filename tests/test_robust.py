"""Robust under fire (issue 13): every reproducer of a crash, a hang or a lost row, as a test."""
from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from conftest import POLNEAR_DEV, ROOT
from invariants import assert_invariants
from newsgraph import analyze
from newsgraph.chunks import split_points
from newsgraph.errors import Errors, NewsgraphError, from_exception
from newsgraph.facts.dates import resolve_date
from newsgraph.pipeline import analyze_articles
from newsgraph.read import read_inputs

NEWSGRAPH = [sys.executable, "-m", "newsgraph.cli"]
POISON = "Gunmen killed " + "9" * 309 + " civilians."


def run_cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*NEWSGRAPH, *args], capture_output=True, text=True, timeout=900, **kwargs)


# -- the error policy ---------------------------------------------------------------------------

def test_errors_newsgraph_error_pickles_whole():
    err = NewsgraphError(Errors.E025, detail="Traceback ...", input="k.txt", stage="analysis", why="boom")
    back = pickle.loads(pickle.dumps(err))
    assert (back.code, back.message, back.input, back.detail) == (err.code, err.message, err.input, err.detail)


def test_errors_from_exception_names_the_stage_and_keeps_the_traceback():
    from newsgraph.facts.dates import _month

    try:
        _month("nonsense")  # a KeyError raised inside facts.dates
    except KeyError as exc:
        err = from_exception(exc, "a.txt", "analysis")
    assert err.code is Errors.E025 and "facts.dates" in err.message and "a.txt" in err.message
    assert "\n" not in err.message and "Traceback" in err.detail


@pytest.mark.parametrize("text, count", [
    (POISON, None),                                      # once an OverflowError: now no count at all
    ("Gunmen killed " + "9" * 20 + " civilians.", None),  # beyond any real toll
    ("Gunmen killed 12 civilians.", 12),                 # and real counts still count
])
def test_pipeline_huge_numbers_are_no_counts(analyze_text, text, count):
    record = analyze_text(text)
    assert [c.number for c in record.counts if c.kind == "KILL"] == ([count] if count else [])


def test_pipeline_one_bad_article_leaves_the_others(nlp, monkeypatch):
    import newsgraph.pipeline as pipeline
    from newsgraph.record import RawArticle

    real = pipeline.find_quotes

    def fragile(doc, mask, actors):
        if "explode" in doc.text:
            raise ValueError("a bug in the quotes stage")
        return real(doc, mask, actors)

    monkeypatch.setattr(pipeline, "find_quotes", fragile)
    texts = ["Police arrested 12 men on Monday.", "This one will explode the quotes stage.",
             "The army said it shelled the town."]
    out = list(analyze_articles([RawArticle(text=t, input_id=f"a{k}") for k, t in enumerate(texts)]))
    assert [type(r).__name__ for r in out] == ["Record", "NewsgraphError", "Record"]
    assert out[1].code is Errors.E025 and out[1].input == "a1" and "quotes" in out[1].message


def test_read_deep_jsonl_row_costs_only_itself(tmp_path):
    corpus = tmp_path / "deep.jsonl"
    corpus.write_text(json.dumps({"id": "before", "text": "Police arrested 12 men."}) + "\n"
                      + "[" * 3000 + "]" * 3000 + "\n"
                      + '{"text": ' * 3000 + "\n"
                      + json.dumps({"id": "after", "text": "The army shelled the town."}) + "\n", encoding="utf-8")
    items = list(read_inputs([str(corpus)]))
    assert [i.input_id if not isinstance(i, NewsgraphError) else i.code.name for i in items] == \
        ["before", "E006", "E006", "after"]


@pytest.mark.parametrize("published, expression", [
    (date(9999, 12, 31), "tomorrow"), (date(9999, 12, 31), "next month"), (date(9999, 12, 31), "next year"),
    (date(9999, 12, 31), "December 28"), (date(1, 1, 1), "yesterday"), (date(1, 1, 1), "last week"),
    (date(1, 1, 1), "last month"), (date(1, 1, 1), "the past decade"),
])
def test_dates_at_the_ends_of_the_calendar_resolve_to_nothing(published, expression):
    assert resolve_date(expression, published) is None


def test_dates_in_the_middle_of_the_calendar_still_resolve():
    assert resolve_date("yesterday", date(2021, 6, 15)) == "2021-06-14"
    assert resolve_date("next month", date(2021, 12, 15)) == "2022-01"


@pytest.mark.parametrize("kwargs, code, names", [
    ({"text": None}, "E026", "text"), ({"text": 123}, "E026", "text"), ({"text": b"Police arrested 12 men."}, "E026", "text"),
    ({"text": "Police arrested men.", "published": "abc"}, "E016", "published"),
    ({"text": "Police arrested men.", "published": "2021-13-45"}, "E016", "published"),
    ({"text": "Police arrested men.", "published": "9999-12-31"}, "E016", "1900-2100"),
    ({"text": "Police arrested men.", "published": "0001-01-01"}, "E016", "1900-2100"),
    ({"text": "Police arrested men.", "published": 20210615}, "E026", "published"),
    ({"text": "Police arrested men.", "title": 123}, "E026", "title"),
    ({"text": "Police arrested \ud800 men."}, "E026", "surrogate"),
])
def test_api_analyze_checks_its_arguments(nlp, kwargs, code, names):
    text = kwargs.pop("text")
    with pytest.raises(NewsgraphError) as caught:
        analyze(text, **kwargs)
    assert caught.value.code.name == code and names in caught.value.message


def test_api_analyze_takes_an_iso_datetime(analyze_text):
    record = analyze_text("Police arrested 12 men yesterday.", published="2021-06-15T12:00:00Z")
    assert record.document.published == "2021-06-15"
    assert [d.value for d in record.dates] == ["2021-06-14"]


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "2021-13-45", "soon"])
def test_cli_published_out_of_range_is_the_same_error(tmp_path, value):
    article = tmp_path / "a.txt"
    article.write_text("Police arrested 12 men yesterday.", encoding="utf-8")
    result = run_cli("analyze", str(article), "--published", value)
    assert result.returncode == 2 and "[E016] --published" in result.stderr and "Traceback" not in result.stderr


# -- long and pathological texts ---------------------------------------------------------------

@pytest.mark.parametrize("text, limit", [
    ("a" * 25, 10),                                        # no break at all: hard cuts
    ("One two three. Four five six. Seven eight.", 16),    # sentence ends
    ("Para one is here.\n\nPara two is here.\n\nThree.", 20),  # paragraph breaks first
    ("short", 100),                                        # nothing to cut
])
def test_chunks_cover_the_text_exactly(text, limit):
    pieces = split_points(text, limit)
    assert "".join(text[s:e] for s, e in pieces) == text
    assert all(e - s <= limit for s, e in pieces) and all(e > s for s, e in pieces)


def test_pipeline_chunked_text_keeps_exact_offsets(nlp, monkeypatch):
    import newsgraph.chunks as chunks

    text = ("“We will rebuild the school,” the mayor of Homs said on Tuesday.\n\n"
            "Police arrested 12 protesters in Cairo after clashes with security forces.\n\n") * 6
    whole = analyze(text, published="2024-03-20").to_dict()
    monkeypatch.setattr(chunks, "CHUNK_CHARS", 300)
    pieces = analyze(text, published="2024-03-20")
    assert_invariants(pieces)
    assert [(q["start"], q["end"]) for q in pieces.to_dict()["quotes"]] == \
        [(q["start"], q["end"]) for q in whole["quotes"]]


def test_pipeline_text_over_the_model_limit_is_analysed(nlp, monkeypatch):
    # the 1.1 MB text against spaCy's 1,000,000 limit, at a tenth of the scale (and of the time)
    monkeypatch.setattr(nlp, "max_length", 100_000)
    paragraph = "Police arrested 12 protesters in Cairo on Tuesday, the interior ministry said.\n\n"
    text = paragraph * (110_000 // len(paragraph) + 1)
    assert len(text) > nlp.max_length
    record = analyze(text, published="2024-03-20")
    assert_invariants(record)
    assert len(record.counts) == text.count("Police arrested 12")


def test_quotes_time_grows_linearly_with_a_quote_storm(nlp):
    def seconds(n: int) -> float:
        start = time.perf_counter()
        analyze("“a” " * n)
        return time.perf_counter() - start

    seconds(200)  # warm
    small, large = seconds(500), seconds(2000)
    assert large / small < 8, f"4x the quotes took {large / small:.1f}x the time (quadratic would be 16x)"


# -- ingest with a poison file -------------------------------------------------------------------

def test_ingest_failing_article_is_one_error_and_exit_1(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for f in sorted((POLNEAR_DEV / "text").glob("*.txt"))[:10]:
        shutil.copy(f, folder / f.name)
    (folder / "poison.jsonl").write_text("[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    db = str(tmp_path / "db.duckdb")
    for run in range(2):
        result = run_cli("ingest", str(folder), "--db", db, "--batch-size", "4", "--quiet")
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        errors = [line for line in result.stderr.splitlines() if line.startswith("newsgraph: [E")]
        assert len(errors) == 1 and "[E006]" in errors[0]
        summary = result.stderr.splitlines()[-1]
        assert ("10 stored" if run == 0 else "10 already stored") in summary and "1 failed" in summary


# -- the store -------------------------------------------------------------------------------

def test_store_refuses_a_foreign_duckdb_file_and_writes_nothing(tmp_path):
    import duckdb

    from newsgraph.store import open_store

    path = tmp_path / "theirs.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE documents (x INTEGER)")
    with pytest.raises(NewsgraphError, match=r"E018.*not a newsgraph database"):
        open_store(str(path))
    with duckdb.connect(str(path)) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert tables == {"documents"}


def test_store_half_truncated_duckdb_file_is_damaged(tmp_path, records_db):
    from newsgraph.store import open_store

    cut = tmp_path / "cut.duckdb"
    data = Path(records_db).read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(NewsgraphError) as caught, open_store(str(cut), read_only=True) as store:
        for name in ("documents", "actors", "events", "quotes"):
            store.table(name)
    assert caught.value.code.name in ("E027", "E018", "E021") and "Traceback" not in caught.value.message


@pytest.fixture(scope="module")
def records_db(tmp_path_factory, nlp) -> str:
    from newsgraph.ingest import ingest
    from newsgraph.store import open_store

    db = str(tmp_path_factory.mktemp("robust") / "db.duckdb")
    with open_store(db) as store:
        ingest([str(f) for f in sorted((POLNEAR_DEV / "text").glob("*.txt"))[:6]], store,
               published="2021-06-15", progress=False)
    return db


def test_query_like_wildcards_match_only_themselves(records_db):
    from newsgraph import query
    from newsgraph.store import open_store

    with open_store(records_db, read_only=True) as store:
        everything = query.documents(store)
        assert everything
        assert query.documents(store, text="%") == [] and query.documents(store, text="_") == []
        assert query.actors(store, name="%") == []
        word = everything[0]["lead"].split()[0]
        assert query.documents(store, text=word)


def test_store_transient_lets_another_process_write_between_operations(records_db, tmp_path):
    from newsgraph.store import open_store

    db = tmp_path / "shared.duckdb"
    shutil.copy(records_db, db)
    reader = open_store(str(db), transient=True)
    before = reader.count("documents")
    article = tmp_path / "new.txt"
    article.write_text("Police arrested 14 protesters in Cairo on Tuesday.", encoding="utf-8")
    result = run_cli("ingest", str(article), "--db", str(db), "--quiet")
    assert result.returncode == 0, result.stderr
    assert reader.count("documents") == before + 1
    reader.close()


# -- fault injection: a server that stops, a disk that fills ------------------------------------

def _ingest_until(db: str, files: list[Path], stop: Callable[[subprocess.Popen], None]) -> subprocess.CompletedProcess:
    """Run an ingest one article a batch, calling `stop` once the first rows are in."""
    proc = subprocess.Popen([*NEWSGRAPH, "ingest", *map(str, files), "--db", db, "--batch-size", "1"],
                            stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    stop(proc)
    out, err = proc.communicate(timeout=900)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.fixture
def own_postgres():
    """A PostgreSQL server of this test's own (the shared one must not be stopped), stopped afterwards."""
    import tempfile

    port = str(55500 + os.getpid() % 400)
    home = Path(tempfile.mkdtemp(prefix="newsgraph-pg-"))  # not under pytest's tmp: the postgres user must reach it
    home.chmod(0o755)
    env = {**os.environ, "NEWSGRAPH_PG_PORT": port, "NEWSGRAPH_PG_DIR": str(home / "pg")}
    done = subprocess.run([str(ROOT / "scripts" / "postgres.sh")], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        if os.environ.get("NEWSGRAPH_REQUIRE_PG"):
            pytest.fail(f"no PostgreSQL server: {done.stderr[-500:]}")
        pytest.skip("cannot start a PostgreSQL server")
    data = home / "pg" / "data"
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    pg_ctl = str(Path(shutil.which("pg_ctl") or next(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))))

    def ctl(*args: str) -> None:
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-w", *args], check=True, capture_output=True)

    yield done.stdout.strip().splitlines()[-1], ctl, port, home / "pg"
    subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
    shutil.rmtree(home, ignore_errors=True)


def test_ingest_postgresql_stopped_midway_is_one_line_and_a_rerun_completes(own_postgres):
    url, ctl, port, pgdir = own_postgres
    files = sorted((POLNEAR_DEV / "text").glob("*.txt"))[:8]

    def stop_when_rows(proc):
        import psycopg

        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with psycopg.connect(url, autocommit=True) as con:
                    n = con.execute("SELECT count(*) FROM documents").fetchone()[0]
                if n >= 2:
                    break
            except Exception:
                pass
            time.sleep(0.5)
        ctl("-m", "immediate", "stop")

    result = _ingest_until(url, files, stop_when_rows)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "[E021]" in result.stderr or "[E018]" in result.stderr
    ctl("-o", f"-p {port} -k {pgdir} -c listen_addresses=127.0.0.1", "-l", str(pgdir / "server.log"), "start")
    again = run_cli("ingest", *map(str, files), "--db", url, "--quiet")
    assert again.returncode == 0, again.stderr
    import psycopg

    with psycopg.connect(url, autocommit=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 8


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB tmpfs (root only: mounting needs it; CI runs as root)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill the disk needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], check=True)
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_ingest_disk_full_is_one_line_and_a_rerun_completes(small_disk, tmp_path):
    files = sorted((POLNEAR_DEV / "text").glob("*.txt"))[:30]
    db = str(small_disk / "db.duckdb")
    full = run_cli("ingest", *map(str, files), "--db", db, "--quiet", "--batch-size", "4")
    assert full.returncode == 1 and "Traceback" not in full.stderr, full.stderr
    assert "No space left" in full.stderr or "[E021]" in full.stderr or "[E027]" in full.stderr
    subprocess.run(["mount", "-o", "remount,size=256m", str(small_disk)], check=True)
    again = run_cli("ingest", *map(str, files), "--db", db, "--quiet", "--batch-size", "4")
    assert again.returncode == 0, again.stderr
    from newsgraph.store import open_store

    with open_store(db, read_only=True) as store:
        assert store.count("documents") == 30


# -- ingest into a served file ----------------------------------------------------------------------

def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_while_ingest_writes_the_same_duckdb_file(records_db, tmp_path):
    import threading
    import urllib.error
    import urllib.request

    db = tmp_path / "served.duckdb"
    shutil.copy(records_db, db)
    port = _free_port()
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen([*NEWSGRAPH, "serve", "--db", str(db), "--port", str(port)], stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"

    def get(path: str) -> tuple[int, dict]:
        try:
            with urllib.request.urlopen(base + path, timeout=30) as answer:
                return answer.status, json.loads(answer.read())
        except urllib.error.HTTPError as exc:
            return exc.code, {}

    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                status, health = get("/api/health")
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, (tmp_path / "server.log").read_text()
                time.sleep(0.5)
        before = health["documents"]
        statuses: list[int] = []
        done = threading.Event()

        def poll() -> None:
            while not done.is_set():
                statuses.append(get("/api/documents?limit=5")[0])
                time.sleep(0.2)

        poller = threading.Thread(target=poll)
        poller.start()
        files = sorted((POLNEAR_DEV / "text").glob("*.txt"))[10:14]
        result = run_cli("ingest", *map(str, files), "--db", str(db), "--batch-size", "1", "--quiet")
        done.set()
        poller.join()
        assert result.returncode == 0, result.stderr
        log.flush()
        assert statuses and set(statuses) == {200}, (statuses, (tmp_path / "server.log").read_text()[-3000:])
        assert get("/api/health")[1]["documents"] == before + 4
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


# -- the HTTP API's limits -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def api(records_db):
    from fastapi.testclient import TestClient

    from newsgraph.serve import create_app
    from newsgraph.serve.analysis import AnalysisPool

    pool = AnalysisPool(seconds=0.5)  # the first analysis waits for the worker's model: always too slow
    app = create_app(db=records_db, analysis=pool)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    pool.close()


@pytest.mark.parametrize("path, status", [
    ("/api/documents?offset=9223372036854775808", 422),
    ("/api/events?limit=5&offset=9223372036854775807", 422),
    ("/api/documents?q=%25", 200),
    ("/api/search?q=%25%25", 200),
])
def test_api_odd_values_are_answered_without_internals(api, path, status):
    answer = api.get(path)
    assert answer.status_code == status
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in answer.headers["content-security-policy"]
    assert "duckdb" not in answer.text.lower() and "/tmp" not in answer.text
    if status == 200 and "documents" in path:
        assert answer.json()["items"] == []


def test_api_analysis_past_its_time_limit_is_504_with_retry_after(api):
    answer = api.post("/api/analyze", json={"text": "Police arrested 12 men in Cairo on Tuesday."})
    assert answer.status_code == 504 and answer.headers["retry-after"]
    assert "[E029]" in answer.json()["error"]


def test_api_body_that_trickles_in_is_408(api, monkeypatch):
    import newsgraph.serve.app as app_module

    monkeypatch.setattr(app_module, "BODY_SECONDS", 0.3)

    def slowly():
        yield b'{"text": "'
        time.sleep(1.0)
        yield b'Police arrested 12 men."}'

    answer = api.post("/api/analyze", content=slowly(), headers={"Content-Type": "application/json"})
    assert answer.status_code == 408


@pytest.mark.parametrize("text", [
    "The army, the police, the border guards and the militias took part in the operation.",
    "Russia and China vetoed the resolution, while France, Britain and the United States voted for it.",
    "She met Joe Biden, Vladimir Putin and Xi Jinping in Geneva.",
    "Nothing here is coordinated.",
    "“a” “a” “a” “a” “a” “a” “a” “a”",
])
def test_nounchunks_are_spacys_in_linear_time(nlp, text):
    from spacy.lang.en.syntax_iterators import noun_chunks as spacys

    from newsgraph.nounchunks import noun_chunks

    doc = nlp(text)
    assert list(noun_chunks(doc)) == list(spacys(doc))
    assert [c.text for c in doc.noun_chunks] == [doc[s:e].text for s, e, _ in spacys(doc)]
