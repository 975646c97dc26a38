"""Page furniture: share buttons, "Read more" links, ads, cookie banners and newsletter prompts.

The patterns live in `data/furniture.tsv`. A line that is furniture whole is dropped; a furniture run at
the end of a line (scope `tail`) is cut off. This runs on the repaired text before the title and the
paragraphs are found, so every offset the record gives indexes the text without the furniture.
"""
from __future__ import annotations

import re
from functools import cache

from newsgraph.data import load_table


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(whole-line pattern, end-of-line pattern), each one alternation of the table's rows."""
    by_scope: dict[str, list[str]] = {"line": [], "tail": []}
    for row in load_table("furniture.tsv"):
        by_scope[row["scope"]].append(f"(?:{row['pattern']})")
    whole = re.compile("|".join(by_scope["line"]), re.IGNORECASE)
    tail = re.compile(f"(?:{'|'.join(by_scope['tail'])})$", re.IGNORECASE)
    return whole, tail


def is_furniture(line: str) -> bool:
    """Is this whole line page furniture?"""
    stripped = line.strip()
    return bool(stripped) and _patterns()[0].fullmatch(stripped) is not None


def strip_furniture(text: str) -> str:
    """The text without its furniture lines and with furniture runs cut from the ends of lines."""
    whole, tail = _patterns()
    kept = []
    for line in text.split("\n"):
        if line.strip() and whole.fullmatch(line.strip()):
            continue
        kept.append(tail.sub("", line).rstrip() if tail.pattern != "(?:)$" else line)
    return "\n".join(kept)
