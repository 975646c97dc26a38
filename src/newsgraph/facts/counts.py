"""Counts: how many people or things an event affected ("killed 5,000 civilians" → KILL 5000 civilians).

A number counts only when a count cue (data/counts.tsv) ties it to a kind:
the counted noun is the cue's object ("killed 5,000 civilians", "5,000 civilians
were killed"), its subject for intransitive cues ("12,000 people fled"), or the
cue itself ("500,000 dead"). Years, ages, ordinals, money, percentages and
resolution numbers are never counts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from newsgraph.data import load_table
from newsgraph.record import Count

NOT_COUNT_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "LAW", "QUANTITY"}
OBJECT_DEPS = {"dobj", "nsubjpass", "pobj", "attr", "conj", "appos"}
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+(\.\d+)?$")
# No real toll or crowd comes near this; larger numbers are serial numbers or noise, and the
# stores keep counts as 64-bit floats that must convert back to exact integers.
MAX_COUNT = 10**12


@dataclass(frozen=True)
class NumberWord:
    value: float
    approximate: bool
    multiplier: bool


@cache
def number_words() -> dict[str, NumberWord]:
    return {r["word"]: NumberWord(float(r["value"]), r["approximate"] == "yes", r["multiplier"] == "yes")
            for r in load_table("numbers.tsv")}


@cache
def count_cues() -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for r in load_table("counts.tsv"):
        out.setdefault(r["lemma"], []).append((r["kind"], r["role"]))
    return out


def parse_number(tokens: list[Token]) -> tuple[float, bool] | None:
    """The value of a number phrase ("5,000", "two million", "dozens", "2.5 million") and if it is vague."""
    words = number_words()
    total, current, approximate, seen = 0.0, 0.0, False, False
    for t in tokens:
        text = t.lower_.replace(",", "") if _DIGITS.match(t.text) else t.lower_
        if re.fullmatch(r"\d+(\.\d+)?", text):
            current += float(text)
            seen = True
        elif text in words:
            w = words[text]
            approximate |= w.approximate
            seen = True
            if w.multiplier:
                current = (current or 1) * w.value
                if w.value >= 1000:
                    total, current = total + current, 0.0
            else:
                current += w.value
        elif text in ("-", "and", "a", "an"):
            continue
        else:
            return None
    if not seen or not 0 <= total + current <= MAX_COUNT:
        return None
    return total + current, approximate


def _number_phrase(token: Token) -> list[Token]:
    """The number and the number words bound to it ("two" "million", "500,000")."""
    phrase = [token] + [c for c in token.children if c.dep_ in ("compound", "nummod", "quantmod")
                        and (c.like_num or c.lower_ in number_words())]
    return sorted(phrase, key=lambda t: t.i)


def _is_age(token: Token) -> bool:
    doc = token.doc
    nxt = doc[token.i + 1: token.i + 4].text.lower()
    prev = doc[token.i - 1].lower_ if token.i else ""
    return nxt.startswith(("-year", "year-old", "years old", "-month-old")) or prev in ("aged", "age") or \
        (prev == "," and token.i + 1 < len(doc) and doc[token.i + 1].text == "," and token.head.ent_type_ == "PERSON")


def _kind(noun: Token) -> tuple[str, Token] | None:
    """The count's kind and the word that says it: the verb the counted noun depends on, else the noun."""
    return _verb_kind(noun) or _noun_kind(noun)


def _noun_kind(noun: Token) -> tuple[str, Token] | None:
    for lemma in (noun.lemma_.lower(), noun.lower_):
        for kind, role in count_cues().get(lemma, ()):
            if role == "noun":
                return kind, noun
    return None


def _verb_kind(noun: Token) -> tuple[str, Token] | None:
    cues = count_cues()
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "agent":
        return None  # "killed by 5 gunmen": the counted did it
    if noun.dep_ == "pobj":
        verb = verb.head
    for kind, role in cues.get(verb.lemma_.lower(), ()):
        if role == "object" and noun.dep_ in OBJECT_DEPS and verb.pos_ in ("VERB", "AUX"):
            return kind, verb
        if role == "subject" and noun.dep_ == "nsubj" and verb.pos_ == "VERB":
            return kind, verb
    for child in noun.children:  # "civilians killed in the attack"
        if child.dep_ == "acl":
            for kind, role in cues.get(child.lemma_.lower(), ()):
                if role == "object" and child.tag_ == "VBN":
                    return kind, child
    return None


def _noun_cue(token: Token) -> bool:
    return token.pos_ in ("NOUN", "ADJ", "PROPN") and any(role == "noun" for _, role in count_cues().get(token.lemma_.lower(), ()))


def _toll(number: Token) -> tuple[str, Token] | None:
    """'The death toll rose to 30': the number a toll reaches."""
    if number.dep_ != "pobj" or number.head.lower_ not in ("to", "at", "of"):
        return None
    verb = number.head.head
    toll = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.lemma_ == "toll"), None)
    if toll is None and verb.lemma_ == "toll":
        toll = verb
    if toll is None:
        return None
    for c in toll.children:
        if c.dep_ in ("compound", "amod"):
            for kind, role in count_cues().get(c.lemma_.lower(), ()):
                if role == "noun":
                    return kind, toll
    return None


def find_counts(doc: Doc) -> list[Count]:
    counts: list[Count] = []
    used: set[int] = set()
    for token in doc:
        if token.i in used or not (token.like_num or token.lower_ in number_words()):
            continue
        if token.ent_type_ in NOT_COUNT_ENTS or _is_age(token) or token.dep_ in ("compound", "quantmod") \
                and token.head.like_num:
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "of" and token.lower_ in ("one", "1"):
            continue  # "one of 14 civilians": the 14 is the count
        phrase = _number_phrase(token)
        parsed = parse_number(phrase)
        if parsed is None:
            continue
        value, approximate = parsed
        head = token.head
        if token.dep_ in ("nummod", "amod", "quantmod") and head.pos_ in ("NOUN", "ADJ", "PROPN") or \
                _noun_cue(head):  # "5,000 civilians", "an estimated 500,000 dead"
            noun = head
        else:
            noun = next((c.children.__next__() for c in token.children  # "dozens of protesters"
                         if c.dep_ == "prep" and c.lower_ == "of" and any(True for _ in c.children)), token)
        partitive = noun is not token and noun.head.head.i == token.i  # "dozens of protesters"
        found = (_verb_kind(token) if partitive else None) or _kind(noun) or _kind(token) or _toll(token)
        if found is None:
            continue
        kind, cue = found
        span_tokens = phrase + [noun, cue]
        start = min(t.i for t in span_tokens)
        end = max(t.i for t in span_tokens) + 1
        span = doc[start:end]
        used.update(t.i for t in phrase)
        number = int(value) if value == int(value) else value
        obj = noun.text if noun is not token else None
        counts.append(Count(kind=kind, number=number, object=obj, start=span.start_char, end=span.end_char,
                            text=span.text, approximate=approximate))
    return counts
