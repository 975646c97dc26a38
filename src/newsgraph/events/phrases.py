"""PETRARCH's phrase-pattern notation (data/cameo_verbs.tsv, data/cameo_synsets.tsv): read a pattern's parts
around the verb, and find them in a parsed sentence.

A part is a sequence of elements: a noun phrase (a word, a {modifiers head} phrase or an &SET of phrases, all
held as alternatives), a prepositional phrase (prep elements...), a role marker ("+" target, "$" source, "%"
both) or "^" (any noun phrase, no constraint). Elements are found in order among the words the verb governs on
that side without crossing into another clause.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from newsgraph.data import load_table

# arcs that lead into another clause, or carry no words a pattern names
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "parataxis", "conj", "csubj", "csubjpass", "acl",
                         "punct", "cc", "mark", "appos"})
# a pattern's bare word names a phrase's head ("set up an energy research center" has no "research" object);
# modifiers are named only inside {...}
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "det", "nummod", "quantmod"})
NOUNISH = frozenset({"NOUN", "PROPN", "PRON"})
ROLES = frozenset({"+", "$", "%"})
TIME_ENTITIES = frozenset({"DATE", "TIME"})
TOKEN = re.compile(r"[(){}]|[^\s(){}]+")


@dataclass(frozen=True, slots=True)
class Noun:
    """A noun phrase: alternatives of (head forms, modifier forms that must precede the head)."""
    alternatives: tuple[tuple[frozenset[str], tuple[frozenset[str], ...]], ...]

    @property
    def heads(self) -> frozenset[str]:
        return frozenset().union(*(h for h, _ in self.alternatives))


@dataclass(frozen=True, slots=True)
class Prep:
    word: str
    inner: tuple[Element, ...]


@dataclass(frozen=True, slots=True)
class Role:
    mark: str  # "+", "$" or "%"


Element = Noun | Prep | Role


@dataclass(frozen=True, slots=True)
class Found:
    """What a part of a pattern matched: the tokens of its elements and the tokens its role marks name."""
    first_noun: Token | None
    first_prep: Token | None
    roles: dict[str, Token]


def word_forms(word: str) -> frozenset[str]:
    """A pattern word and its singular: the source writes nouns as they appear ("rallies", "talks")."""
    forms = {word}
    if word.endswith("ies") and len(word) > 4:
        forms.add(word[:-3] + "y")
    elif re.search(r"(ss|x|z|ch|sh)es$", word):
        forms.add(word[:-2])
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        forms.add(word[:-1])
    return frozenset(forms)


def token_forms(token: Token) -> frozenset[str]:
    """A token's lemma and lower-case forms: capitals in headlines defeat the lemmatizer."""
    lower = token.lower_
    return frozenset({token.lemma_.lower(), lower, lower[:-1] if lower.endswith("s") else lower})


@cache
def synsets() -> dict[str, tuple[tuple[frozenset[str], tuple[frozenset[str], ...]], ...]]:
    """Each &SET's phrases as (head forms, modifier forms) alternatives."""
    out: dict[str, list[tuple[frozenset[str], tuple[frozenset[str], ...]]]] = {}
    for r in load_table("cameo_synsets.tsv"):
        words = r["phrase"].split()
        out.setdefault(r["set"], []).append((word_forms(words[-1]), tuple(word_forms(w) for w in words[:-1])))
    return {k: tuple(v) for k, v in out.items()}


def _word(word: str) -> tuple[tuple[frozenset[str], tuple[frozenset[str], ...]], ...]:
    """A word's or a set's alternatives."""
    if word.startswith("&"):
        return synsets().get(word, ())
    return ((word_forms(word), ()),)


def parse(text: str) -> tuple[Element, ...]:
    """A part of a pattern in the notation of cameo_verbs.tsv as elements."""
    elements, _ = _parse(TOKEN.findall(text), 0, None)
    return tuple(elements)


def _parse(tokens: list[str], at: int, closer: str | None) -> tuple[list[Element], int]:
    out: list[Element] = []
    while at < len(tokens):
        tok = tokens[at]
        if tok == closer:
            return out, at + 1
        if tok == "(":
            inner, end = _parse(tokens, at + 2, ")") if at + 1 < len(tokens) else ([], at + 1)
            out.append(Prep(tokens[at + 1], tuple(inner)))
            at = end
            continue
        if tok == "{":
            end = tokens.index("}", at)
            words = tokens[at + 1:end]
            mods = tuple(frozenset().union(*(h for h, _ in _word(w))) for w in words[:-1] if w not in ROLES)
            out.append(Noun(tuple((h, mods + m) for h, m in _word(words[-1]))))
            at = end + 1
            continue
        if tok in ROLES:
            out.append(Role(tok))
        elif tok != "^":
            out.append(Noun(_word(tok)))
        at += 1
    return out, at


def needs(elements: tuple[Element, ...]) -> tuple[frozenset[str], ...]:
    """For a quick rejection: one set of words per element, one of which the sentence must contain."""
    out: list[frozenset[str]] = []
    for e in elements:
        if isinstance(e, Noun):
            out.append(e.heads)
        elif isinstance(e, Prep):
            out.append(frozenset({e.word}))
            out.extend(needs(e.inner))
    return tuple(out)


def weight(elements: tuple[Element, ...]) -> int:
    """How much a part asks for: its words, prepositions and modifiers."""
    total = 0
    for e in elements:
        if isinstance(e, Noun):
            total += 1 + max((len(m) for _, m in e.alternatives), default=0)
        elif isinstance(e, Prep):
            total += 1 + weight(e.inner)
    return total


def governed(verb: Token, after: bool) -> list[Token]:
    """The words the verb governs on one side, within its own clause, in sentence order."""
    out: list[Token] = []
    stack = [c for c in (verb.rights if after else verb.lefts) if c.dep_ not in CLAUSE_DEPS]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in CLAUSE_DEPS)
    return sorted(out, key=lambda t: t.i)


def find(elements: tuple[Element, ...], words: list[Token]) -> Found | None:
    """The elements in order among `words` (sentence order), or None when one is missing."""
    roles: dict[str, Token] = {}
    state = {"noun": None, "prep": None}
    if _find(elements, words, 0, roles, state) is None:
        return None
    return Found(state["noun"], state["prep"], roles)


def _find(elements: tuple[Element, ...], words: list[Token], start: int, roles: dict[str, Token],
          state: dict[str, Token | None]) -> int | None:
    """Match `elements` from index `start` of `words`; the index after the last matched word, or None."""
    pending: list[str] = []
    at = start
    for e in elements:
        if isinstance(e, Role):
            pending.append(e.mark)
            continue
        hit = _first(e, words, at, roles, state)
        if hit is None:
            return None
        begin, end = hit
        _resolve(pending, words[at:begin], roles)
        pending = []
        at = end
    _resolve(pending, words[at:], roles)
    return at


def _first(e: Element, words: list[Token], at: int, roles: dict[str, Token],
           state: dict[str, Token | None]) -> tuple[int, int] | None:
    """Where element `e` first matches from index `at`: (its first index, the index after it)."""
    for k in range(at, len(words)):
        t = words[k]
        if isinstance(e, Noun):
            if t.dep_ not in MODIFIER_DEPS and _noun(e, t, words[at:k]):
                if state["noun"] is None:
                    state["noun"] = t
                return k, k + 1
        elif isinstance(e, Prep) and t.lower_ == e.word and (e.inner or _governs_noun(t)):
            inside = [w for w in words[k + 1:] if t.is_ancestor(w)]
            inner_roles: dict[str, Token] = {}
            if _find(e.inner, inside, 0, inner_roles, {"noun": None, "prep": None}) is None:
                continue
            for mark, tok in inner_roles.items():
                roles.setdefault(mark, tok)
            if state["prep"] is None:
                state["prep"] = t
            end = max([k] + [words.index(w) for w in inside]) if e.inner else k
            return k, end + 1
    return None


def _governs_noun(prep: Token) -> bool:
    """A bare "(on)" names the preposition of an argument ("called on the minister"), a particle ("set
    off"), not a time ("telephoned on Tuesday")."""
    if prep.dep_ == "prt":
        return True
    objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    return any(o.ent_type_ not in TIME_ENTITIES for o in objects)


def _noun(e: Noun, t: Token, before: list[Token]) -> bool:
    """Token `t` heads one of the noun phrase's alternatives, its modifiers among the words before it."""
    forms = token_forms(t)
    for head, mods in e.alternatives:
        if head & forms and all(any(m & token_forms(b) for b in before) for m in mods):
            return True
    return False


def _resolve(marks: list[str], span: list[Token], roles: dict[str, Token]) -> None:
    """A role marker names the first noun in the stretch between the elements around it."""
    if not marks:
        return
    noun = next((t for t in span if t.pos_ in NOUNISH), None)
    if noun is None:
        return
    for mark in marks:
        roles.setdefault(mark, noun)
