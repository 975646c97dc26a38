"""Seeded fuzzing (a few hundred examples; `make fuzz` runs ten thousand): whatever comes in, the answer is
a record whose spans slice to their text or a NewsgraphError, never a traceback, never a 5xx."""
from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from adversarial import DATES, KINDS, PIECES, random_file
from invariants import assert_invariants
from newsgraph import analyze
from newsgraph.errors import NewsgraphError
from newsgraph.pipeline import analyze_articles
from newsgraph.read import read_inputs

FUZZ = settings(max_examples=120, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.text(max_size=400),
    st.tuples(st.sampled_from(sorted(KINDS)), st.integers(50, 3000)).map(lambda k: KINDS[k[0]](k[1])),
)
odd_values = st.one_of(st.none(), st.integers(), st.binary(max_size=20), st.floats(allow_nan=True))


@seed(13)
@FUZZ
@given(text=st.one_of(texts, odd_values), published=st.one_of(st.sampled_from(DATES), st.text(max_size=12)),
       title=st.one_of(st.none(), st.text(max_size=30), st.integers()))
def test_fuzz_analyze_gives_a_record_or_a_newsgraph_error(nlp, text, published, title):
    try:
        record = analyze(text, published=published, title=title)
    except NewsgraphError as err:
        assert "\n" not in err.message
        return
    assert_invariants(record)


@seed(13)
@settings(FUZZ, max_examples=60)
@given(seeds=st.lists(st.integers(0, 2**32), min_size=1, max_size=6))
def test_fuzz_readers_never_lose_the_run(nlp, tmp_path_factory, seeds):
    folder = tmp_path_factory.mktemp("fuzz")
    for k, value in enumerate(seeds):
        suffix, data = random_file(random.Random(value))
        (folder / f"{k}{suffix}").write_bytes(data)
    for result in analyze_articles(read_inputs([str(folder)])):
        if not isinstance(result, NewsgraphError):
            assert_invariants(result)


@pytest.fixture(scope="module")
def client(tmp_path_factory, nlp):
    from fastapi.testclient import TestClient

    from newsgraph.serve import create_app

    app = create_app(db=str(tmp_path_factory.mktemp("fuzzdb") / "db.duckdb"), create=True)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
    app.state.analysis.close()


@seed(13)
@settings(FUZZ, max_examples=60)
@given(body=st.one_of(
    st.fixed_dictionaries({"text": texts}, optional={"published": st.one_of(st.sampled_from(DATES), st.integers()),
                                                     "title": st.one_of(st.text(max_size=20), st.integers()),
                                                     "store": st.booleans()}),
    st.dictionaries(st.text(max_size=8), st.one_of(st.text(max_size=20), st.integers(), st.none()), max_size=3),
    st.lists(st.integers(), max_size=3),
))
def test_fuzz_http_analyze_never_answers_5xx(client, body):
    answer = client.post("/api/analyze", json=body)
    assert answer.status_code < 500, answer.text
    assert answer.headers["x-content-type-options"] == "nosniff"
    if answer.status_code == 200:
        assert set(answer.json()) >= {"document", "actors", "events"}
    else:
        assert "Traceback" not in answer.text and "/" not in answer.json()["error"].split(":")[0]
