"""Ingest at scale: resumable after SIGKILL, the same records from processes and from a Dask cluster."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import POLNEAR_DEV, ROOT, polnear_corpus, snapshot
from newsgraph.ingest import ingest
from newsgraph.store import open_store
from newsgraph.store.rows import COLUMNS

NEWSGRAPH = [sys.executable, "-m", "newsgraph.cli"]




@pytest.fixture(scope="module")
def clean_dev(tmp_path_factory) -> tuple[str, dict]:
    """The 84 PolNeAR dev articles ingested once, in one process, without interruption."""
    url = str(tmp_path_factory.mktemp("clean") / "clean.duckdb")
    done = subprocess.run([*NEWSGRAPH, "ingest", str(POLNEAR_DEV / "text"), "--db", url, "--quiet"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "84 stored" in done.stderr
    return url, snapshot(url)


def test_an_ingest_killed_partway_resumes_to_the_clean_result(tmp_path, clean_dev):
    _, clean = clean_dev
    url = str(tmp_path / "killed.duckdb")
    command = [*NEWSGRAPH, "ingest", str(POLNEAR_DEV / "text"), "--db", url, "--batch-size", "2"]
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    # the first progress line comes a few seconds into the analysis: batches are committed by then
    line = proc.stderr.readline()
    assert "articles/s" in line, line
    time.sleep(0.7)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = snapshot(url)
    assert 0 < len(partial["documents"]) < 84, "the kill should land partway"
    # every stored document is whole: all its rows are there
    clean_ids = {row[0] for row in partial["documents"]}
    for name in COLUMNS:
        want = [row for row in clean[name] if row[0] in clean_ids]
        assert partial[name] == want, name

    resumed = subprocess.run(command + ["--quiet"], capture_output=True, text=True, cwd=ROOT)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{len(clean_ids)} already stored" in resumed.stderr
    assert snapshot(url) == clean

    again = subprocess.run(command + ["--quiet"], capture_output=True, text=True, cwd=ROOT)
    assert "0 stored, 84 already stored" in again.stderr
    assert snapshot(url) == clean


def test_worker_processes_store_what_one_process_stores(tmp_path, clean_dev):
    _, clean = clean_dev
    url = str(tmp_path / "two.duckdb")
    with open_store(url) as store:
        summary = ingest([str(POLNEAR_DEV / "text")], store, workers=2, progress=False)
    assert summary.added == 84
    assert snapshot(url) == clean


def test_a_dask_cluster_stores_what_one_process_stores(tmp_path):
    distributed = pytest.importorskip("distributed")
    corpus = polnear_corpus(tmp_path, 10)
    local_url, dask_url = str(tmp_path / "local.duckdb"), str(tmp_path / "dask.duckdb")
    with open_store(local_url) as store:
        assert ingest([str(corpus)], store, progress=False).added == 10
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) \
            as cluster, open_store(dask_url) as store:
        summary = ingest([str(corpus)], store, scheduler=cluster.scheduler_address, progress=False,
                         batch_size=3)
    assert summary.added == 10
    assert snapshot(dask_url) == snapshot(local_url)


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path):
    corpus = polnear_corpus(tmp_path, 1)
    done = subprocess.run([*NEWSGRAPH, "ingest", str(corpus), "--db", str(tmp_path / "x.duckdb"),
                           "--scheduler", "tcp://127.0.0.1:1"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1
    assert "[E022]" in done.stderr and "Traceback" not in done.stderr


def test_progress_without_a_terminal_is_plain_lines_with_rate_and_eta(monkeypatch):
    import io

    import newsgraph.ingest as ingest_module

    clock = iter([0.0, 1.0, 6.0, 12.0])  # start, then one reading per advance
    monkeypatch.setattr(ingest_module.time, "monotonic", lambda: next(clock))
    stream = io.StringIO()
    meter = ingest_module.Progress(total=40, stream=stream)
    for _ in range(3):
        meter.advance(10)
    lines = stream.getvalue().splitlines()
    assert lines == ["newsgraph: 20/40 articles, 3.33 articles/s, ETA 6 s",
                     "newsgraph: 30/40 articles, 2.50 articles/s, ETA 4 s"]
