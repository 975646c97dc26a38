"""The actors stage: mentions → canonical actors with CAMEO-style codes.

find mentions (names, nominals, pronouns) → link person aliases → coreference
→ give bare nominals the salient country → number the actors and list the
entities. Later stages ask `ActorIndex.actor_at(token)` who a token refers to.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsgraph.actors.coref import resolve_coreference
from newsgraph.actors.kb import ActorKey, KnowledgeBase, knowledge_base, person_code, surname_key
from newsgraph.actors.mentions import ACTOR_LABELS, Mention, MentionFinder
from newsgraph.quotemarks import QuoteMask
from newsgraph.record import Actor, Entity
from newsgraph.record import Mention as MentionRecord

__all__ = ["ActorIndex", "resolve_actors", "knowledge_base"]

# prepositions that set a scene rather than name what an act is aimed at ("declared a state of siege in Haiti")
SETTING_PREPS = {"in", "at", "inside", "within", "across", "throughout"}


@dataclass
class ActorIndex:
    """The stage's result: actors, entities, and which actor each mention token refers to."""

    actors: list[Actor]
    entities: list[Entity]
    mentions: dict[str, list[Mention]] = field(default_factory=dict)  # part ("body"/"title") → mentions
    _by_token: dict[tuple[str, int], tuple[int, str]] = field(default_factory=dict)
    _ids: dict[ActorKey, str] = field(default_factory=dict)

    def actor_at(self, token: Token, part: str = "body") -> str | None:
        """The actor id of the smallest mention covering `token`, or None."""
        hit = self._by_token.get((part, token.i))
        return hit[1] if hit else None

    def mention_at(self, token: Token, part: str = "body") -> Mention | None:
        for m in self.mentions.get(part, ()):
            if m.start <= token.idx < m.end:
                return m
        return None

    def id_of(self, key: ActorKey | None) -> str | None:
        return self._ids.get(key) if key is not None else None

    def add_actor(self, key: ActorKey) -> str:
        """The id of `key`'s actor, adding the actor if it is new (later stages may need one)."""
        if key not in self._ids:
            self._ids[key] = f"a{len(self.actors) + 1}"
            self.actors.append(_actor_of(key, self._ids[key]))
        return self._ids[key]


def resolve_actors(body: Doc, title: Doc | None, quote_mask: QuoteMask,
                   speech_lemmas: frozenset[str], kb: KnowledgeBase | None = None) -> ActorIndex:
    kb = kb or knowledge_base()
    parts: dict[str, tuple[Doc, list[Mention]]] = {}
    for part, doc in (("body", body), ("title", title)):
        if doc is None:
            continue
        finder = MentionFinder(kb, doc)
        mentions = sorted(finder.names() + finder.nominals(), key=lambda m: (m.start, -m.end))
        if part == "body":
            for m in mentions:
                m.quoted = quote_mask.inside(m.start)
        parts[part] = (doc, mentions)
    link_people(kb, [m for _, ms in parts.values() for m in ms], parts)
    for _, mentions in parts.values():
        _owner_countries(kb, mentions)
        resolve_coreference(mentions, speech_lemmas)
        _salient_countries(kb, mentions, [m for _, ms in parts.values() for m in ms])
    return _build(parts)


def link_people(kb: KnowledgeBase, mentions: list[Mention], parts: dict) -> None:
    """One key per person: full names and surnames merged, the knowledge base or the context telling role."""
    people = [m for m in mentions if m.kind == "name" and m.role == "person"]
    surnames = {surname_key(m.key.name if m.key and m.key.type == "person" else m.text) for m in people
                if len(m.text.split()) > 1}
    for m in mentions:  # a surname the model took for an organisation or place ("Schenker noted")
        if m.kind == "name" and m.role != "person" and (m.key is None or m.key.type == "organization") \
                and " " not in m.text and surname_key(m.text) in surnames and not kb.lookup(m.text):
            m.label, m.role, m.key = "PERSON", "person", None
            people.append(m)
    # a titled person the knowledge base lacks acts for the one country the text is about, if it names one
    # (a title with a surname: "President Mugabe", "Prime Minister Iyad Allawi")
    countries = _country_mentions(kb, mentions, people)
    groups: dict[str, list[Mention]] = {}
    for m in people:
        if m.key is not None and m.key.type == "person":
            groups.setdefault(surname_key(m.key.name), []).append(m)
        else:
            groups.setdefault(surname_key(m.text), []).append(m)
    for group in groups.values():
        known = next((m.key for m in group if m.key is not None and m.key.type == "person"), None)
        if known is None:
            for m in sorted(group, key=lambda m: -len(m.text.split())):
                entries = [e for e in kb.lookup(m.text) if e.kind == "person"]
                if entries:
                    known = entries[0].key
                    break
        if known is not None and known.sector != "ELI" and any(_former(m) for m in group):
            # "former President X": in this article the person speaks as an ex-official
            known = ActorKey("person", known.name, person_code(known.country, "ELI"), known.country, "ELI",
                             known.wikidata)
        if known is None:
            full = max(group, key=lambda m: (len(m.text.split()), -m.start))
            country, sector, igo = None, None, None
            for m in group:
                c, s, o = person_context(kb, m)
                country, sector, igo = country or c, sector or s, igo or o
            if country is None and sector not in (None, "IGO"):
                # "Opposition groups in Zimbabwe demand that President Mugabe ..."
                country = _context_country(kb, countries, group)
            code = igo.code if igo is not None and sector == "IGO" else person_code(country, sector)
            known = ActorKey("person", full.text, code, country, sector)
        for m in group:
            m.key = known
    _appositive_titles(mentions)


def _country_mentions(kb: KnowledgeBase, mentions: list[Mention], people: list[Mention]) -> list[Mention]:
    """The mentions of a text that name a country, leaving out the nationality words of people's own
    titles ("South African leader F.W. de Klerk" says nothing of his host)."""
    owned = {(t.doc, t.i) for m in people for t in _own_words(m)}
    return [m for m in mentions if (m.head.doc, m.head.i) not in owned and _country_of(kb, m) is not None]


def _country_of(kb: KnowledgeBase, m: Mention) -> str | None:
    if m.key is not None:
        return m.key.country if m.key.type != "person" else None
    if m.kind == "name" and m.role == "country":  # "Zambian" as a modifier: no actor, still a country
        return next((e.key.country for e in kb.lookup(m.text) if e.kind in ("adjective", "country")), None)
    return None


def _acted_upon(m: Mention) -> bool:
    """Is a country name the object of an act ("threatened action against Russia"), rather than where
    something happens ("in Haiti") or whose it is ("Greece's trial", "Chilean officials")?"""
    head = m.head
    if m.kind != "name" or head.dep_ not in ("dobj", "pobj"):
        return False
    return head.dep_ == "dobj" or head.head.lower_ not in SETTING_PREPS


def _context_country(kb: KnowledgeBase, countries: list[Mention], group: list[Mention]) -> str | None:
    """The one country the text names, if exactly one, not counting a country the person's own clause acts
    upon: "President Bush threatened further action against Russia" says nothing of Bush's country."""
    clause: set[tuple[Doc, int]] = set()
    for m in group:
        verb = next((t for t in m.head.ancestors if t.pos_ in ("VERB", "AUX")), None)
        if verb is not None:
            clause.update((t.doc, t.i) for t in verb.subtree)
    found = {_country_of(kb, m) for m in countries if not ((m.head.doc, m.head.i) in clause and _acted_upon(m))}
    return found.pop() if len(found) == 1 else None


def _appositive_titles(mentions: list[Mention]) -> None:
    """'Former US Assistant Secretary ..., David Schenker' and 'Schenker, a former official': one person."""
    person_at = {m.head.i: m for m in mentions if m.kind == "name" and m.role == "person" and m.key}
    for m in mentions:
        if m.kind != "nominal" or m.role != "person":
            continue
        partner = next((person_at[c.i] for c in m.head.children if c.dep_ == "appos" and c.i in person_at), None)
        if partner is None and m.head.dep_ == "appos":
            partner = person_at.get(m.head.head.i)
        if partner is not None:
            m.key = partner.key


def _former(m: Mention) -> bool:
    """Does the person's own phrase call them a former office-holder?"""
    words = [t for t in m.head.subtree if t.idx < m.start][-6:]
    return any(t.lower_ in ("former", "ex", "ex-", "retired") for t in words)


def _entity_text(t: Token) -> str:
    """The text of the entity `t` begins, or the empty string."""
    if t.ent_iob_ != "B":
        return ""
    end = t.i + 1
    while end < len(t.doc) and t.doc[end].ent_iob_ == "I":
        end += 1
    return t.doc[t.i:end].text


def _own_words(m: Mention) -> list[Token]:
    """The words of a person's own phrase outside the name: titles before it, appositives."""
    head = m.head
    words = [t for t in head.subtree if t.idx < m.start]
    for child in head.children:
        if child.dep_ == "appos":
            words.extend(child.subtree)
    if head.dep_ == "appos":
        words.extend(t for t in head.head.subtree if t.i < head.i and t.idx < m.start)
    return words


def person_context(kb: KnowledgeBase, m: Mention) -> tuple[str | None, str | None, ActorKey | None]:
    """Country, sector and organisation a person's own phrase gives: titles, nationality words,
    appositives ("UN envoy X" acts for the UN)."""
    words = _own_words(m)
    country = sector = None
    organisation = None
    former = False
    for k, t in enumerate(words):
        lower = t.lower_
        if lower in ("former", "ex", "retired", "ex-"):
            former = True
        for e in kb.lookup(t.text) + kb.lookup(_entity_text(t)):  # "South African" is one word of two
            if e.kind in ("country", "adjective") and country is None:
                country = e.key.country
        pair = f"{lower} {words[k + 1].lower_}" if k + 1 < len(words) else ""
        term = kb.sector_term(pair, ("title", "person")) or kb.sector_term(lower, ("title", "person"))
        if term and term.sector and sector is None:
            sector = term.sector
        ent_entries = kb.lookup(t.text) + kb.lookup(_entity_text(t)) if t.ent_type_ == "ORG" else []
        for e in ent_entries:
            if e.kind in ("igo", "org") and sector is None:
                sector = e.key.sector
                country = country or e.key.country
                organisation = organisation or e.key
    if former and sector in ("GOV", "MIL", "LEG", "JUD", None) and (sector or country):
        sector = "ELI"
    return country, sector, organisation


def _owner_countries(kb: KnowledgeBase, mentions: list[Mention]) -> None:
    """'the Assad regime': a nominal named after a person belongs to that person's country."""
    for m in mentions:
        if m.key is None and m.person_owner is not None:
            person = next((x.key for x in mentions if x.kind == "name" and x.key is not None
                           and x.key.type == "person" and surname_key(x.key.name) ==
                           surname_key(m.person_owner.name)), None)
            if person is not None and person.country:
                m.key = kb.country_sector(person.country, m.term_sector)


def _salient_countries(kb: KnowledgeBase, mentions: list[Mention], everything: list[Mention]) -> None:
    """A nominal with no country of its own ('civilians') belongs to the country in focus."""
    counts = Counter(m.key.country for m in everything
                     if m.key is not None and m.key.country and m.key.type != "person")
    top = counts.most_common(1)[0][0] if counts else None
    by_sentence: dict[int, list[tuple[int, Mention]]] = {}  # only neighbouring sentences count: O(n), not O(n²)
    for k, o in enumerate(mentions):
        by_sentence.setdefault(o.sent, []).append((k, o))
    for m in mentions:
        if m.key is not None or m.kind != "nominal" or m.role not in ("group", "person") or not m.term_sector:
            continue
        country = None
        near = [o for _, o in sorted(x for s in (m.sent - 1, m.sent, m.sent + 1) for x in by_sentence.get(s, ()))]
        for other in sorted(near, key=lambda o: (abs(o.sent - m.sent), abs(o.start - m.start))):
            if abs(other.sent - m.sent) > 1:
                break
            if other.key is not None and other.key.country and other.key.type != "person" and other is not m:
                country = other.key.country
                break
        m.key = kb.country_sector(country or top, m.term_sector)


def _actor_of(key: ActorKey, actor_id: str) -> Actor:
    # an actor nothing is known of gets the empty code, so every actor's code is a string
    return Actor(id=actor_id, name=key.name, code=key.code or "", country=key.country, sector=key.sector,
                 type=key.type, wikidata=key.wikidata)


def _build(parts: dict[str, tuple[Doc, list[Mention]]]) -> ActorIndex:
    index = ActorIndex(actors=[], entities=[])
    ordered = []
    for part in ("title", "body"):
        if part in parts:
            ordered.extend((part, m) for m in parts[part][1])
    for part, m in ordered:
        if m.key is None:
            continue
        actor_id = index.add_actor(m.key)
        in_ = "title" if part == "title" else None
        if m.is_entity or m.kind == "pronoun":
            index.actors[int(actor_id[1:]) - 1].mentions.append(
                MentionRecord(m.start, m.end, m.text, m.kind, in_))
    for part, (doc, mentions) in parts.items():
        text = doc.text
        index.mentions[part] = mentions
        in_ = "title" if part == "title" else None
        by_span = {(m.start, m.end): m for m in mentions if m.kind != "pronoun"}
        for m in sorted(mentions, key=lambda m: m.end - m.start, reverse=True):
            actor_id = index.id_of(m.key)
            if actor_id is None:
                continue
            for t in doc.char_span(m.start, m.end, alignment_mode="expand") or ():
                index._by_token[(part, t.i)] = (m.end - m.start, actor_id)
        seen = set()
        for ent in doc.ents:
            m = by_span.get(_trimmed(ent)) if ent.label_ in ACTOR_LABELS else None
            start, end = (m.start, m.end) if m else (ent.start_char, ent.end_char)
            label = m.label if m else ent.label_
            seen.add((start, end))
            index.entities.append(Entity(start, end, text[start:end], label,
                                         _entity_actor(index, m, part, ent), in_))
        for m in mentions:
            if m.kind == "nominal" and m.is_entity and (m.start, m.end) not in seen:
                index.entities.append(Entity(m.start, m.end, m.text, "NOM", index.id_of(m.key), in_))
    index.entities.sort(key=lambda e: (e.in_ or "", e.start, -e.end))
    return index


def _entity_actor(index: ActorIndex, m: Mention | None, part: str, ent) -> str | None:
    if m is not None and m.key is not None:
        return index.id_of(m.key)
    if ent.label_ in ACTOR_LABELS:  # "Syrian" in "the Syrian regime": the phrase's actor
        hit = index._by_token.get((part, ent.root.i))
        return hit[1] if hit else None
    return None


def _trimmed(ent) -> tuple[int, int]:
    from newsgraph.actors.mentions import _trim

    start, end, _ = _trim(ent)
    return start, end
