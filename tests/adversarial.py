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


# -- random inputs for the fuzzers: each a (what, value) the Python API, the readers or the HTTP API gets --

PIECES = ["“", "”", "‘", "’", '"', "'", "«", "»", "—", "–", "-", "\n", "\n\n", " ", "\t", "&amp;", "&", "<p>",
          "</p>", "<script>", "said", "told", "according to", "Gunmen killed", "9" * 309, "12", "1,000",
          "yesterday", "last week", "December 28", "on Tuesday", "Joe Biden", "Syria", "the United Nations",
          "\u200b", "\ufeff", "\x00", "\x1b", "é", "ß", "ﬁ", "🙂", "\u202e", "A.", "Mr.", "U.S.", "(", ")", ":", ";"]
DATES = ["2021-06-15", "2021-06-15T12:00:00Z", "2021", "2021-06", "9999-12-31", "0001-01-01", "2021-13-45", "abc",
         "", " ", "1899-12-31", "2100-12-31", "2021-02-29", "20210615", None]
SUFFIXES = [".txt", ".html", ".jsonl", ".csv"]


def random_text(rng, most: int = 3000) -> str:
    """A text made of odd pieces, real words and random characters."""
    parts = []
    while sum(map(len, parts)) < rng.randint(1, most):
        r = rng.random()
        if r < 0.6:
            parts.append(rng.choice(PIECES))
        elif r < 0.8:
            parts.append(SENTENCE)
        else:
            parts.append("".join(chr(rng.choice([rng.randint(32, 126), rng.randint(160, 0x2FFF),
                                                 rng.randint(0x1F300, 0x1F6FF)])) for _ in range(rng.randint(1, 20))))
    return "".join(parts)


def random_article(rng) -> dict:
    """Keyword arguments for newsgraph.analyze, sometimes of the wrong type."""
    r = rng.random()
    if r < 0.05:
        text = rng.choice([None, 123, b"bytes", ["list"], 1.5])
    elif r < 0.08:
        text = rng.choice(list(KINDS.values()))(rng.randint(100, 10_000))
    else:
        text = random_text(rng)
    kwargs = {"text": text, "published": rng.choice(DATES)}
    if rng.random() < 0.1:
        kwargs["title"] = rng.choice([123, "", random_text(rng, 80), None])
    if rng.random() < 0.05:
        kwargs["published"] = rng.choice([20210615, 1.5, ["2021"]])
    return kwargs


def random_file(rng) -> tuple[str, bytes]:
    """A file's suffix and bytes: an article, a corpus with odd rows, or noise."""
    suffix = rng.choice(SUFFIXES)
    r = rng.random()
    if r < 0.15:
        return suffix, bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 400)))
    if suffix == ".jsonl":
        import json

        rows = []
        for _ in range(rng.randint(1, 4)):
            kind = rng.random()
            if kind < 0.2:
                rows.append("[" * rng.randint(500, 5000))
            elif kind < 0.3:
                rows.append(json.dumps(rng.choice([[1], "text", 3, None])))
            else:
                rows.append(json.dumps({"text": random_text(rng, 400), "published": rng.choice(DATES),
                                        "title": rng.choice([None, 5, "A title"]), "id": rng.choice([None, 7, "x"])}))
        return suffix, "\n".join(rows).encode("utf-8", "replace")
    if suffix == ".csv":
        body = random_text(rng, 300).replace('"', '""')
        return suffix, f'text,published\n"{body}",{rng.choice(DATES) or ""}\n'.encode("utf-8", "replace")
    text = random_text(rng)
    return suffix, (f"<html><body><p>{text}</p></body></html>" if suffix == ".html" else text).encode(
        rng.choice(["utf-8", "utf-16", "cp1252"]), "replace")
