from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = (ROOT.parent / "shared").resolve()
SEED = SHARED / "seed" / "000_27002b27250bcba8.txt"
SEED_GOLD = SHARED / "seed" / "000_27002b27250bcba8.gold.json"
POLNEAR_DEV = SHARED / "eval" / "polnear" / "dev"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def shared() -> Path:
    assert SHARED.is_dir(), f"the read-only reference folder {SHARED} is missing"
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.parse import load_model

    return load_model()


@pytest.fixture(scope="session")
def seed_record(nlp):
    from newsgraph.pipeline import analyze_articles
    from newsgraph.read import read_inputs

    (record,) = list(analyze_articles(read_inputs([str(SEED)])))
    return record


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    return json.loads(SEED_GOLD.read_text())


@pytest.fixture(scope="session")
def analyze_text(nlp):
    from newsgraph import analyze

    def run(text: str, **kwargs):
        return analyze(text, **kwargs)

    return run
