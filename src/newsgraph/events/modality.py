"""Negation and modality of an event word, and the one recoding negation forces.

"will not normalize ties" is a refusal (CAMEO 12) by the subject, not a denied
cooperation; "did not directly reject" is a rejection that did not happen
(negated). A denial is negated; "may", "could" make an event hypothetical,
"if"/"unless" conditional, "will"/"plans to" intended.
"""
from __future__ import annotations

from spacy.tokens import Token

from newsgraph.events.words import event_words, recoding
from newsgraph.quotemarks import QuoteMask

NEGATORS = {"not", "n't", "never", "no"}
INTENT = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL = {"may", "might", "could", "would", "should", "can"}
CONDITION_MARKS = {"if", "unless", "provided"}
REFUSAL = "120"
COOPERATION_ROOTS = {"03", "04", "05", "06", "07", "08"}


def _chain(word: Token) -> list[Token]:
    """The word, the first of its conjuncts ("will not re-establish or upgrade"), and the verbs it hangs
    from through to-infinitives and participles."""
    chain = [word]
    t = word
    if word.pos_ in ("NOUN", "PROPN") and word.dep_ in ("dobj", "pobj") and word.head.pos_ in ("VERB", "ADP"):
        # "promised to continue military aid", "did not launch an attack": the noun's verb carries its mood
        t = word.head.head if word.dep_ == "pobj" else word.head
        if t.pos_ != "VERB":
            return chain
        chain.append(t)
    while t.dep_ in ("xcomp", "pcomp", "acomp", "conj") and t.head.i != t.i and len(chain) < 4:
        t = t.head
        chain.append(t)
    return chain


def _left_words(word: Token) -> list[Token]:
    """The few words before the verb group, where the tokenizer may have cut the verb ("re-establish")."""
    first = word
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    return [t for t in word.doc[max(first.i - 4, word.sent.start): first.i]]


NOBODY = {"nobody", "none", "noone", "no-one"}


def _no_one(subject: Token) -> bool:
    """'no one', 'nobody', 'no civilians': a subject that denies the act happened to anyone."""
    return subject.lower_ in NOBODY or any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


def negation_of(word: Token) -> bool:
    for t in _chain(word):
        if any(c.dep_ == "neg" or (c.lower_ in NEGATORS and c.dep_ in ("det", "advmod")) for c in t.children):
            return True
        if any(c.dep_ in ("nsubj", "nsubjpass") and _no_one(c) for c in t.children):
            return True
    return any(t.lower_ in ("not", "n't", "never") for t in _left_words(word))


def modality_of(word: Token, mask: QuoteMask | None = None) -> str:
    chain = _chain(word)
    children = [c for t in chain for c in t.children]
    if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for t in chain for c in t.subtree
           if c.head.dep_ == "advcl"):
        return "conditional"
    if any(c.lower_ == "only" for c in children) and any(c.lower_ in CONDITION_MARKS for c in word.sent):
        return "conditional"
    aux = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")} | \
        {t.lower_ for t in _left_words(word) if t.tag_ == "MD"}
    reported_future = "would" in aux and any(t.dep_ == "ccomp" for t in chain)  # "said they would boycott"
    if aux & INTENT or reported_future or any(t.lemma_.lower() in event_words()["intent_verb"] for t in chain[1:]) or \
            any(c.lower_ == "going" for c in children):
        return "intended"
    likely = [t for t in chain[1:] if t.lemma_.lower() in event_words()["likelihood"]]
    if word.pos_ in ("NOUN", "PROPN") and word.dep_ in ("nsubj", "nsubjpass"):
        aux |= {c.lower_ for c in word.head.children if c.dep_ in ("aux", "auxpass")}  # "my arrest would not help"
        likely += [c for c in word.head.children if c.dep_ == "acomp" and c.lemma_.lower() in
                   event_words()["likelihood"]]  # "a crackdown against them is likely"
    if aux & HYPOTHETICAL or likely:
        return "hypothetical"  # "the police are likely to impose curfew"
    return "asserted"


ULTIMATUM = "139"


def _declines_action(word: Token) -> bool:
    """'declined to resign' refuses an act; 'declined to comment' only withholds a statement."""
    return word.lemma_.lower() == "decline" and any(
        c.dep_ == "xcomp" and c.lemma_.lower() not in ("comment", "say", "elaborate", "discuss") for c in word.children)


def _unless(word: Token) -> bool:
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "until") for m in c.children)
               for t in _chain(word) for c in t.children)


def code_after_negation(code: str, negated: bool, modality: str, word: Token) -> tuple[str, bool]:
    """A refused or disavowed cooperation ("will not normalize", "refuses to meet") is a rejection,
    asserted; a cooperation announced for the future is an intent (03); any other negated event keeps
    its code and is marked negated."""
    future = modality == "intended" or (modality == "conditional" and _future_aux(word))
    if negated and code[:2] in COOPERATION_ROOTS and (future or _refusal_chain(word)):
        return REFUSAL, False  # "will not accept any more refugees if war starts"
    if _declines_action(word):
        return REFUSAL, negated
    if modality in ("intended", "conditional") and _unless(word) and code[:2] not in ("02", "10", "13"):
        return ULTIMATUM, False  # "will withdraw its force from Chad unless ...": an ultimatum
    # "would meet the mediator if ...": a conditional promise is still an intent; "may halt mediation if ...":
    # a conflictual act held over a condition is a threat
    conditional_threat = modality == "conditional" and code[:2] not in COOPERATION_ROOTS
    if not negated and (future or conditional_threat):
        table = recoding("intent" if code[:2] in COOPERATION_ROOTS else "threat")
        for prefix, recoded in table:
            if code.startswith(prefix):
                return recoded, False
    return code, negated


def _future_aux(word: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in INTENT | {"would"} for t in _chain(word) for c in t.children)


def _refusal_chain(word: Token) -> bool:
    return any(t.lemma_.lower() in ("refuse", "decline") for t in _chain(word)[1:])
