"""Rule-based coreference: pronouns and definite descriptions to their actors.

No coreference model installs offline, so this is a salience model in the
tradition of Lappin & Leass: candidates are earlier mentions within a few
sentences that agree with the anaphor (a person for "he", a country for "the
country", the same head noun for "the regime"); the best is the one nearest,
a subject, a speaker, and on the same side of a quotation mark (quoted speech
is its own discourse: "the organization" inside a quote refers to something
named inside quotes).
"""
from __future__ import annotations

from newsgraph.actors.mentions import Mention

WINDOW_SENTENCES = 3
SUBJECT_DEPS = {"nsubj", "nsubjpass"}


def _is_speaker(m: Mention, speech_lemmas: frozenset[str]) -> bool:
    head = m.head
    return head.dep_ in SUBJECT_DEPS and head.head.lemma_.lower() in speech_lemmas


def _same_phrase(a: Mention, b: Mention) -> bool:
    """Do two mentions sit in one noun phrase ("Washington's policy towards the country")?"""
    ancestors_a = {t.i for t in a.head.ancestors}
    for t in b.head.ancestors:
        if t.i in ancestors_a:
            return t.pos_ in ("NOUN", "PROPN")
    return False


def _agrees(anaphor: Mention, cand: Mention) -> bool:
    key = cand.key
    if key is None:
        return False
    role = anaphor.role
    cand_is_person = key.type == "person" or cand.role == "person"
    if role in ("male", "female"):
        return cand_is_person and not cand.plural
    if role == "person":  # "the official", "the spokesperson"
        return cand.kind != "pronoun" and cand_is_person or (cand.kind == "pronoun" and cand.role in ("male", "female"))
    if role == "thing":
        return not cand_is_person and not cand.plural
    if role == "plural":
        return not cand_is_person or cand.plural
    if role == "country":
        return cand.role == "country" and key.country is not None and cand.kind == "name"
    if role == "organization":
        return key.type in ("igo", "organization")
    if role == "document":
        return cand.role == "document"
    if role == "group":  # "the regime": the same head noun, else a nominal of the same sector
        return cand.head_lemma == anaphor.head_lemma or (
            cand.kind == "nominal" and key.sector is not None and key.sector == anaphor.term_sector
            and key.type != "person" and cand.plural == anaphor.plural)
    return False


def _score(anaphor: Mention, cand: Mention, speech_lemmas: frozenset[str]) -> float:
    distance = anaphor.sent - cand.sent
    score = -2.0 * distance
    if cand.head.dep_ in SUBJECT_DEPS:
        score += 1.5
    if _is_speaker(cand, speech_lemmas):
        score += 1.0
    if cand.quoted == anaphor.quoted:
        score += 2.0
    if anaphor.role == "group" and cand.head_lemma == anaphor.head_lemma:
        score += 4.0
    return score


def resolve_coreference(mentions: list[Mention], speech_lemmas: frozenset[str]) -> None:
    """Give each unresolved pronoun or definite description the key of its best antecedent, in place."""
    for k, m in enumerate(mentions):
        if m.key is not None or m.kind == "name":
            continue
        if m.kind == "pronoun" and m.role == "first":
            continue  # "we" and "I" are the speaker's: the quotes stage knows who that is
        if m.kind == "nominal" and not m.definite:
            continue
        best, best_score = None, float("-inf")
        for cand in reversed(mentions[:k]):
            if m.sent - cand.sent > WINDOW_SENTENCES:
                break
            if cand.start >= m.start or not _agrees(m, cand) or _same_phrase(m, cand):
                continue
            score = _score(m, cand, speech_lemmas)
            if score > best_score:
                best, best_score = cand, score
        if best is not None:
            m.key = best.key
            if m.role in ("male", "female", "person") and best.role in ("person", "male", "female"):
                m.role = "person" if m.kind == "nominal" else m.role
