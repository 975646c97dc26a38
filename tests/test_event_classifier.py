"""The learned event-type classifier: it loads from the package, scores real tune sentences as expected, the same
way every time, and fails with a catalogued error when its model is missing."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.events import classifier

# Real sentences of the tune splits (PLOVER visible, IndiaPoliceEvents), never of a check split.
BEST_TYPE = [
    ("A roadside bombing near the town of Samarra on Sunday killed one U.S. soldier and wounded two others, "
     "the military said.", "ASSAULT"),
    ("Tens of thousands of university students throughout Indonesia staged mass demonstrations Saturday to demand "
     "political reforms by President Suharto's government.", "PROTEST"),
    ("earlier, over 50 persons were arrested following vigorous combing operation, carried out on tuesday during "
     "the curfew relaxation period in most sensitive athwa", "COERCE"),
]
NO_EVENT = [
    "the budget session of the house, which started on february 26, would last till march 31.",
    "the state budget for the year 2002-2003 was presented in the house on february 27.",
]


@pytest.mark.parametrize(("text", "kind"), BEST_TYPE)
def test_event_classifier_best_type_of_real_sentences(text: str, kind: str) -> None:
    [scores] = classifier.type_scores([text])
    assert classifier.best_type(scores)[0] == kind
    assert scores[kind] >= 0.5


@pytest.mark.parametrize("text", NO_EVENT)
def test_event_classifier_no_event_sentence_scores_low_everywhere(text: str) -> None:
    [scores] = classifier.type_scores([text])
    assert max(scores.values()) < 0.2


def test_event_classifier_scores_every_plover_type() -> None:
    [scores] = classifier.type_scores([BEST_TYPE[0][0]])
    assert len(scores) == 16
    assert all(0.0 <= p <= 1.0 for p in scores.values())


def test_event_classifier_deterministic_and_batch_independent() -> None:
    texts = [t for t, _ in BEST_TYPE] + NO_EVENT
    batched = classifier.type_scores(texts)
    one_by_one = [classifier.type_scores([t])[0] for t in reversed(texts)][::-1]
    assert batched == one_by_one == classifier.type_scores(texts)


def test_event_classifier_case_does_not_matter() -> None:
    text = BEST_TYPE[0][0]
    assert classifier.type_scores([text]) == classifier.type_scores([text.upper()])


def test_event_classifier_best_type_ties_break_alphabetically() -> None:
    assert classifier.best_type({"PROTEST": 0.4, "ASSAULT": 0.4, "AID": 0.1}) == ("ASSAULT", 0.4)


def test_event_classifier_missing_model_is_a_catalogued_error(tmp_path: Path) -> None:
    with pytest.raises(NewsgraphError, match=r"\[E033\].*train_event_classifier"):
        classifier.type_scores(["Police arrested 12 men."], model=tmp_path)


def test_event_classifier_model_fits_in_the_package() -> None:
    size = sum(p.stat().st_size for p in classifier.model_path().rglob("*") if p.is_file())
    assert 0 < size <= 20 * 2 ** 20


def test_second_opinion_recovers_an_event_the_lexicon_misses(analyze_text):
    # no pattern reads "filled the streets" (protesters who "thronged" them now gather, a lexicon event)
    record = analyze_text("Thousands of protesters filled the streets of the capital demanding the minister's "
                          "resignation.")
    assert [e.cameo for e in record.events if not e.negated] == ["14"]


def test_second_opinion_leaves_eventless_and_coded_sentences_alone(analyze_text):
    assert analyze_text("The weather was mild and the markets were quiet.").events == []
    coded = analyze_text("Police did not open fire on the crowd.").events
    assert [(e.cameo, e.negated) for e in coded] == [("193", True)]


@pytest.mark.parametrize("text, cameo", [
    # a copula or light verb names no act to read, however sure the classifier is
    ("The border area has long been tense.", []),
    ("Both sides are now far apart.", []),
    # a full verb the lexicon does not know is read
    ("Thousands of people filled the streets of the capital.", ["14"]),
])
def test_second_opinion_reads_no_event_from_a_copula(analyze_text, monkeypatch, text, cameo):
    import importlib

    monkeypatch.setattr(importlib.import_module("newsgraph.events.second_opinion"), "type_scores", lambda texts: [{"PROTEST": 0.9} for _ in texts])
    assert [e.cameo for e in analyze_text(text).events if not e.negated] == cameo


def test_second_opinion_needs_an_actor_for_a_word_the_lexicon_does_not_know(analyze_text, monkeypatch):
    import importlib

    monkeypatch.setattr(importlib.import_module("newsgraph.events.second_opinion"), "type_scores",
                        lambda texts: [{"CONSULT": 0.9} for _ in texts])
    assert analyze_text("His greatest legacy still stands.").events == []
