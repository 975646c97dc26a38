"""The loaded knowledge: one service, built once per process and passed to every stage that needs it.

It holds the actor knowledge base (hand-written entries over the PETRARCH2/Phoenix dictionaries) and
the gazetteer. The pipeline builds it once (`load_knowledge`) and hands it to the entity ruler, the
actors stage, the places stage and the events stage; nothing else reaches for a global.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from newsgraph.actors.kb import KnowledgeBase
from newsgraph.facts.gazetteer import Gazetteer


@dataclass(frozen=True)
class Knowledge:
    actors: KnowledgeBase
    gazetteer: Gazetteer

    def with_actors(self, actors: KnowledgeBase) -> Knowledge:
        """The same knowledge with another actor knowledge base (an evaluation suite's extra actors)."""
        return replace(self, actors=actors)


@cache
def load_knowledge() -> Knowledge:
    """The process-wide knowledge, built on first use."""
    from newsgraph.actors.kb import knowledge_base
    from newsgraph.facts.gazetteer import gazetteer

    return Knowledge(actors=knowledge_base(), gazetteer=gazetteer())
