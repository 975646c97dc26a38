"""A document's geography: which country an article is about.

Unnamed actors ("the government", "police", "the chief minister") and ambiguous place names are read
against it. Evidence, each a vote for a country: a dateline ("LUCKNOW:", "WASHINGTON, June 15 (Reuters)
-"), country names and nationality words, capitals and the places the dictionaries file under a country,
and named actors that belong to one (governments, armed forces, parties, office-holders). Businesses and
media count for nothing: a page's share buttons (Facebook, Twitter) say nothing of where its story is.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsgraph.actors.kb import KnowledgeBase
from newsgraph.actors.mentions import Mention

PLACE_WORDS = ("country", "adjective", "people", "capital", "place")
# sectors of named actors whose country says nothing of the story's: outlets, firms
NEUTRAL_SECTORS = {"BUS", "MED"}
TITLE_WEIGHT = 2.0
DATELINE_WEIGHT = 3.0
_DATELINE = re.compile(r"^\s*([A-Za-z][A-Za-z .'-]{1,40}?)\s*(?:,[^:\n—–-]{0,40})?\s*(?:\([A-Za-z .]+\)\s*)?[:—–-]\s")


@dataclass
class Focus:
    """Votes for the countries an article is about, and the winner."""

    votes: Counter = field(default_factory=Counter)

    @property
    def country(self) -> str | None:
        """The country with most votes (the earliest evidence wins a tie), or None."""
        if not self.votes:
            return None
        return max(self.votes, key=lambda c: self.votes[c])

    def shares(self) -> dict[str, float]:
        """Each country's share of the votes (summing to 1), for the places stage."""
        total = sum(self.votes.values())
        return {c: v / total for c, v in self.votes.items()} if total else {}

    def weight(self, iso3: str | None) -> float:
        total = sum(self.votes.values())
        return self.votes.get(iso3, 0.0) / total if total and iso3 else 0.0


def dateline_country(text: str, kb: KnowledgeBase) -> str | None:
    """The country a dateline at the head of the text names ("lucknow: the all-india ...")."""
    m = _DATELINE.match(text[:80])
    if not m:
        return None
    return kb.country_of(m.group(1).strip(), PLACE_WORDS)


def mention_country(m: Mention, kb: KnowledgeBase) -> str | None:
    """The country a resolved mention votes for, or None."""
    key = m.key
    if key is not None:
        if key.sector in NEUTRAL_SECTORS or not key.country:
            return None
        return key.country
    if m.kind == "name" and m.role == "country":
        return kb.country_of(m.text, PLACE_WORDS)
    return None


def lowercase_text(doc: Doc) -> bool:
    """Is the text written without capitals (some archives lower-case everything)?"""
    letters = [t.text[0] for t in doc if t.is_alpha]
    return bool(letters) and sum(c.isupper() for c in letters) < 0.02 * len(letters)


def _covered(mentions: list[Mention]) -> set[tuple[int, int]]:
    """Spans of unresolved mentions that lie inside a longer resolved one, in one sorted pass."""
    out = set()
    reach, reach_start = -1, -1  # the furthest end of a resolved mention started so far, and its start
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if m.key is None and m.end <= reach and (reach_start, reach) != (m.start, m.end):
            out.add((m.start, m.end))
        if m.key is not None and m.end > reach:
            reach, reach_start = m.end, m.start
    return out


def document_focus(parts: dict[str, tuple[Doc, list[Mention]]], kb: KnowledgeBase) -> Focus:
    """Votes from the article's mentions, its dateline, and, in text without capitals (where the model
    finds few names), from the words the dictionaries know as a country's names and places."""
    focus = Focus()
    for part, (doc, mentions) in parts.items():
        weight = TITLE_WEIGHT if part == "title" else 1.0
        covered = _covered(mentions)
        for m in mentions:
            if m.key is None and (m.start, m.end) in covered:
                continue  # "Chinese" in "Chinese authorities": one vote, the phrase's
            country = mention_country(m, kb)
            if country:
                focus.votes[country] += weight
        if part == "body":
            country = dateline_country(doc.text, kb)
            if country:
                focus.votes[country] += DATELINE_WEIGHT
            if lowercase_text(doc):
                named = {t.i for m in mentions for t in doc.char_span(m.start, m.end, alignment_mode="expand") or ()}
                for t in doc:
                    if t.i not in named and t.is_alpha and len(t) > 3 and not t.is_stop:
                        country = kb.country_of(t.text, ("country", "place"))
                        if country:
                            focus.votes[country] += weight
    return focus
