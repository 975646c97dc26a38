"""The actors stage: mentions → canonical actors with CAMEO-style codes.

find mentions (names, nominals, pronouns) → link person aliases → the article's geography → coreference
→ give bare nominals a country (their own words, their own place phrase, else the article's focus) →
number the actors and list the entities. Later stages ask the returned `ActorIndex` who a token refers
to, and for any actor they need that no mention created.
"""
from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span

from newsgraph.actors.coref import resolve_coreference
from newsgraph.actors.geography import Focus, document_focus
from newsgraph.actors.index import ActorIndex
from newsgraph.actors.kb import KnowledgeBase, surname_key
from newsgraph.actors.mentions import ACTOR_LABELS, Mention, MentionFinder, _trim
from newsgraph.actors.people import link_people
from newsgraph.quotemarks import QuoteMask
from newsgraph.record import Entity
from newsgraph.record import Mention as MentionRecord

__all__ = ["ActorIndex", "resolve_actors"]

# sectors of bodies that act as one, whose definite nominals ("the regime", "the security forces") name an
# organisation as surely as its name does
INSTITUTION_SECTORS = {"GOV", "MIL", "REB", "COP", "IGO", "OPP", "PTY", "LEG", "JUD", "SPY"}
# prepositions whose object places a group ("police in Ahmedabad", "protesters from Gaza")
PLACING_PREPS = {"in", "from", "at", "of", "across", "inside"}
# sectors whose bare members ("analysts", "reporters", "experts") speak from anywhere: they take a country
# only from their own words, never from the article's
UNPLACED_SECTORS = {"ELI", "MED"}
# prepositions whose object is where a clause happens ("blocked streets in Hong Kong")
SETTING_PREPS = {"in", "at", "across", "inside", "throughout"}


def resolve_actors(body: Doc, title: Doc | None, quote_mask: QuoteMask, speech_lemmas: frozenset[str],
                   kb: KnowledgeBase, published: str | None = None, gazetteer=None) -> ActorIndex:
    parts: dict[str, tuple[Doc, list[Mention]]] = {}
    for part, doc in (("body", body), ("title", title)):
        if doc is None:
            continue
        finder = MentionFinder(kb, doc, published, gazetteer, speech_lemmas)
        mentions = sorted(finder.names() + finder.nominals(), key=lambda m: (m.start, -m.end))
        if part == "body":
            for m in mentions:
                m.quoted = quote_mask.inside(m.start)
        parts[part] = (doc, mentions)
    everything = [m for _, ms in parts.values() for m in ms]
    link_people(kb, everything, published)
    focus = document_focus(parts, kb)
    for _, mentions in parts.values():
        _owner_countries(kb, mentions)
        resolve_coreference(mentions, speech_lemmas)
        _placed_nominals(kb, mentions, focus)
        _members_of_bodies(kb, mentions)
        # a pronoun whose antecedent only placement named ("the police said they had arrested five men")
        resolve_coreference(mentions, speech_lemmas)
    return _build(parts, kb, focus)


def _owner_countries(kb: KnowledgeBase, mentions: list[Mention]) -> None:
    """'the Assad regime': a nominal named after a person belongs to that person's country."""
    for m in mentions:
        if m.key is None and m.person_owner is not None:
            person = next((x.key for x in mentions if x.kind == "name" and x.key is not None
                           and x.key.type == "person" and surname_key(x.key.name) ==
                           surname_key(m.person_owner.name)), None)
            country = (person.country if person is not None else None) or kb.surname_country(m.person_owner.name)
            if country:
                m.key = kb.country_sector(country, m.term_sector)


def _own_place(kb: KnowledgeBase, m: Mention) -> str | None:
    """The country a nominal's own place phrase names ("police in Ahmedabad", "students from Gaza"), or,
    for a subject, its clause's setting ("people blocked streets in Hong Kong")."""
    heads = [m.head]
    phrase = m.head
    while phrase.dep_ == "pobj" and phrase.head.lower_ == "of" and phrase.head.head.i != phrase.head.i:
        phrase = phrase.head.head  # "thousands of people"
    if phrase.dep_ in ("nsubj", "nsubjpass"):
        verb = phrase.head
        heads += [verb] + [c for c in verb.children if c.dep_ == "dobj"]
    preps = [c for h in heads for c in h.children if c.dep_ == "prep" and
             (c.lower_ in PLACING_PREPS if h is m.head else c.lower_ in SETTING_PREPS)]
    for prep in preps:
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            words = [t for t in obj.subtree if t.dep_ in ("compound", "amod") or t.i == obj.i]
            text = " ".join(t.text for t in words)
            country = kb.country_of(text, ("country", "capital", "place", "adjective")) or \
                kb.country_of(obj.text, ("country", "capital", "place"))
            if country:
                return country
    return None


def _placed_nominals(kb: KnowledgeBase, mentions: list[Mention], focus: Focus) -> None:
    """A nominal with no country of its own ('civilians', 'the police') belongs to the place its own phrase
    names, else to the country the article is about; never to another phrase's country by nearness."""
    for m in mentions:
        if m.key is not None or m.kind not in ("nominal", "name") or m.role not in ("group", "person") \
                or not m.term_sector:
            continue
        country = _own_place(kb, m)
        if country is None and m.term_sector not in UNPLACED_SECTORS:
            country = focus.country
        m.key = kb.country_sector(country, m.term_sector)


def _members_of_bodies(kb: KnowledgeBase, mentions: list[Mention]) -> None:
    """People named only by the post they hold, 'from' or 'of' a body the text names by a nominal of another
    sector, act for that body ('officials from two American aid groups' are American NGOs, not the US government;
    'doctors of the charity'); 'victims of the militants' are not the militants."""
    by_head = {m.head.i: m for m in mentions if m.kind in ("nominal", "name") and m.key is not None}
    for m in mentions:
        if m.kind != "nominal" or m.key is None or _qualified(m) or \
                kb.sector_term(m.head.lemma_.lower(), ("person",)) is None:
            continue
        for prep in (c for c in m.head.children if c.dep_ == "prep" and c.lower_ in ("from", "of")):
            body = next((by_head[o.i] for o in prep.children if o.dep_ == "pobj" and o.i in by_head), None)
            if body is not None and body.role == "group" and body.key.sector and body.key.sector != m.key.sector:
                m.key = body.key


def _qualified(m: Mention) -> bool:
    """Does the nominal carry words of its own before its head ('Syrian officials', 'senior army officers')?"""
    return any(c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < m.head.i for c in m.head.children)


def _build(parts: dict[str, tuple[Doc, list[Mention]]], kb: KnowledgeBase, focus: Focus) -> ActorIndex:
    index = ActorIndex(actors=[], entities=[], kb=kb, focus=focus)
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
            index.by_id(actor_id).mentions.append(MentionRecord(m.start, m.end, m.text, m.kind, in_))
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
        named, absorbed = _named_nominals(doc, mentions)
        seen = set()
        for ent in doc.ents:
            if (ent.start_char, ent.end_char) in absorbed:
                continue
            m = by_span.get(_trim(ent)[:2]) if ent.label_ in ACTOR_LABELS else None
            start, end = (m.start, m.end) if m else (ent.start_char, ent.end_char)
            label = m.label if m else ent.label_
            seen.add((start, end))
            index.entities.append(Entity(start, end, text[start:end], label,
                                         _entity_actor(index, m, part, ent), in_))
        for m in mentions:
            if m.kind == "nominal" and m.is_entity and (m.start, m.end) not in seen:
                label, end = named.get((m.start, m.end), ("NOM", m.end))
                index.entities.append(Entity(m.start, end, text[m.start:end], label, index.id_of(m.key), in_,
                                             nominal=True))
    _linked_pronouns(index, parts)
    index.entities.sort(key=lambda e: (e.in_ or "", e.start, -e.end))
    return index


def _linked_pronouns(index: ActorIndex, parts: dict[str, tuple[Doc, list[Mention]]]) -> None:
    """Pronouns that coreference linked to an actor are mentions of it too (as ACE and re3d count them): one
    entity each, labelled as most of that actor's other entities are (a person PERSON, a state GPE)."""
    labels = index.entity_labels()
    for part, (_, mentions) in parts.items():
        in_ = "title" if part == "title" else None
        for m in mentions:
            actor_id = index.id_of(m.key) if m.kind == "pronoun" and m.key is not None else None
            if actor_id is not None:
                label = labels.get(actor_id) or ("PERSON" if m.key.type == "person" else "ORG")
                index.add_pronoun(m, actor_id, label, in_)


def _named_nominals(doc: Doc, mentions: list[Mention]) -> tuple[dict[tuple[int, int], tuple[str, int]],
                                                                 set[tuple[int, int]]]:
    """Nominals a nationality or a place names ("the Iraqi government", "Iraqi security forces", "the Government
    of Iraq", "the people of Mosul"): one entity labelled by what they refer to (PERSON or ORG), running over
    the "of" phrase that names them; the adjective or the place part of it is not an entity of its own.
    Nominals that refer to a person ("the Foreign Secretary") are PERSON entities too. Returns, by the
    mention's span, the label and the entity's end, and the spans of the names they absorb."""
    named, absorbed = {}, set()
    entity_at = {ent.start: ent for ent in doc.ents if ent.label_ in ("GPE", "NORP", "LOC")}
    norps = [ent for ent in doc.ents if ent.label_ == "NORP"]  # in text order
    norp_starts = [ent.start_char for ent in norps]
    for m in mentions:
        if m.kind != "nominal" or not m.is_entity or m.key is None:
            continue
        first = bisect.bisect_left(norp_starts, m.start)  # the NORP entities inside the mention, by search
        inner = [ent for ent in norps[first:bisect.bisect_left(norp_starts, m.end)]
                 if ent.end_char <= m.end and ent.root.i != m.head.i]
        owner = _of_place(m, entity_at)
        institution = m.role == "group" and m.definite and m.term_sector in INSTITUTION_SECTORS
        if inner or owner is not None or institution or m.role == "person" or m.key.type == "person":
            label = "PERSON" if m.role == "person" or m.key.type == "person" else "ORG"
            named[(m.start, m.end)] = (label, owner.end_char if owner is not None else m.end)
            absorbed.update((ent.start_char, ent.end_char) for ent in inner + ([owner] if owner is not None else []))
    return named, absorbed


def _of_place(m: Mention, entity_at: dict) -> Span | None:
    """The place right after a nominal's head through "of" ("the Government of Iraq"), when the nominal's
    country is that place's."""
    head = m.head
    doc = head.doc
    if head.i + 2 >= len(doc) or doc[head.i + 1].lower_ != "of" or doc[head.i + 1].head.i != head.i:
        return None
    start = head.i + 2 + (doc[head.i + 2].lower_ == "the")
    ent = entity_at.get(start)
    if ent is None or ent.root.head.i != head.i + 1 or m.key is None or not m.key.country:
        return None
    return ent


def _entity_actor(index: ActorIndex, m: Mention | None, part: str, ent) -> str | None:
    if m is not None and m.key is not None:
        return index.id_of(m.key)
    if ent.label_ in ACTOR_LABELS:  # "Syrian" in "the Syrian regime": the phrase's actor
        return index.actor_at(ent.root, part)
    return None
