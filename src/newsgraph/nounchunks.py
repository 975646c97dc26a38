"""English base noun phrases in linear time.

spaCy's English noun-chunk iterator walks a coordination chain back to its head
for every conjunct ("A, B, C, ... and Z"), which is quadratic in the chain's
length: a text of thousands of coordinated quotes or names spent most of its
time there. This iterator yields the same chunks, finding each chain's head once.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.symbols import NOUN, PRON, PROPN
from spacy.tokens import Doc, Span, Token

NP_LABELS = ("oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT")


def noun_chunks(doclike: Doc | Span) -> Iterator[tuple[int, int, int]]:
    """(start, end, label) of each base noun phrase: a noun whose dependency makes it an NP, or a
    conjunct coordinated to one; never one nested in the previous chunk."""
    doc = doclike.doc
    if not doc.has_annotation("DEP"):
        raise ValueError("noun chunks need a dependency parse")
    np_deps = {doc.vocab.strings.add(label) for label in NP_LABELS}
    conj = doc.vocab.strings.add("conj")
    np_label = doc.vocab.strings.add("NP")
    chain_head: dict[int, Token] = {}
    prev_end = -1
    for word in doclike:
        if word.pos not in (NOUN, PROPN, PRON) or word.left_edge.i <= prev_end:
            continue
        if word.dep in np_deps or word.dep == conj and _head_of_chain(word.head, conj, chain_head).dep in np_deps:
            prev_end = word.i
            yield word.left_edge.i, word.i + 1, np_label


def _head_of_chain(token: Token, conj: int, known: dict[int, Token]) -> Token:
    """Follow leftward conj links from `token` to the first token that is not a leftward conjunct."""
    path = []
    while token.i not in known and token.dep == conj and token.head.i < token.i:
        path.append(token.i)
        token = token.head
    top = known.get(token.i, token)
    for i in path:
        known[i] = top
    return top
