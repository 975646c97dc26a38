"""The verb-pattern lexicon (data/verbs.tsv): which words, with which particles and objects, are which
CAMEO event."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from newsgraph.data import load_table, split_values

OBJECT_DEPS = ("dobj", "attr", "oprd", "nsubjpass")
# nouns that only carry the event their compound names ("a mediation effort", "a protest campaign"): the
# compound is the event, the carrier its place in the clause
CARRIER_NOUNS = frozenset({"effort", "mission", "campaign", "operation", "drive", "bid", "process", "initiative",
                           "programme", "program", "plan"})


@dataclass(frozen=True, slots=True)
class Pattern:
    lemma: str
    pos: str
    prep: str
    objects: frozenset[str]
    cameo: str

    @property
    def specificity(self) -> int:
        return 2 * bool(self.objects) + bool(self.prep)


@dataclass(frozen=True, slots=True)
class Match:
    pattern: Pattern
    prep: Token | None  # the particle or preposition the pattern needed
    obj: Token | None  # the object noun the pattern needed


@cache
def patterns() -> dict[tuple[str, str], tuple[Pattern, ...]]:
    out: dict[tuple[str, str], list[Pattern]] = {}
    for r in load_table("verbs.tsv"):
        p = Pattern(r["lemma"], r["pos"], r["prep"], frozenset(split_values(r["object"])), r["cameo"])
        out.setdefault((p.lemma, p.pos), []).append(p)
    return {k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in out.items()}


def _objects(token: Token) -> list[Token]:
    """The word's object nouns, with their conjuncts ("ties and relations") and what a measure or an act
    governs through "of" ("25,000 tons of food aid", "allow the return of inspectors")."""
    objs = [c for c in token.children if c.dep_ in OBJECT_DEPS and c.i > token.i]
    for o in list(objs):
        objs.extend(c for c in o.children if c.dep_ == "conj")
    for o in list(objs):
        for of in (c for c in o.children if c.dep_ == "prep" and c.lower_ == "of"):
            objs.extend(c for c in of.children if c.dep_ == "pobj")
    return objs


def verb_forms(token: Token) -> set[str]:
    """A verb's lemma plus its form stripped of its ending: the small model mislemmatises some past
    tenses ("staged" as "stag")."""
    lower = token.lower_
    forms = {token.lemma_.lower(), lower}
    for ending in ("ed", "d", "s", "ing"):
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            forms.add(lower[: -len(ending)])
    return forms


def _preps(token: Token) -> list[Token]:
    out = [c for c in token.children if c.dep_ in ("prep", "prt", "agent", "dative")]
    for xcomp in (c for c in token.children if c.dep_ == "xcomp"):  # "called on X to ..."
        out.extend(c for c in xcomp.children if c.dep_ == "prt")
    return out


def _forms(token: Token) -> set[str]:
    """A noun's lemma and plain forms: headlines' capitals defeat the lemmatizer ("Ties")."""
    lower = token.lower_
    forms = {token.lemma_.lower(), lower, lower[:-1] if lower.endswith("s") else lower}
    for c in token.children:  # "aid deliveries", "hunger strike", "mediation efforts": the modifier names it too
        if c.dep_ == "compound" and c.i == token.i - 1:
            forms.add(c.lemma_.lower())
    return forms


def match(token: Token) -> Match | None:
    """The most specific pattern `token` satisfies, or None."""
    verbal = token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and token.tag_ in ("VBN", "VBD"))
    pos = "NOUN" if token.pos_ in ("NOUN", "PROPN") else "VERB" if verbal else None
    if pos is None:
        return None
    candidates = patterns().get((token.lemma_.lower(), pos)) or patterns().get((token.lower_, pos))
    if not candidates and pos == "VERB":
        candidates = next((patterns()[(f, pos)] for f in sorted(verb_forms(token)) if (f, pos) in patterns()), None)
    if not candidates:
        return None
    objs = _objects(token)
    preps = _preps(token)
    for p in candidates:
        prep = None
        if p.prep:
            prep = next((c for c in preps if c.lower_ == p.prep), None)
            if prep is None:
                continue
        obj = None
        if p.objects:
            pool = objs + ([c for c in prep.children if c.dep_ == "pobj"] if prep is not None else []) + \
                [c for pr in preps for c in pr.children if c.dep_ == "pobj"]
            obj = next((o for o in pool if _forms(o) & p.objects), None)
            if obj is None:
                continue
        return Match(p, prep, obj)
    return None
