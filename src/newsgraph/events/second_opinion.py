"""The event-type classifier as a second opinion on the rule coder, sentence by sentence.

Recover: a sentence the rules code no asserted event in, whose most likely type the classifier gives at
least RECOVER_AT, gets one event of that type (its CAMEO code from data/plover_codes.tsv), read from the
sentence's main verb, with source and target from the same argument finders as any event (either may be
null, but not both when the word is one the lexicon does not know). The threshold was chosen on held-out
tune records (scripts/eval_event_classifier.py --choose). A veto (dropping rule events whose type the
classifier all but rules out) was tried and left out: at the threshold chosen on tune records it dropped two of
the seed article's seven gold events.
"""
from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from newsgraph.data import load_table
from newsgraph.events.cameo import cameo
from newsgraph.events.classifier import best_type, type_scores
from newsgraph.events.coder import EventCoder
from newsgraph.events.lexicon import Match, Pattern, match, read_as_no_event
from newsgraph.events.modality import negation_of
from newsgraph.record import Event

RECOVER_AT = 0.3
LIGHT_VERBS = {"be", "have", "do", "become", "seem", "remain"}


@cache
def plover_codes() -> dict[str, str]:
    return {row["plover"]: row["cameo"] for row in load_table("plover_codes.tsv")}


def second_opinion(coder: EventCoder, events: list[Event]) -> list[Event]:
    """`events` (one coder's) plus the events the classifier recovers."""
    sentences = list(coder.doc.sents)
    if not sentences:
        return events
    scores = type_scores([s.text for s in sentences])
    kept = list(events)
    coded = {e.sentence for e in kept if not e.negated}
    for k, (sentence, sentence_scores) in enumerate(zip(sentences, scores, strict=True)):
        kind, p = best_type(sentence_scores)
        word = sentence.root
        if k in coded or p < RECOVER_AT or kind not in plover_codes() or word.pos_ not in ("VERB", "AUX"):
            continue
        carrier = _carrier(sentence, kind)
        if carrier is not None:  # the word the lexicon reads as this type, with its own code
            word, m = carrier
        elif word.pos_ == "AUX" or word.lemma_.lower() in LIGHT_VERBS or read_as_no_event(word):
            continue  # "both sides are ...", "the border area has long been ...": a copula names no act to read,
            # and the lexicon has read "is seizing on the remarks" as no event
        else:
            m = Match(Pattern(word.lemma_.lower(), "VERB", "", frozenset(), plover_codes()[kind]), None, None)
        if negation_of(word) or coder.other_sense(word, m):
            continue  # "police did not fire", "injured in a car crash": the classifier reads words, not their
            # denial or their sense
        before = len(kept)
        coder.add_read_event(kept, word, m)
        if carrier is None and len(kept) > before and kept[-1].source is None and kept[-1].target is None:
            kept.pop()  # "his greatest legacy stands": a verb the lexicon does not know, with no one acting or
            # acted on, reports no event the classifier could vouch for
    return kept


def _carrier(sentence, kind: str) -> tuple[Token, Match] | None:
    """The first word of the sentence whose lexicon reading has the classifier's type ("the number of persons
    arrested ... has gone up": 'arrested', not the root 'gone'), or None."""
    for token in sentence:
        m = match(token)
        if m is not None and cameo(m.pattern.cameo).plover == kind:
            return token, m
    return None
