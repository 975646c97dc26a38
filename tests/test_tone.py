"""Tone: GDELT's seven V2Tone fields from VADER's word lists, checked against figures computed by hand."""
from __future__ import annotations

import pytest

from newsgraph.facts.tone import document_tone, lexicon
from newsgraph.record import Tone

# (text, words, positive words, negative words, main verbs, first-person pronouns), counted by hand
TONE_CASES = [
    # negative: killed -3.5, protesters -0.9, condemn -1.6, terrible -2.1, attack -2.1 (VADER's ratings)
    ("The army killed five protesters. We condemn this terrible attack.", 10, 0, 5, 2, 1),
    # positive: agreed 1.1, support 1.7, peace 2.5
    ("Leaders agreed to support the peace plan.", 7, 3, 0, 2, 0),
    # praised 2.2, great 3.1 against failed -2.3
    ("They praised the great victory but the talks failed.", 9, 2, 1, 2, 0),
    # help 1.7; I, our, we speak for the self and the group; "would" is an auxiliary, not a main verb
    ("I told our allies that we would help.", 8, 1, 0, 2, 3),
    # no word of either list: tone 0, not a guess
    ("The committee met on Tuesday.", 5, 0, 0, 1, 0),
    # punctuation is not counted, numbers are
    ("Troops -- 3,000 of them -- attacked!", 5, 0, 1, 1, 0),
]


@pytest.mark.parametrize(("text", "words", "positive", "negative", "verbs", "pronouns"), TONE_CASES)
def test_tone_figures_match_a_hand_count(nlp, text, words, positive, negative, verbs, pronouns):
    tone = document_tone(nlp(text))
    pct = lambda n: round(100 * n / words, 4)  # noqa: E731
    assert tone == Tone(tone=pct(positive - negative), positive=pct(positive), negative=pct(negative),
                        polarity=pct(positive + negative), activity=pct(verbs), self_group=pct(pronouns),
                        words=words)


def test_tone_of_an_empty_body_is_all_zero(nlp):
    assert document_tone(nlp("")) == Tone(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0)


def test_tone_lexicon_has_words_not_emoticons():
    positive, negative = lexicon()
    assert len(positive) + len(negative) > 7000
    assert {"good", "peace", "agreed"} <= positive and {"war", "killed", "terrible"} <= negative
    assert not positive & negative
    assert ":)" not in positive and ":(" not in negative
    assert all(w.replace("'", "").replace("-", "").isalpha() for w in positive | negative)


def test_tone_is_in_the_record(seed_record):
    tone = seed_record.to_dict()["document"]["tone"]
    assert set(tone) == {"tone", "positive", "negative", "polarity", "activity", "self_group", "words"}
    assert tone["words"] > 400 and tone["tone"] == pytest.approx(tone["positive"] - tone["negative"], abs=1e-3)
