"""The contract's invariants on the seed and on every PolNeAR dev article."""
from __future__ import annotations

import json

from conftest import POLNEAR_DEV, SHARED
from invariants import assert_invariants
from newsgraph.pipeline import analyze_articles
from newsgraph.read import read_inputs
from newsgraph.read.corpus import ReadOptions, row_to_article


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


def test_invariants_india_police_events_without_their_furniture(nlp):
    """Times of India articles that end in share buttons and "related stories" runs: the furniture is gone
    from the text and every span still indexes the text exactly."""
    corpus = SHARED / "eval" / "india_police_events" / "docs.jsonl"
    options = ReadOptions(text_field="doc_text", id_field="doc_id")
    with corpus.open(encoding="utf-8") as fh:
        rows = [r for r in map(json.loads, fh) if "related stories" in r["doc_text"]][:12]
    raws = [row_to_article(row, str(corpus), n, options) for n, row in enumerate(rows, start=1)]
    records = list(analyze_articles(raws))
    assert len(records) == 12
    for record in records:
        assert_invariants(record)
        text = record.document.text
        assert "Facebook Twitter" not in text and "related stories" not in text
        assert not any(text[s:e].endswith("full coverage") for s, e in record.document.paragraphs)
        assert record.document.published_from == "dateline" or record.document.published is None
        names = {a.name for a in record.actors}
        assert not names & {"Facebook", "Twitter", "Meta Platforms", "LinkedIn"}
