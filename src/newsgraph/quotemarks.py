"""Where quoted speech lies in a text: regions between quotation marks.

Straight and curly double quotes both open and close; an opening mark with no
closing one before the paragraph ends continues into the next paragraph when
that paragraph opens with a quotation mark (the newswire convention for long
quotes), else ends at the paragraph's end. Single quotes are left out: they are
mostly apostrophes (US’, don't).
"""
from __future__ import annotations

import bisect

OPENING = "“«„"
CLOSING = "”»"
STRAIGHT = '"'


def quote_regions(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of each quoted stretch, quote marks excluded, in text order."""
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        for i in range(p_start, p_end):
            ch = text[i]
            if open_at is None:
                if ch in OPENING or (ch == STRAIGHT and _opens(text, i, p_start)):
                    open_at = i + 1
            elif ch in CLOSING or ch == STRAIGHT or (ch in OPENING and i == p_start):
                if ch in OPENING:  # a new paragraph reopening a continued quote
                    continue
                regions.append((open_at, i))
                open_at = None
        if open_at is not None:
            nxt = paragraphs[p_index + 1][0] if p_index + 1 < len(paragraphs) else None
            continues = nxt is not None and text[nxt:nxt + 1] in OPENING + STRAIGHT
            regions.append((open_at, p_end))
            open_at = None
            if continues:
                open_at = None  # the next paragraph's own mark opens it again
    return regions


def _opens(text: str, i: int, p_start: int) -> bool:
    """A straight quote opens when it starts the paragraph or follows a space or bracket."""
    return i == p_start or text[i - 1] in " \t\n([{—–-:,"


class QuoteMask:
    """Fast 'is this offset inside quotes?' over a text's quote regions."""

    def __init__(self, regions: list[tuple[int, int]]) -> None:
        self.regions = regions
        self._starts = [s for s, _ in regions]

    def region_of(self, offset: int) -> tuple[int, int] | None:
        k = bisect.bisect_right(self._starts, offset) - 1
        if k >= 0 and self.regions[k][0] <= offset < self.regions[k][1]:
            return self.regions[k]
        return None

    def inside(self, offset: int) -> bool:
        return self.region_of(offset) is not None
