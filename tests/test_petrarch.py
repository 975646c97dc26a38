"""PETRARCH2's unit-test records as behaviour: passives turned around, negation, compound actors, with the
suite's validation dictionaries as an extra actor source that never leaks into the shared knowledge base."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SHARED

PETRARCH = SHARED / "eval" / "petrarch2"
pytestmark = pytest.mark.skipif(not (PETRARCH / "PETR.UnitTest.records.xml").is_file(),
                                reason=f"PETRARCH2 records absent from {PETRARCH}")

CASES = ("PASSIVE-01", "PASSIVE-02", "SYNSET-12", "SYNSET-13", "SYNSET-14", "COMPOUND-02", "COMPOUND-05",
         "COMPOUND-18")


def _script():
    spec = importlib.util.spec_from_file_location("eval_petrarch", ROOT / "scripts" / "eval_petrarch.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_petrarch"] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def petrarch():
    return _script()


@pytest.fixture(scope="module")
def coded(petrarch, nlp):
    cases = {c.id: c for c in petrarch.load_cases(PETRARCH / "PETR.UnitTest.records.xml") if c.id in CASES}
    assert set(cases) == set(CASES)
    records = petrarch.code_cases(list(cases.values()), PETRARCH)
    return {cid: _events(records[cid]) for cid in cases}


def _events(record) -> list[tuple[str | None, str | None, str, bool]]:
    codes = {a.id: a.code for a in record.actors}
    return [(codes.get(e.source), codes.get(e.target), e.root, e.negated) for e in record.events]


def test_petrarch_actor_dictionary_aliases_and_dated_codes(petrarch):
    actors = petrarch.load_actor_dictionary(PETRARCH / "PETR.Validate.actors.txt")
    gollum = next(a for a in actors if a.names[0] == "Gollum")
    assert "Smeagol" in gollum.names
    assert gollum.code_at("19950101") == "HOB" and gollum.code_at("19990901") == "HOBREB"
    assert next(a for a in actors if a.names[0] == "Minas Tirith" or "Minas Tirith" in a.names).code_at("20000101") \
        == "GON"


@pytest.mark.parametrize("case", ["PASSIVE-01", "PASSIVE-02"])
def test_petrarch_passive_agent_is_the_source(coded, case):
    # "Eriador was (fiercely) opposed by Osgiliath": Osgiliath disapproves of Eriador (root 11)
    assert ("OSG", "ERI", "11", False) in coded[case]


def test_petrarch_negated_clash_is_not_asserted(coded):
    assert any(src == "BRE" and root == "19" and not neg for src, _, root, neg in coded["SYNSET-12"])
    for case in ("SYNSET-13", "SYNSET-14"):  # "didn't clash", "will not clash"
        clashes = [e for e in coded[case] if e[0] == "BRE" and e[2] == "19"]
        assert clashes and all(neg for *_, neg in clashes)


@pytest.mark.parametrize("case, sources", [("COMPOUND-18", {"FOR", "GON"}),
                                           ("COMPOUND-02", {"MOR", "ROH", "FOR", "BRE"})])
def test_petrarch_compound_subject_gives_one_event_each(coded, case, sources):
    # "Fornost and Gondor welcomed ...": two events, one per actor
    assert {src for src, *_ in coded[case]} == sources


@pytest.mark.xfail(reason="a target nested under the object's object ('the resumption of ties with X, Y "
                          "and Z') is not reached", strict=True)
def test_petrarch_compound_target_gives_one_event_each(coded):
    assert {tgt for _, tgt, *_ in coded["COMPOUND-05"]} >= {"MOR", "ROH", "FOR", "BRE"}


def test_petrarch_extra_actors_do_not_leak(coded, analyze_text):
    from newsgraph.actors.kb import knowledge_base

    assert not knowledge_base().lookup("Osgiliath")
    record = analyze_text("Osgiliath welcomed the resumption of formal diplomatic ties with Gondor.")
    assert all(a.code != "OSG" for a in record.actors)


def test_petrarch_report_lines(petrarch):
    cases = petrarch.load_cases(PETRARCH / "PETR.UnitTest.records.xml")
    assert len(cases) > 250 and sum(len(c.triples) for c in cases) > 300
    lines = petrarch.score(cases[:3], {})
    assert lines[1].startswith("(source, target, root) found: 0.000")


def test_petrarch_path_is_shared():
    assert Path(PETRARCH).resolve().parent.parent == SHARED
