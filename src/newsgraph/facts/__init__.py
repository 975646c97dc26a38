"""The facts stage: counts, dates and places, each with its evidence span."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the stages load spaCy: importing the package (its gazetteer, for exports) must not
    from spacy.tokens import Doc

    from newsgraph.actors import ActorIndex
    from newsgraph.knowledge import Knowledge
    from newsgraph.record import Count, DateMention, Place

__all__ = ["find_facts"]


def find_facts(body: Doc, title: Doc | None, actors: ActorIndex, published: str | None, knowledge: Knowledge,
               focus: dict[str, float] | None = None) -> tuple[list[Count], list[DateMention], list[Place]]:
    """Counts, dates and places; `focus` (ISO3 → weight) is the article's country focus, else the body's
    place names and actors give one."""
    from newsgraph.facts.counts import find_counts
    from newsgraph.facts.dates import find_dates
    from newsgraph.facts.places import find_places, place_focus

    counts = find_counts(body)
    dates = find_dates(body, published)
    places = find_places(body, actors, knowledge, focus=focus)
    if title is not None:
        dates = find_dates(title, published, in_="title") + dates
        title_focus = focus if focus is not None else place_focus(body, actors, knowledge)
        places = find_places(title, actors, knowledge, in_="title", focus=title_focus) + places
    return counts, dates, places
