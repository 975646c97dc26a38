"""Pathological article texts of a chosen size: what the fuzz tests, `make fuzz` and the scaling bench feed.

Each generator makes the text out of one repeated unit, so a stage whose time
grows faster than the text shows up as a growing time per kilobyte. The kinds
are the inputs that once took over ten seconds under 100 KB: storms of short
quotations (one line, or one paragraph each), nested quotations, an article
repeated on one line, a page of markup entities, and a storm of entity names.
"""
from __future__ import annotations

from collections.abc import Callable

SENTENCE = ("Police said 12 protesters were arrested in Cairo on Tuesday after clashes with security forces, "
            "and the interior minister, Mahmoud Tawfik, told reporters: “We will not allow chaos.” ")


def _fill(unit: str, size: int, sep: str = "") -> str:
    """`unit` repeated (joined by `sep`) to about `size` characters."""
    n = max(1, size // (len(unit) + len(sep)))
    return sep.join([unit] * n)


def quote_storm(size: int) -> str:
    """“a” “a” “a” ...: thousands of quotations in one sentence."""
    return _fill("“a” ", size)


def quoted_paragraphs(size: int) -> str:
    """Many short quoted paragraphs, each with a cue: the newsroom pattern, repeated."""
    return _fill("“We will rebuild the school,” the mayor said.", size, "\n\n")


def nested_quotes(size: int) -> str:
    """Quotations inside quotations inside quotations, on one line."""
    return _fill("He said “she told us ‘they said “no” and left’ today” and went home. ", size)


def one_line_article(size: int) -> str:
    """A real-looking article repeated with no paragraph break at all."""
    return _fill(SENTENCE, size)


def entity_storm(size: int) -> str:
    """Names of people, places and organisations, one after another."""
    return _fill("Joe Biden, Vladimir Putin, the United Nations, NATO, Syria, Kyiv, Xi Jinping, Hamas, ", size)


def html_entities(size: int) -> str:
    """An HTML page whose body is mostly `&amp;` entities."""
    body = _fill("&amp; ", max(size - 60, 6))
    return f"<html><body><p>{body}</p></body></html>"


KINDS: dict[str, Callable[[int], str]] = {
    "quote_storm": quote_storm, "quoted_paragraphs": quoted_paragraphs, "nested_quotes": nested_quotes,
    "one_line_article": one_line_article, "entity_storm": entity_storm, "html_entities": html_entities,
}
