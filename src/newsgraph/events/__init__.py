"""The events stage: who did what to whom, coded in CAMEO and PLOVER with negation, modality and date.

for each clause whose verb (or event noun: "refusal", "ceasefire") matches the
verb-pattern lexicon: source from the subject (the agent of a passive, the
organisation a member is suspended from), target from the object or the
pattern's preposition, both through the actor resolver and coreference; then
negation and modality ("will not normalize ties" is a refusal, CAMEO 12, never
cooperation), the date the text gives the event, and the quote it sits in.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.actors import ActorIndex, knowledge_base
from newsgraph.actors.kb import ActorKey
from newsgraph.events.cameo import cameo
from newsgraph.events.lexicon import Match, match
from newsgraph.events.modality import code_after_negation, modality_of, negation_of
from newsgraph.facts.dates import publication_date, resolve_date
from newsgraph.quotemarks import QuoteMask
from newsgraph.record import Event, Quote, Span

__all__ = ["find_events"]

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
TARGET_PREPS = ("with", "against", "to", "toward", "towards", "on", "at", "into", "from", "for", "of")
EMBEDDING_DEPS = ("xcomp", "pcomp", "ccomp", "acl", "advcl")
FIRST_PERSON = {"we", "us", "our", "i", "me", "my"}
# verbs that only carry an event noun ("held talks", "launched an attack", "restated its refusal"): the
# noun's source is their subject; under any other verb an event noun needs a source of its own
SUPPORT_VERBS = {"hold", "make", "launch", "carry", "conduct", "stage", "issue", "restate", "reiterate",
                 "announce", "express", "mount", "begin", "start", "continue", "resume", "order", "lead",
                 "wage", "step", "escalate", "intensify", "renew", "voice", "reaffirm", "deliver", "give",
                 "organize", "organise", "call", "take", "undertake", "impose", "declare", "sign"}


class EventCoder:
    def __init__(self, doc: Doc, actors: ActorIndex, quotes: list[Quote], mask: QuoteMask, part: str,
                 published: str | None, speaker: str | None = None) -> None:
        self.doc = doc
        self.actors = actors
        self.quotes = quotes
        self.mask = mask
        self.part = part
        self.published = published
        self.speaker = speaker  # who "we" is outside quotes (a headline "X: We will ...")
        self.sent_index = {}
        for k, sent in enumerate(doc.sents):
            for t in sent:
                self.sent_index[t.i] = k

    # -- who -------------------------------------------------------------------------------------
    def actor_of(self, token: Token | None) -> str | None:
        """The actor a noun phrase refers to: its own mention, a first-person speaker, a relative
        pronoun's antecedent, or an actor named inside it ("a regime suppression effort")."""
        if token is None:
            return None
        if token.lower_ in ("that", "which", "who") and token.head.dep_ == "relcl":
            token = token.head.head
        if token.lower_ in FIRST_PERSON:
            quote = self.quote_at(token.idx)
            if quote is not None:
                return quote.speaker
            return self.speaker
        found = self.actors.actor_at(token, self.part) or self._country_word(token)
        if found is not None:
            return found
        related = list(token.conjuncts) + [c for c in token.children if c.dep_ == "appos" or
                                           (c.dep_ == "advmod" and c.lower_ == "especially")]
        for other in related:  # "allies, partners, and the UN"; "all parties, especially the regime"
            found = self.actors.actor_at(other, self.part)
            if found is not None:
                return found
        for t in token.subtree:
            if t.i < token.i and t.dep_ in ("compound", "poss", "amod", "nmod"):
                found = self.actors.actor_at(t, self.part) or self._country_word(t) or self._same_head_before(t)
                if found is not None:
                    return found  # "an Indian proposal", "a regime suppression effort"
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "from", "by")):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):  # "the right of Russia troops"
                found = self.actors.actor_at(obj, self.part) or self._country_word(obj)
                if found is not None:
                    return found
        return None

    def _implied_authority(self, word: Token, m: Match) -> str | None:
        """'50 persons were arrested': only the authorities arrest, detain or jail, so an agentless
        passive arrest is theirs (the police, CAMEO COP)."""
        if m.pattern.cameo[:3] not in ("173", "172") or not any(c.dep_ == "nsubjpass" for c in word.children):
            return None
        return self.actors.add_actor(ActorKey("group", "police", "COP", None, "COP"))

    def _phrase_actor(self, token: Token | None) -> str | None:
        """An actor for a subject no stage named ("Opposition groups in Zimbabwe", "university students"):
        its country and sector from its own words, its name from the phrase."""
        if token is None or token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ in ("DATE", "TIME", "CARDINAL"):
            return None
        kb = knowledge_base()
        words = [t for t in token.subtree if t.dep_ not in ("relcl", "acl", "punct") and t.i <= token.right_edge.i]
        country = None
        for t in words:
            for entry in kb.lookup(t.text):
                if entry.kind in ("adjective", "country", "people", "capital") and entry.key.country:
                    country = country or entry.key.country
        term = kb.sector_term(token.lemma_.lower(), ("group", "person", "title")) or \
            kb.sector_term(token.lower_, ("group", "person", "title"))
        sector = term.sector if term else None
        if country is None and sector is None:
            return None
        left = token.left_edge
        while left.i < token.i and left.dep_ in ("det", "predet") :
            left = token.doc[left.i + 1]
        name = token.doc[left.i: token.i + 1].text
        key = kb.country_sector(country, sector) if country else ActorKey("group", name, sector, None, sector)
        return self.actors.add_actor(key)

    def _country_word(self, token: Token) -> str | None:
        """A nationality or country word the actor stage left unlinked as a modifier ("Indian")."""
        if token.ent_type_ not in ("NORP", "GPE"):
            return None
        for entry in knowledge_base().lookup(token.text):
            if entry.kind in ("adjective", "country", "people") and entry.key.country:
                return self.actors.add_actor(entry.key)
        return None

    def _same_head_before(self, token: Token) -> str | None:
        """'regime' as a modifier: the actor of the latest earlier mention with that head noun."""
        lemma = token.lemma_.lower()
        for m in reversed(self.actors.mentions.get(self.part, [])):
            if m.start < token.idx and m.head_lemma == lemma and m.key is not None:
                return self.actors.id_of(m.key)
        return None

    def quote_at(self, offset: int) -> Quote | None:
        for q in self.quotes:
            if q.start <= offset < q.end:
                return q
        return None

    def source_of(self, word: Token, m: Match) -> Token | None:
        verb = word
        intent = m.pattern.cameo[:2] == "03"  # "the US is committed to": a passive form, an active intent
        for _ in range(4):
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
            passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            if agent is not None:
                return next((c for c in agent.children if c.dep_ == "pobj"), None)
            if subject is not None:
                return subject
            if passive is not None and intent:
                return passive
            if passive is not None:
                # "was suspended from the organization": the organisation acts on its member;
                # "were killed in police firing": the firing's author acts
                for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("from", "in", "during")):
                    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if obj is not None and (prep.lower_ == "from" or self.actor_of(obj) is not None):
                        return obj
                return None
            if word.pos_ in ("NOUN", "PROPN") and verb.i == word.i:
                own = next((c for c in word.children if c.dep_ in ("poss", "compound") and
                            self.actor_of(c) is not None), None)
                if own is not None:
                    return own  # "Washington's refusal", "Israeli airstrikes"
                by = next((c for c in word.children if c.dep_ == "prep" and c.lower_ == "by"), None)
                if by is not None:
                    return next((c for c in by.children if c.dep_ == "pobj"), None)
                governor = word.head.head if word.head.dep_ == "prep" else word.head
                if word.dep_ in ("dobj", "pobj", "attr") and governor.lemma_.lower() in SUPPORT_VERBS:
                    verb = governor  # "restated its refusal": the subject of the support verb
                    continue
                return None
            if verb.dep_ in ("xcomp", "pcomp", "conj", "advcl", "dobj", "pobj", "prep", "acomp") \
                    and verb.head.i != verb.i:
                verb = verb.head
                continue
            return None
        return None

    def target_of(self, word: Token, m: Match, source: Token | None) -> Token | None:
        candidates: list[Token] = []
        passive = next((c for c in word.children if c.dep_ == "nsubjpass"), None)
        if passive is not None and source is not None and source.i != passive.i:
            candidates.append(passive)
        preps = ([m.prep] if m.prep is not None else []) + \
            [c for c in word.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS]
        for prep in preps:
            candidates.extend(c for c in prep.children if c.dep_ == "pobj")
            for pcomp in (c for c in prep.children if c.dep_ == "pcomp"):  # "committed to working with X",
                candidates.extend(c for c in pcomp.children if c.dep_ == "dobj")  # "refusal for normalizing
                for inner in (c for c in pcomp.subtree if c.dep_ == "prep" and c.lower_ in TARGET_PREPS):
                    candidates.extend(c for c in inner.children if c.dep_ == "pobj")  # ties with Damascus"
        candidates.extend(c for c in word.children if c.dep_ in ("dobj", "dative", "iobj"))
        for embedded in (c for c in word.children if c.dep_ in EMBEDDING_DEPS):  # "refusal for normalizing ties
            candidates.extend(c for c in embedded.children if c.dep_ == "dobj")  #  with Damascus"
            for prep in (c for c in embedded.subtree if c.dep_ == "prep" and c.lower_ in TARGET_PREPS):
                candidates.extend(c for c in prep.children if c.dep_ == "pobj")
        if m.obj is not None:
            for prep in (c for c in m.obj.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS):
                candidates.extend(c for c in prep.children if c.dep_ == "pobj")  # "ties with Assad"
        source_id = self.actor_of(source)
        for c in candidates:
            actor = self.actor_of(c)
            if actor is not None and actor != source_id:
                return c
        if m.pattern.cameo[:2] == "04":  # "arrived in Amman on a visit": the host is where the visit goes
            for prep in (c for c in word.children if c.dep_ == "prep" and c.lower_ in ("in", "to", "at")):
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    host = self._host_of(obj)
                    if host is not None and host != source_id:
                        return obj
        return None

    def _host_of(self, place: Token) -> str | None:
        for entry in knowledge_base().lookup(place.text):
            if entry.kind in ("capital", "country") and entry.key.country:
                key = knowledge_base().country_sector(entry.key.country, "GOV")
                return self.actors.add_actor(key)
        return None

    # -- what -------------------------------------------------------------------------------------
    def code(self) -> list[Event]:
        events: list[Event] = []
        matched = [(t, m) for t in self.doc if (m := match(t)) is not None]
        matched_at = {t.i for t, _ in matched}
        # "refuse to normalize", "urge X to engage": the governing event says it all
        governed = {t.i for t, _ in matched if _governing_event(t, matched_at) is not None}
        # "condemned the attack", "called for a ceasefire": an event noun is what another event is about
        for t, _ in matched:
            if t.pos_ in ("NOUN", "PROPN"):
                head = t.head.head if t.head.dep_ in ("prep", "agent") else t.head
                if head.i in matched_at and head.i != t.i or t.dep_ in ("poss", "compound"):
                    governed.add(t.i)  # ... or a noun describing another ("the G7 summit's communique")
        for word, m in matched:
            if word.i in governed:
                continue  # "refuse to normalize", "urge X to engage": the governing event says it
            source_token = self.source_of(word, m)
            source = self.actor_of(source_token) or self._phrase_actor(source_token) or \
                self._implied_authority(word, m)
            if source is None:
                continue
            target_token = self.target_of(word, m, source_token)
            target = self.actor_of(target_token) or (self._host_of(target_token) if target_token is not None
                                                      else None)
            negated = negation_of(word)
            modality = modality_of(word, self.mask)
            code, negated = code_after_negation(m.pattern.cameo, negated, modality, word)
            entry = cameo(code)
            quote = self.quote_at(word.idx)
            if quote is not None and modality == "asserted":
                modality = "reported"
            span_tokens = [t for t in (source_token, word, target_token, m.obj) if t is not None
                           and self.sent_index.get(t.i) == self.sent_index.get(word.i)]
            start = min(t.left_edge.i if source_token is not None and t.i == source_token.i else t.i
                        for t in span_tokens)
            end = max(t.i for t in span_tokens) + 1
            if target_token is not None and self.sent_index.get(target_token.i) == self.sent_index.get(word.i):
                end = max(end, target_token.i + 1)
            evidence = self.doc[start:end]
            events.append(Event(
                id="", source=source, target=target, cameo=entry.code, root=entry.root, plover=entry.plover,
                goldstein=entry.goldstein, quad_class=entry.quad_class, negated=negated, modality=modality,
                date=self.date_of(word), quote=quote.id if quote is not None else None,
                sentence=self.sent_index.get(word.i, 0),
                evidence=Span(evidence.start_char, evidence.end_char, evidence.text,
                              "title" if self.part == "title" else None)))
        return events

    def date_of(self, word: Token) -> str | None:
        """A date the clause gives its event ("was suspended ... in November 2011")."""
        for child in word.children:
            if child.dep_ in ("prep", "npadvmod", "tmod") :
                for t in child.subtree:
                    if t.ent_type_ == "DATE" and t.ent_iob_ == "B":
                        ent = next(e for e in self.doc.ents if e.start == t.i)
                        value = resolve_date(ent.text, publication_date(self.published))
                        if value is not None and "/" not in value:
                            return value
        return None


def _governing_event(token: Token, matched_at: set[int]) -> Token | None:
    """The matched event word `token` is embedded under ("called on X to continue pressing")."""
    t = token
    for _ in range(4):
        if t.dep_ not in EMBEDDING_DEPS or t.head.i == t.i:
            return None
        t = t.head
        if t.i in matched_at:
            return t
    return None


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
                published: str | None) -> list[Event]:
    events = EventCoder(body, actors, quotes, mask, "body", published).code()
    if title is not None:
        speaker = headline_speaker(title, actors)
        events = EventCoder(title, actors, [], QuoteMask([]), "title", published, speaker).code() + events
    for k, e in enumerate(events):
        e.id = f"v{k + 1}"
    return events
