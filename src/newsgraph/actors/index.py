"""The actors stage's result, and the one place later stages get actors from.

Later stages (quotes, places, events) ask `ActorIndex.actor_at(token)` who a token refers to; when they
need an actor no mention created ("Indian" as a modifier, the police an agentless arrest implies, the
country a place lies in), they ask the index for it, so actors are made in this package only.
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Token

from newsgraph.actors.geography import Focus
from newsgraph.actors.kb import ActorKey, KnowledgeBase
from newsgraph.actors.mentions import Mention
from newsgraph.record import Actor, Entity, Quote
from newsgraph.record import Mention as MentionRecord

# the kinds of knowledge-base entry that name a country by a word of their own
COUNTRY_WORDS = ("adjective", "country", "people")
SINGULAR_FIRST_PERSON = {"i", "me", "my", "mine", "myself"}


@dataclass
class ActorIndex:
    """Actors, entities, and which actor each mention token refers to."""

    actors: list[Actor]
    entities: list[Entity]
    kb: KnowledgeBase
    focus: Focus = field(default_factory=Focus)
    mentions: dict[str, list[Mention]] = field(default_factory=dict)  # part ("body"/"title") → mentions
    _by_token: dict[tuple[str, int], tuple[int, str]] = field(default_factory=dict)
    _ids: dict[ActorKey, str] = field(default_factory=dict)
    _mention_index: dict[str, dict[int, Mention]] = field(default_factory=dict)
    _mention_spans: dict[str, set[tuple[int, str | None]]] = field(default_factory=dict)

    def actor_at(self, token: Token, part: str = "body") -> str | None:
        """The actor id of the smallest mention covering `token`, or None."""
        hit = self._by_token.get((part, token.i))
        return hit[1] if hit else None

    def mention_at(self, token: Token, part: str = "body") -> Mention | None:
        """The first mention (in text order) that covers `token`, or None."""
        if part not in self._mention_index:
            index: dict[int, Mention] = {}
            for m in reversed(self.mentions.get(part, ())):  # the earliest mention wins
                span = m.head.doc.char_span(m.start, m.end, alignment_mode="expand")
                for t in span or ():
                    index[t.i] = m
            self._mention_index[part] = index
        return self._mention_index[part].get(token.i)

    def id_of(self, key: ActorKey | None) -> str | None:
        return self._ids.get(key) if key is not None else None

    def country_of_actor(self, actor_id: str | None) -> str | None:
        actor = self.by_id(actor_id)
        return actor.country if actor is not None else None

    def by_id(self, actor_id: str | None) -> Actor | None:
        if not actor_id or not actor_id[1:].isdigit():
            return None
        k = int(actor_id[1:]) - 1
        return self.actors[k] if 0 <= k < len(self.actors) else None

    def entity_labels(self) -> dict[str, str]:
        """By actor id, the label most of its named entities carry (a person PERSON, a state GPE): the label of
        a pronoun that refers to it."""
        labels: dict[str, Counter] = {}
        for e in self.entities:
            if e.actor is not None and e.label != "NOM" and not e.pronoun:
                labels.setdefault(e.actor, Counter())[e.label] += 1
        return {actor_id: c.most_common(1)[0][0] for actor_id, c in labels.items()}

    def add_pronoun(self, m: Mention, actor_id: str, label: str, in_: str | None = None) -> None:
        """A pronoun that refers to an actor: a mention of it and an entity."""
        self.entities.append(Entity(m.start, m.end, m.text, label, actor_id, in_, pronoun=True))
        actor = self.by_id(actor_id)
        if actor is None:
            return
        if actor_id not in self._mention_spans:  # built once per actor: a quote storm has one speaker
            self._mention_spans[actor_id] = {(r.start, r.in_) for r in actor.mentions}
        if (m.start, in_) not in self._mention_spans[actor_id]:
            self._mention_spans[actor_id].add((m.start, in_))
            actor.mentions.append(MentionRecord(m.start, m.end, m.text, "pronoun", in_))

    def quoted_first_person(self, quotes: list[Quote]) -> None:
        """'"We will not normalise ties," the spokesperson said': inside a quote, "I" is its speaker and "we"
        the body the speaker speaks for (a person's country and sector, an organisation itself). Each such
        pronoun becomes a mention and an entity of that actor."""
        spoken = sorted((q.start, q.end, q.speaker) for q in quotes if q.speaker)
        if not spoken:
            return
        starts = [start for start, _, _ in spoken]
        labels = self.entity_labels()
        touched: set[str] = set()
        for m in self.mentions.get("body", ()):
            if m.kind != "pronoun" or m.role != "first":
                continue
            k = bisect.bisect_right(starts, m.start) - 1
            if k < 0 or m.end > spoken[k][1]:
                continue
            speaker = self.by_id(spoken[k][2])
            if speaker is None:
                continue
            if m.text.lower() in SINGULAR_FIRST_PERSON:
                if speaker.type != "person":
                    continue
                actor_id = speaker.id
            elif speaker.type == "person":
                if speaker.country is None:
                    continue  # a private person's "we" is no body we can name
                actor_id = self.add_actor(self.kb.country_sector(speaker.country, speaker.sector))
            else:
                actor_id = speaker.id
            if m.text.lower() in SINGULAR_FIRST_PERSON:
                label = "PERSON"
            else:  # "we" is a body, whatever label its speaker's own mentions carry
                label = labels.get(actor_id) if labels.get(actor_id) not in (None, "PERSON") else "ORG"
            self.add_pronoun(m, actor_id, label)
            touched.add(actor_id)
        if touched:
            self.entities.sort(key=lambda e: (e.in_ or "", e.start, -e.end))
            for actor_id in touched:  # the title's mentions first, then the body's, each in text order
                self.by_id(actor_id).mentions.sort(key=lambda r: (r.in_ != "title", r.start))

    def add_actor(self, key: ActorKey) -> str:
        """The id of `key`'s actor, adding the actor if it is new."""
        if key not in self._ids:
            self._ids[key] = f"a{len(self.actors) + 1}"
            self.actors.append(actor_of(key, self._ids[key]))
        return self._ids[key]

    # -- actors later stages need that no mention created ------------------------------------------
    def country_word(self, token: Token) -> str | None:
        """The country a nationality or country word names ("Indian" as a modifier), as an actor."""
        if token.ent_type_ not in ("NORP", "GPE"):
            return None
        country = self.kb.country_of(token.text, COUNTRY_WORDS)
        return self.add_actor(self.kb.country_keys[country]) if country in self.kb.country_keys else None

    def phrase_actor(self, token: Token | None) -> str | None:
        """An actor for a noun phrase no mention covers ("Opposition groups in Zimbabwe", "university
        students"): its country from its own words, else the article's focus; its sector from its head."""
        if token is None or token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ in ("DATE", "TIME", "CARDINAL"):
            return None
        words = [t for t in token.subtree if t.dep_ not in ("relcl", "acl", "punct") and t.i <= token.right_edge.i]
        country = next((c for t in words if (c := self.kb.country_of(t.text, COUNTRY_WORDS + ("capital",)))), None)
        term = self.kb.sector_term(token.lemma_.lower(), ("group", "person", "title")) or \
            self.kb.sector_term(token.lower_, ("group", "person", "title"))
        sector = term.sector if term else None
        if country is None and sector is None:
            return None
        if country is None:
            country = self.focus.country
        if country is not None:
            return self.add_actor(self.kb.country_sector(country, sector))
        left = token.left_edge
        while left.i < token.i and left.dep_ in ("det", "predet"):
            left = token.doc[left.i + 1]
        name = token.doc[left.i: token.i + 1].text
        return self.add_actor(ActorKey("group", name, sector, None, sector))

    def authority(self, sector: str = "COP") -> str:
        """The authorities an act implies when the text names no agent ("50 persons were arrested"): the
        focus country's police."""
        return self.add_actor(self.kb.country_sector(self.focus.country, sector))

    def country_actor(self, iso3: str | None, sector: str | None = None) -> str | None:
        """A country (or one of its sectors) as an actor, e.g. the country a place lies in."""
        if iso3 is None or iso3 not in self.kb.country_keys:
            return None
        return self.add_actor(self.kb.country_sector(iso3, sector))

    def place_country(self, surface: str, kinds: tuple[str, ...] = ("capital", "country")) -> str | None:
        """The country a place's own name gives ("in Tehran", "in Montenegro")."""
        return self.kb.country_of(surface, kinds)


def actor_of(key: ActorKey, actor_id: str) -> Actor:
    # an actor nothing is known of gets the empty code, so every actor's code is a string
    return Actor(id=actor_id, name=key.name, code=key.code or "", country=key.country, sector=key.sector,
                 type=key.type, wikidata=key.wikidata)
