from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# the read-only reference folder: beside the checkout, or where NEWSGRAPH_SHARED (make test SHARED=...) says
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED") or ROOT.parent / "shared").resolve()
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


def polnear_corpus(tmp: Path, n: int | None = None) -> Path:
    """PolNeAR dev articles as a JSONL corpus with the publication date and outlet their file names give."""
    files = sorted((POLNEAR_DEV / "text").glob("*.txt"))[:n]
    out = tmp / "polnear_dev.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for f in files:
            outlet, day, slug = f.stem.split("_", 2)
            fh.write(json.dumps({"id": f.name, "text": f.read_text(encoding="utf-8"), "published": day,
                                 "source": outlet, "url": f"https://{outlet}.example/{day}/{slug}"}) + "\n")
    return out


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """A PostgreSQL server for the tests: $NEWSGRAPH_TEST_PG, or one scripts/postgres.sh starts."""
    import os
    import subprocess

    url = os.environ.get("NEWSGRAPH_TEST_PG")
    if not url:
        done = subprocess.run([str(ROOT / "scripts" / "postgres.sh")], capture_output=True, text=True)
        if done.returncode != 0:
            if os.environ.get("NEWSGRAPH_REQUIRE_PG"):
                pytest.fail(f"no PostgreSQL server: {done.stderr.strip()[-500:]}")
            pytest.skip("no PostgreSQL server (make test starts one)")
        url = done.stdout.strip().splitlines()[-1]
    return url


@pytest.fixture
def fresh_postgres(postgres_url: str):
    """The URL of a new, empty database on the test server, dropped afterwards."""
    import uuid

    import psycopg

    name = f"ng_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    yield postgres_url.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def snapshot(url: str) -> dict[str, list[tuple]]:
    """Every table's rows, less the time each document was stored: the one thing two runs differ in."""
    from newsgraph.store import open_store
    from newsgraph.store.rows import COLUMNS

    stored_at = COLUMNS["documents"].index("stored_at")
    with open_store(url, read_only=True) as store:
        tables = {name: store.table(name) for name in COLUMNS}
    tables["documents"] = [row[:stored_at] + row[stored_at + 1:] for row in tables["documents"]]
    return tables
