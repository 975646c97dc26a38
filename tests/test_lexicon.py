"""The two verb lexicons: PETRARCH2's imported dictionary (cameo_verbs.tsv) under the hand-written verbs.tsv."""
from __future__ import annotations

import importlib.util
import re
import sys

import pytest

from conftest import ROOT, SHARED
from newsgraph.data import load_table
from newsgraph.events.cameo import cameo_table
from newsgraph.events.lexicon import NULL, cameo_patterns, cameo_rows, match, match_cameo, match_hand
from newsgraph.events.phrases import Noun, Prep, Role, parse

CAMEO_DICT = SHARED / "knowledge" / "petrarch2" / "CAMEO.2.0.txt"
needs_shared = pytest.mark.skipif(not CAMEO_DICT.is_file(), reason="../shared (PETRARCH2's dictionary) is absent")


def _importer():
    spec = importlib.util.spec_from_file_location("import_cameo_verbs", ROOT / "scripts" / "import_cameo_verbs.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["import_cameo_verbs"] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@needs_shared
def test_lexicon_import_reproduces_committed_files(tmp_path):
    data = ROOT / "src" / "newsgraph" / "data"
    committed = (data / "cameo_verbs.tsv").read_text(encoding="utf-8")
    date = re.search(r"# Imported (\d{4}-\d\d-\d\d)", committed).group(1)
    review = tmp_path / "review.tsv"
    assert _importer().main([str(CAMEO_DICT), "--date", date, "--out", str(tmp_path), "--review", str(review)]) == 0
    assert (tmp_path / "cameo_verbs.tsv").read_text(encoding="utf-8") == committed
    assert (tmp_path / "cameo_synsets.tsv").read_text(encoding="utf-8") == \
        (data / "cameo_synsets.tsv").read_text(encoding="utf-8")
    assert review.read_text(encoding="utf-8") == \
        (ROOT / "scripts" / "cameo_verbs_disagreements.tsv").read_text(encoding="utf-8")


@needs_shared
def test_lexicon_import_parses_every_line():
    text = CAMEO_DICT.read_text(encoding="utf-8").splitlines()
    pattern_lines = {n for n, line in enumerate(text, start=1) if line.startswith("- ")}
    d = _importer().read_dictionary(CAMEO_DICT)
    assert {p.line for b in d.blocks for p in b.patterns} == pattern_lines
    assert len(d.blocks) == sum(line.startswith("---") for line in text) and d.transformations == 8
    imported = {int(r["line"]) for r in load_table("cameo_verbs.tsv")}
    # every pattern of a block with member verbs is a row; blocks without verbs have none to code
    orphaned = {p.line for b in d.blocks if not b.verbs for p in b.patterns}
    assert pattern_lines - orphaned <= imported
    synonyms = sum(1 for line in text[: text.index("####### VERB PATTERNS ####### ")] if line.startswith("+"))
    assert len(load_table("cameo_synsets.tsv")) == synonyms


def test_lexicon_codes_exist_in_cameo_table():
    table = cameo_table()
    for r in load_table("cameo_verbs.tsv"):
        assert r["cameo"] == NULL or r["cameo"] in table, r
        assert not r["paired"] or r["paired"] in table, r


def test_lexicon_notation_parses_phrases_prepositions_sets_and_roles():
    (noun,) = parse("{arms shipment}")
    assert isinstance(noun, Noun) and noun.alternatives == ((frozenset({"shipment"}), (frozenset({"arms", "arm"}),)),)
    prep, role = parse("(to {banned party}) $")
    assert isinstance(prep, Prep) and prep.word == "to" and isinstance(role, Role) and role.mark == "$"
    (target,) = parse("(into +)")[0].inner
    assert target == Role("+")
    (food,) = parse("&food")
    assert frozenset({"food"}) in {h for h, _ in food.alternatives}


def test_lexicon_petrarch_knows_reneging_and_hunger_strikes():
    reneging = [p for p, _ in cameo_patterns("renege")]
    assert any(p.cameo == "160" and p.after and isinstance(p.after[0], Prep) and p.after[0].word == "on"
               for p in reneging)
    assert "stage" in cameo_rows()[0] and "renege" in cameo_rows()[0]


# tune records of the PLOVER visible set only (scripts/evalsplit.py)
CAMEO_ONLY = [
    # word, code the PETRARCH layer gives, sentence
    ("hack", "17", "North Korea has tried to hack into the computers of South Korean army officers, officials said "
                   "Tuesday."),
    ("used", "175", "Liberian riot police used tear gas to disperse demonstrators protesting election results in "
                    "Monrovia."),
    ("staged", "140", "Salaheddine Sidhoum, Algeria's leading human rights activist, staged a 24-hour hunger strike "
                      "in prison on Sunday in protest against the widespread human rights violations by Algerian "
                      "security forces, his lawyer said on Tuesday."),
]


@pytest.mark.parametrize(("word", "code", "text"), CAMEO_ONLY)
def test_lexicon_petrarch_layer_matches_real_sentences(nlp, word, code, text):
    token = next(t for t in nlp(text) if t.text == word)
    found = match_cameo(token)
    assert found is not None and found.pattern.layer == "cameo" and found.pattern.cameo == code


@pytest.mark.parametrize(("word", "code", "text"), CAMEO_ONLY[:2])
def test_lexicon_petrarch_fills_what_verbs_tsv_lacks(nlp, word, code, text):
    token = next(t for t in nlp(text) if t.text == word)
    assert match_hand(token) is None
    assert match(token).pattern.cameo == code


def test_lexicon_hand_written_rows_take_precedence(nlp):
    token = next(t for t in nlp(CAMEO_ONLY[2][2]) if t.text == "staged")
    hand, petrarch = match_hand(token), match_cameo(token)
    assert hand is not None and petrarch is not None and hand.pattern.cameo != petrarch.pattern.cameo
    assert match(token) == hand and match(token).pattern.layer == "verbs"


NO_EVENT = [
    # word that is no event here, sentence (tune records)
    ("said", "Yemen has rejected a U.S. request to interrogate detainees held after the escape of 23 al-Qaida "
             "prisoners, a security official said Tuesday."),
    ("held", "Yemen has rejected a U.S. request to interrogate detainees held after the escape of 23 al-Qaida "
             "prisoners, a security official said Tuesday."),
    ("wanted", "Uganda has granted political asylum to 18 Rwandan rebels who entered the country illegally two "
               "years ago and are wanted at home on treason charges, a United Nations official said on Friday."),
]


@pytest.mark.parametrize(("word", "text"), NO_EVENT)
def test_lexicon_no_event_for_reports_descriptions_and_agentless_passives(nlp, word, text):
    token = next(t for t in nlp(text) if t.text == word)
    assert match(token) is None


def test_lexicon_a_date_is_no_preposition_argument(nlp):
    doc = nlp("U.S. Secretary of State Warren Christopher telephoned Russian Foreign Minister Andrei Kozyrev on "
              "Tuesday to discuss efforts to forge a peace settlement in former Yugoslavia.")
    assert match_cameo(next(t for t in doc if t.text == "telephoned")) is None


def test_lexicon_irregular_forms_and_multi_word_verbs_are_kept():
    rows, irregular = cameo_rows()
    assert irregular["sped"] == "speed" and irregular["sought"] == "seek"
    assert any(r["phrase"] == "* for" for r in rows["ask"]) and any(r["phrase"] == "* and" for r in rows["arrest"])
