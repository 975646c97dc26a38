"""The events stage: who did what to whom, coded in CAMEO and PLOVER with negation, modality and date.

For each clause whose verb (or event noun: "refusal", "ceasefire") matches the verb-pattern lexicon
(`lexicon`) and passes the sense guards (`guards`): source from the subject (the agent of a passive, the
organisation a member is suspended from), target from the object or the pattern's preposition, both
through the actor index (`arguments`); then negation and modality ("will not normalize ties" is a refusal,
CAMEO 12, never cooperation), the date the text gives the event, and the quote it sits in (`assembly`).
`coder` ties them together.
"""
from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.actors import ActorIndex
from newsgraph.events.assembly import one_per_act
from newsgraph.events.coder import EventCoder
from newsgraph.events.second_opinion import second_opinion
from newsgraph.quotemarks import QuoteMask
from newsgraph.record import Event, Place, Quote

__all__ = ["find_events"]


def headline_speaker(title: Doc, actors: ActorIndex) -> str | None:
    """'US State Department: We Will Not Normalize Ties': the actor before the colon speaks."""
    colon = next((t for t in title if t.text == ":"), None)
    if colon is None:
        return None
    for t in reversed(title[: colon.i]):
        found = actors.actor_at(t, "title")
        if found is not None:
            return found
    return None


def find_events(body: Doc, title: Doc | None, actors: ActorIndex, quotes: list[Quote], mask: QuoteMask,
                published: str | None, places: list[Place] | None = None) -> list[Event]:
    """The events of an article's body and title; `places` (the facts stage's) give each its location."""
    coder = EventCoder(body, actors, quotes, mask, "body", published, places=places)
    events = second_opinion(coder, coder.code())
    if title is not None:
        speaker = headline_speaker(title, actors)
        coder = EventCoder(title, actors, [], QuoteMask([]), "title", published, speaker, places)
        events = second_opinion(coder, coder.code()) + events
    events = one_per_act(events)
    for k, e in enumerate(events):
        e.id = f"v{k + 1}"
    return events
