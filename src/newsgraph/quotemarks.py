"""Where quoted speech lies in a text: regions between quotation marks.

Straight and curly double quotes both open and close; an opening mark with no
closing one before the paragraph ends continues into the next paragraph when
that paragraph opens with a quotation mark (the newswire convention for long
quotes), else ends at the paragraph's end. Single quotes are left out: they are
mostly apostrophes (US’, don't).
"""
from __future__ import annotations

import bisect

# dashes that introduce a speaker ("“...” ―Name") or stick to a name: em, en, horizontal bar,
# figure dash, two-em dash, hyphen-minus
DASHES = "—–―‒⸺-"
OPENING = "“«„"
CLOSING = "”»"
STRAIGHT = '"'
DOUBLED = "''"


def quote_regions(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of each quoted stretch, quote marks excluded, in text order."""
    regions: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs:
        open_at: int | None = None
        i = p_start
        while i < p_end:
            ch = text[i]
            width = 2 if text.startswith(DOUBLED, i) else 1  # wire copy writes '' for a double quote
            straight = ch == STRAIGHT or width == 2
            if open_at is None:
                if ch in OPENING or (straight and _opens(text, i, p_start)):
                    open_at = i + width
            elif ch in CLOSING or straight:
                regions.append((open_at, i))
                open_at = None
            i += width
        if open_at is not None and open_at < p_end:
            regions.append((open_at, p_end))  # unclosed: the quote runs to the paragraph's end
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
