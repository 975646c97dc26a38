"""The event coder's word lists and recoding tables, read once from data/event_words.tsv and
data/event_recoding.tsv."""
from __future__ import annotations

from functools import cache

from newsgraph.data import load_table


@cache
def event_words() -> dict[str, frozenset[str]]:
    """role (support_verb, intent_verb, stance_noun) → its words."""
    words: dict[str, set[str]] = {}
    for row in load_table("event_words.tsv"):
        words.setdefault(row["role"], set()).add(row["word"])
    return {role: frozenset(ws) for role, ws in words.items()}


@cache
def recoding(table: str) -> tuple[tuple[str, str], ...]:
    """(prefix, code) rows of a recoding table ("intent" or "threat"), in file order."""
    return tuple((row["prefix"], row["code"]) for row in load_table("event_recoding.tsv") if row["table"] == table)
