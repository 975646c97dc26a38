"""Records that follow upgrades: a store written by a newsgraph whose data differed is analysed again.

The "older newsgraph" is this package copied with one data file changed (furniture.tsv without its
share-button rows), run from the copy in a subprocess, as a user's old installation would be.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT, SHARED, snapshot
from newsgraph.store.rows import COLUMNS
from newsgraph.version import analyser_version, data_fingerprint

NEWSGRAPH = [sys.executable, "-m", "newsgraph.cli"]
INDIA = SHARED / "eval" / "india_police_events" / "docs.jsonl"
SHARE_RUN = "Facebook Twitter Linkedin Mail"
ARTICLES = 90
READING = ["--text-field", "doc_text", "--id-field", "doc_id"]




def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*NEWSGRAPH, *args], capture_output=True, text=True, cwd=ROOT, env=env)


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> dict:
    """An IndiaPoliceEvents corpus stored by the older newsgraph, and by this one (the clean result)."""
    tmp = tmp_path_factory.mktemp("reanalyse")
    corpus = tmp / "docs.jsonl"
    with INDIA.open(encoding="utf-8") as src, corpus.open("w", encoding="utf-8") as out:
        rows = [r for r in map(json.loads, src) if SHARE_RUN in r["doc_text"]][:ARTICLES]
        out.writelines(json.dumps(r) + "\n" for r in rows)
    old = tmp / "old"
    shutil.copytree(ROOT / "src" / "newsgraph", old / "newsgraph", ignore=shutil.ignore_patterns("__pycache__"))
    furniture = old / "newsgraph" / "data" / "furniture.tsv"
    lines = furniture.read_text(encoding="utf-8").splitlines(keepends=True)
    furniture.write_text("".join(ln for ln in lines if not ln.startswith("line\tshare\t")), encoding="utf-8")
    old_url = str(tmp / "old.duckdb")
    done = run("ingest", str(corpus), "--db", old_url, "--quiet", *READING,
               env={**os.environ, "PYTHONPATH": str(old)})
    assert done.returncode == 0, done.stderr
    clean_url = str(tmp / "clean.duckdb")
    done = run("ingest", str(corpus), "--db", clean_url, "--quiet", *READING)
    assert done.returncode == 0, done.stderr
    return {"corpus": corpus, "old": old_url, "clean": clean_url, "old_package": old / "newsgraph" / "data"}


def test_version_data_fingerprint_changes_with_a_data_file(stores):
    from importlib import resources

    assert data_fingerprint(stores["old_package"]) != data_fingerprint(resources.files("newsgraph.data"))
    assert analyser_version().endswith(data_fingerprint(resources.files("newsgraph.data")))


def test_reanalyse_replaces_old_records_and_loses_nothing(stores, tmp_path):
    old = snapshot(stores["old"])
    assert len(old["documents"]) == ARTICLES
    assert all(SHARE_RUN in row[3] for row in old["documents"])  # the older data kept the share buttons
    url = str(tmp_path / "store.duckdb")
    shutil.copy(stores["old"], url)
    warned = run("ingest", str(tmp_path / "nothing-here"), "--db", url, "--quiet")
    assert f"warning: {ARTICLES} stored articles were analysed by another newsgraph version" in warned.stderr
    # the user's files again, after the upgrade: the stored records are replaced, none is stored twice
    done = run("ingest", "--reanalyse", str(stores["corpus"]), "--db", url, "--quiet", *READING)
    assert done.returncode == 0, done.stderr
    assert f"{ARTICLES} stored articles analysed again: {ARTICLES} replaced" in done.stderr
    assert f"{ARTICLES} already stored" in done.stderr
    assert snapshot(url) == snapshot(stores["clean"])
    again = run("reanalyse", "--db", url, "--quiet")
    assert "0 stored articles analysed again" in again.stderr


def test_reanalyse_killed_partway_resumes_to_the_clean_result(stores, tmp_path):
    clean = snapshot(stores["clean"])
    url = str(tmp_path / "killed.duckdb")
    shutil.copy(stores["old"], url)
    proc = subprocess.Popen([*NEWSGRAPH, "reanalyse", "--db", url, "--batch-size", "2"], stderr=subprocess.PIPE,
                            text=True, cwd=ROOT)
    line = proc.stderr.readline()  # the first progress line: batches are committed by then
    assert "articles/s" in line, line
    time.sleep(0.5)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = snapshot(url)
    assert len(partial["documents"]) == ARTICLES, "nothing lost"
    current = analyser_version()
    column = COLUMNS["documents"].index("analyser")
    done = {row[0] for row in partial["documents"] if row[column] == current}
    assert 0 < len(done) < ARTICLES, "the kill should land partway"
    for name in COLUMNS:  # every replaced document is whole: all its rows, as a clean run has them
        assert [r for r in partial[name] if r[0] in done] == [r for r in clean[name] if r[0] in done], name
    resumed = run("reanalyse", "--db", url, "--quiet")
    assert resumed.returncode == 0, resumed.stderr
    assert f"{ARTICLES - len(done)} stored articles analysed again" in resumed.stderr
    assert snapshot(url) == clean
