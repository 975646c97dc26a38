"""The facts stage: counts, dates and places, each with its evidence span."""
from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.actors import ActorIndex
from newsgraph.facts.counts import find_counts
from newsgraph.facts.dates import find_dates
from newsgraph.facts.places import find_places
from newsgraph.knowledge import Knowledge
from newsgraph.record import Count, DateMention, Place

__all__ = ["find_facts"]


def find_facts(body: Doc, title: Doc | None, actors: ActorIndex,
               published: str | None, knowledge: Knowledge) -> tuple[list[Count], list[DateMention], list[Place]]:
    counts = find_counts(body)
    dates = find_dates(body, published)
    places = find_places(body, actors, knowledge)
    if title is not None:
        dates = find_dates(title, published, in_="title") + dates
        places = find_places(title, actors, knowledge, in_="title") + places
    return counts, dates, places
