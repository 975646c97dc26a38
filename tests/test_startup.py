"""Start-up: the commands that only read the store (query, export, serve) never import the NLP stack,
and a resumed ingest with nothing new to analyse loads no model."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import SEED

NLP_MODULES = ("spacy", "thinc")


def _nlp_modules_after(code: str) -> list[str]:
    """The NLP modules a fresh interpreter holds after running `code`."""
    probe = (f"{code}\nimport sys\n"
             f"print('loaded:' + ','.join(sorted(m for m in sys.modules if m.split('.')[0] in {NLP_MODULES!r})))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    last = done.stdout.strip().splitlines()[-1]
    assert last.startswith("loaded:"), done.stdout
    return [m for m in last.removeprefix("loaded:").split(",") if m]


@pytest.mark.parametrize("module", ["newsgraph.store", "newsgraph.query", "newsgraph.export", "newsgraph.cli",
                                    "newsgraph.serve.app", "newsgraph.ingest"])
def test_startup_reading_modules_import_no_spacy(module):
    assert _nlp_modules_after(f"import {module}") == []


def test_startup_export_writes_gdelt_geography_without_spacy():
    # the GDELT columns need the gazetteer, which lives beside the NLP stages but is plain data
    assert _nlp_modules_after("from newsgraph.export.geo import country_place\n"
                              "assert country_place('USA').country == 'US'") == []


def test_startup_the_analysis_still_loads_on_demand():
    assert "spacy" in _nlp_modules_after("import newsgraph\nnewsgraph.analyze")


def test_startup_resumed_ingest_with_nothing_new_loads_no_model(tmp_path):
    db = tmp_path / "resume.duckdb"
    first = subprocess.run([sys.executable, "-m", "newsgraph.cli", "ingest", str(SEED), "--db", str(db), "--quiet"],
                           capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    again = _nlp_modules_after(
        "from newsgraph.cli import main\n"
        f"main(['ingest', {str(SEED)!r}, '--db', {str(db)!r}, '--quiet'], standalone_mode=False)")
    assert again == []


def test_startup_no_batches_start_no_worker_pool_and_no_cluster(monkeypatch):
    from newsgraph import ingest

    def no_engine(*args, **kwargs):
        raise AssertionError("an engine started with nothing to analyse")

    monkeypatch.setattr(ingest, "_pool", no_engine)
    monkeypatch.setattr(ingest, "_dask", no_engine)
    assert list(ingest._run_engine(iter([]), None, 2, None)) == []
    assert list(ingest._run_engine(iter([]), None, 1, "tcp://127.0.0.1:1")) == []


def test_startup_a_query_imports_no_readers(tmp_path):
    # a query reads no article: the readers (and the record's classes, 80 ms of the process's start) stay out
    db = tmp_path / "query.duckdb"
    probe = ("from newsgraph.cli import main\n"
             f"main(['query', 'actors', '--db', {str(db)!r}], standalone_mode=False)\n"
             "import sys\n"
             "print('loaded:' + ','.join(sorted(m for m in sys.modules if m.startswith(('newsgraph.read.', "
             "'newsgraph.record', 'newsgraph.validate')))))")
    from newsgraph.store import open_store

    open_store(str(db)).close()
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "loaded:newsgraph.read.dates"
