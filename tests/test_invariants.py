"""The contract's invariants on the seed and on every PolNeAR dev article."""
from __future__ import annotations

from conftest import POLNEAR_DEV
from invariants import assert_invariants
from newsgraph.pipeline import analyze_articles
from newsgraph.read import read_inputs


def test_invariants_seed(seed_record):
    assert_invariants(seed_record)


def test_invariants_polnear_dev_all_articles(nlp):
    paths = sorted(str(p) for p in (POLNEAR_DEV / "text").glob("*.txt"))
    assert len(paths) == 84
    records = list(analyze_articles(read_inputs(paths)))
    assert len(records) == 84
    for record in records:
        assert_invariants(record)
    again = list(analyze_articles(read_inputs(paths[:5])))
    assert [r.to_json() for r in again] == [r.to_json() for r in records[:5]]
