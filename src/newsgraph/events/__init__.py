"""The events stage: who did what to whom, coded in CAMEO and PLOVER with negation, modality and date.

for each clause whose verb (or event noun: "refusal", "ceasefire") matches the
verb-pattern lexicon: source from the subject (the agent of a passive, the
organisation a member is suspended from), target from the object or the
pattern's preposition, both through the actor resolver and coreference; then
negation and modality ("will not normalize ties" is a refusal, CAMEO 12, never
cooperation), the date the text gives the event, and the quote it sits in.
"""
from __future__ import annotations

from collections.abc import Container
from functools import cache

from spacy.tokens import Doc, Token

from newsgraph.actors import ActorIndex, knowledge_base
from newsgraph.actors.kb import ActorKey, KnowledgeBase
from newsgraph.data import load_table
from newsgraph.events.cameo import cameo
from newsgraph.events.lexicon import CARRIER_NOUNS, Match, Pattern, match, verb_forms
from newsgraph.events.modality import INTENT_VERBS, code_after_negation, modality_of, negation_of
from newsgraph.facts.dates import publication_date, resolve_date
from newsgraph.quotemarks import QuoteMask
from newsgraph.record import Event, Place, Quote, Span

__all__ = ["find_events"]

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
TARGET_PREPS = ("with", "against", "to", "toward", "towards", "on", "at", "into", "from", "for", "of", "between",
                "among")
# "in protest of the arrest", "in defiance of Chinese authorities": what the act answers is its target
STANCE_NOUNS = {"protest", "defiance", "retaliation", "response", "reprisal", "solidarity"}
STANCE_PREPS = ("of", "at", "against", "over", "to", "for", "with")
EMBEDDING_DEPS = ("xcomp", "pcomp", "ccomp", "acl", "advcl")
FIRST_PERSON = {"we", "us", "our", "i", "me", "my"}
# verbs that only carry an event noun ("held talks", "launched an attack", "restated its refusal"): the
# noun's source is their subject; under any other verb an event noun needs a source of its own
SUPPORT_VERBS = {"hold", "make", "launch", "carry", "conduct", "stage", "issue", "restate", "reiterate",
                 "announce", "express", "mount", "begin", "start", "continue", "resume", "order", "lead",
                 "wage", "step", "escalate", "intensify", "renew", "voice", "reaffirm", "deliver", "give",
                 "organize", "organise", "call", "take", "undertake", "impose", "declare", "sign", "engage",
                 "speed", "accelerate", "tighten", "reimpose", "open", "pursue", "commit", "perpetrate",
                 "complete", "extend"}
# roots whose object is what the source gives or pulls back (its own troops, aid, forces), not whom it acts on:
# intent to give (03), material cooperation (06), aid (07) and yielding (08)
GIVING_ROOTS = ("03", "06", "07", "08")
# "the X said that Y must ...": an obligation laid on another is a demand (CAMEO 100) by the one who says it
OBLIGATION = {"must", "should"}
DEMAND = "100"


def is_support_verb(token: Token) -> bool:
    return bool(verb_forms(token) & SUPPORT_VERBS)


LOCATIVE_PREPS = ("in", "into", "to", "at", "inside")
LOCATION_PREPS = ("in", "at", "near", "inside", "outside", "around", "across", "throughout")


def _phrase(token: Token) -> str:
    """A proper name's whole compound ("Gaza Strip"), determiners dropped."""
    words = [t for t in token.subtree if t.i <= token.i and t.dep_ in ("compound",) or t.i == token.i]
    return " ".join(t.text for t in words)


def _carried(word: Token) -> Token:
    """The word that stands in the clause for an event noun: 'mediation' in 'a mediation effort' is the effort."""
    if word.dep_ == "compound" and word.head.lemma_.lower() in CARRIER_NOUNS:
        return word.head
    return word


class EventCoder:
    def __init__(self, doc: Doc, actors: ActorIndex, quotes: list[Quote], mask: QuoteMask, part: str,
                 published: str | None, speaker: str | None = None, places: list[Place] | None = None,
                 kb: KnowledgeBase | None = None) -> None:
        self.doc = doc
        self.kb = kb or knowledge_base()
        self.places = [(p, span.root) for p in places or () if (p.in_ == "title") == (part == "title")
                       and (span := doc.char_span(p.start, p.end, alignment_mode="expand")) is not None]
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
    def actor_of(self, token: Token | None, depth: int = 2) -> str | None:
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
            for obj in (c for c in prep.children if c.dep_ == "pobj"):  # "the right of Russia troops",
                found = self.actors.actor_at(obj, self.part) or self._country_word(obj)  # "calls by Belarus's
                if found is None and depth > 0:  # rulers": the phrase's own modifiers name them too
                    found = self.actor_of(obj, depth - 1)
                if found is not None:
                    return found
        for acl in (c for c in token.children if c.dep_ == "acl"):  # "the demonstration staged by students"
            for agent in (c for c in acl.children if c.dep_ == "agent"):
                for obj in (c for c in agent.children if c.dep_ == "pobj"):
                    found = self.actors.actor_at(obj, self.part) or (self.actor_of(obj, depth - 1) if depth else None)
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
        kb = self.kb
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
        for entry in self.kb.lookup(token.text):
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
        support = False
        for _ in range(4):
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
            passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            if agent is not None:
                return next((c for c in agent.children if c.dep_ == "pobj"), None)
            if subject is not None:
                return subject
            if passive is not None and (intent or support):
                return passive  # "were engaged in ethnic cleansing": the support verb's subject acts
            if passive is not None:
                # "was suspended from the organization": the organisation acts on its member;
                # "were killed in police firing": the firing's author acts
                for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("from", "in", "during")):
                    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if obj is not None and (prep.lower_ == "from" or self.actor_of(obj) is not None):
                        return obj
                return None
            if word.pos_ in ("NOUN", "PROPN") and verb.i == word.i:
                own = next((c for c in word.children if c.dep_ in ("poss", "compound", "amod") and
                            self.actor_of(c) is not None), None)
                if own is not None:
                    return own  # "Washington's refusal", "Israeli airstrikes"
                by = next((c for c in word.children if c.dep_ == "prep" and c.lower_ == "by"), None)
                if by is not None:
                    return next((c for c in by.children if c.dep_ == "pobj"), None)
                carried = _carried(word)
                governor = carried.head.head if carried.head.dep_ == "prep" else carried.head
                if carried.dep_ in ("dobj", "pobj", "attr") and is_support_verb(governor):
                    verb = governor  # "restated its refusal": the subject of the support verb
                    support = True
                    continue
                return None
            if verb.dep_ in ("xcomp", "pcomp", "conj", "advcl", "dobj", "pobj", "prep", "acomp") \
                    and verb.head.i != verb.i:
                verb = verb.head
                continue
            return None
        return None

    def target_of(self, word: Token, m: Match, source: Token | None) -> tuple[Token | None, str | None]:
        """The target's token and actor: the passive subject, the pattern's preposition, the object, other
        prepositions and embedded clauses, in that order; failing an actor, the place the act is aimed at."""
        candidates: list[Token] = []
        passive = next((c for c in word.children if c.dep_ == "nsubjpass"), None)
        if passive is not None and source is not None and source.i != passive.i:
            candidates.append(passive)
        heads = [word]
        carried = _carried(word)
        if carried.i != word.i:
            heads.append(carried)  # "a mediation effort between the Emirates and Saudi Arabia"
        if carried.dep_ in ("dobj", "attr") and is_support_verb(carried.head):
            heads.append(carried.head)  # "gave a warm welcome to de Klerk"
        if word.pos_ in ("NOUN", "PROPN"):  # "the withdrawal of forces from Panama"
            for of in (c for c in word.children if c.dep_ == "prep" and c.lower_ == "of"):
                heads.extend(c for c in of.children if c.dep_ == "pobj")
        if m.prep is not None:
            candidates.extend(c for c in m.prep.children if c.dep_ == "pobj")
        # the object before other prepositions: "accused the United States of ... on Namibia"
        candidates.extend(c for c in word.children if c.dep_ in ("dobj", "dative", "iobj"))
        candidates.extend(_stance_objects(heads))
        if m.obj is not None:
            candidates.append(m.obj)  # "allow the return of U.N. inspectors"
        preps = [c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS]
        for prep in preps:
            candidates.extend(c for c in prep.children if c.dep_ == "pobj")
            for pcomp in (c for c in prep.children if c.dep_ == "pcomp"):  # "committed to working with X",
                candidates.extend(c for c in pcomp.children if c.dep_ == "dobj")  # "refusal for normalizing
                for inner in (c for c in pcomp.subtree if c.dep_ == "prep" and c.lower_ in TARGET_PREPS):
                    candidates.extend(c for c in inner.children if c.dep_ == "pobj")  # ties with Damascus"
        # a subordinate clause with a subject of its own ("as authorities in Croatia cracked down on ...") is
        # another event, not this one's argument; "its demand that Israel ease": a support verb's clause is
        embedded_verbs = [c for h in heads for c in h.children if (c.dep_ in EMBEDDING_DEPS and h.i == word.i
                          or c.dep_ == "ccomp") and not (c.dep_ == "advcl" and _has_subject(c))]
        for embedded in embedded_verbs:
            # "refusal for normalizing ties with Damascus", "its demand that Israel ease restrictions",
            # "willing to send material to help defend Saudi Arabia"
            candidates.extend(c for c in embedded.children if c.dep_ == "dobj" or
                              (c.dep_ == "nsubj" and embedded.dep_ == "ccomp"))
            for inner in (c for c in embedded.children if c.dep_ in ("xcomp", "advcl", "ccomp")):
                # "refused to allow United Nations planes to land": whom the embedded act allows
                candidates.extend(c for c in inner.children if c.dep_ == "dobj" or
                                  (c.dep_ == "nsubj" and inner.dep_ == "ccomp"))
                for deeper in (c for c in inner.children if c.dep_ == "xcomp"):
                    candidates.extend(c for c in deeper.children if c.dep_ == "dobj")
            for prep in (c for c in embedded.subtree if c.dep_ == "prep" and c.lower_ in TARGET_PREPS):
                candidates.extend(c for c in prep.children if c.dep_ == "pobj")
        for obj in [c for c in word.children if c.dep_ == "dobj"] + ([m.obj] if m.obj is not None else []):
            for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS):
                candidates.extend(c for c in prep.children if c.dep_ == "pobj")  # "ties with Assad"
        if m.pattern.cameo[:2] == "13":  # "threatened to strike unless Israel rescinded": whom the threat binds
            for clause in (c for t in [word, *embedded_verbs] for c in t.children if c.dep_ == "advcl"):
                if any(k.dep_ == "mark" and k.lower_ in ("if", "unless", "until") for k in clause.children):
                    candidates.extend(c for c in clause.children if c.dep_ == "nsubj")
        source_id = self.actor_of(source)
        for c in candidates:
            actor = self.actor_of(c)
            if actor is None or actor == source_id:
                continue
            if m.obj is not None and c.i == m.obj.i and m.pattern.cameo[:2] in GIVING_ROOTS and \
                    self._same_country(actor, source_id) and self.actors.actor_at(c, self.part) == actor:
                continue  # "contributed its troops to the force": what is given, not who receives it; but
                # "banned Ugandan opposition candidates", "prevented the demonstration staged by students"
            return c, actor
        # no actor: where the act is aimed ("lifted a night curfew in Montenegro", "arrived in Amman on a
        # visit", where the visit's host is the government)
        # ("refused to deploy peacekeepers in Iraq"; "fired at targets in Jericho": a place the aimed-at
        # thing lies in)
        places = [word] + [c for c in word.children if c.dep_ in ("dobj",)] + heads[1:] + embedded_verbs + \
            [c for v in embedded_verbs for c in v.children if c.dep_ == "dobj"]
        for depth in (0, 1):
            for head in places:
                for obj in _locative_objects(head, depth):
                    place = self._host_of(obj) if m.pattern.cameo[:2] == "04" else self._place_of(obj)
                    if place is not None and place != source_id:
                        return obj, place
        return None, None

    def _same_country(self, a: str | None, b: str | None) -> bool:
        countries = {x.id: x.country for x in self.actors.actors}
        return countries.get(a) is not None and countries.get(a) == countries.get(b)

    def _place_of(self, place: Token) -> str | None:
        """The country a place names ("in Montenegro", "in the Gaza Strip", "in Tehran", "in Montenegro
        province", "in Jericho" through the facts stage's gazetteer)."""
        found = self.actors.actor_at(place, self.part)
        if found is not None:
            return found
        compounds = [t for t in place.children if t.dep_ == "compound"]
        for entry in self.kb.lookup(_phrase(place)) or self.kb.lookup(place.text) or \
                [e for t in compounds for e in self.kb.lookup(t.text)]:
            if entry.kind in ("capital", "country") and entry.key.country:
                return self.actors.add_actor(self.kb.country(entry.key.country) or entry.key)
        for known, root in self.places:
            if root.i == place.i and known.country:
                country = self.kb.country(known.country)
                if country is not None:
                    return self.actors.add_actor(country)
        return None

    def _host_of(self, place: Token) -> str | None:
        for entry in self.kb.lookup(place.text):
            if entry.kind in ("capital", "country") and entry.key.country:
                key = self.kb.country_sector(entry.key.country, "GOV")
                return self.actors.add_actor(key)
        return None

    # -- what -------------------------------------------------------------------------------------
    def code(self) -> list[Event]:
        events: list[Event] = []
        matched = [(t, m) for t in self.doc if (m := match(t) or _obligation_match(t)) is not None]
        matched_at = {t.i: m for t, m in matched}
        governed: set[int] = set()
        for t, _ in matched:
            governor = _governing_event(t, matched_at)
            if governor is None:
                continue
            if _defers(governor, matched_at[governor.i]):
                governed.add(governor.i)  # "agreed to lift embargoes": the act, intended, says more
            else:
                governed.add(t.i)  # "refuse to normalize", "urge X to engage": the governing event says it all
        # "condemned the attack", "called for a ceasefire": an event noun is what another event is about
        for t, _ in matched:
            if t.pos_ in ("NOUN", "PROPN"):
                head = t.head.head if t.head.dep_ in ("prep", "agent") else t.head
                if head.i in matched_at and head.i != t.i or \
                        (t.dep_ in ("poss", "compound") and _carried(t).i == t.i):
                    governed.add(t.i)  # ... or a noun describing another ("the G7 summit's communique")
        for word, m in matched:
            if word.i in governed:
                continue  # "refuse to normalize", "urge X to engage": the governing event says it
            obliger = _obliger(word)
            if obliger is not None:
                demand = self._demand(word, obliger)
                if demand is not None:
                    m = demand
                    source_token = next(c for c in obliger.children if c.dep_ == "nsubj")
                    target_token = next(c for c in word.children if c.dep_ in ("nsubj", "nsubjpass"))
                    self._add(events, word, m, source_token, self.actor_of(source_token), target_token,
                              self.actor_of(target_token))
                    continue
            if m.pattern.cameo == DEMAND and not m.pattern.lemma:
                continue  # an obligation no one lays on another is no event
            source_token = self.source_of(word, m)
            source = self.actor_of(source_token) or self._phrase_actor(source_token) or \
                self._implied_authority(word, m)
            if source is None:
                continue
            target_token, target = self.target_of(word, m, source_token)
            # "Fornost and Gondor welcomed ... ties with Mordor, Rohan and Bree": one event per pair
            for src_token, src in self._compound(source_token, source):
                for tgt_token, tgt in self._compound(target_token, target):
                    if tgt is None or tgt != src:
                        self._add(events, word, m, src_token, src, tgt_token, tgt)
        return events

    def _compound(self, token: Token | None, actor: str | None) -> list[tuple[Token | None, str | None]]:
        """The actors a coordinated phrase names, one per conjunct, or the phrase's own actor alone."""
        out = [(token, actor)]
        if token is None or actor is None or actor != self.actors.actor_at(token, self.part):
            return out  # only a phrase that itself names an actor is coordinated with others
        for other in token.conjuncts:
            found = self.actors.actor_at(other, self.part) or self._country_word(other)
            if found is not None and all(found != a for _, a in out):
                out.append((other, found))
        return out

    def _demand(self, word: Token, obliger: Token) -> Match | None:
        """'X said that Y must drop barriers': a demand by X on Y, when both are actors and not the same."""
        subject = next((c for c in obliger.children if c.dep_ == "nsubj"), None)
        obliged = next((c for c in word.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        source, target = self.actor_of(subject), self.actor_of(obliged)
        if source is None or target is None or source == target:
            return None
        return Match(Pattern("", "VERB", "", frozenset(), DEMAND), None, None)

    def _add(self, events: list[Event], word: Token, m: Match, source_token: Token | None, source: str,
             target_token: Token | None, target: str | None) -> None:
        """Code one event: negation, modality, CAMEO entry, quote, evidence."""
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
            location=self.location_of(word, m),
            sentence=self.sent_index.get(word.i, 0),
            evidence=Span(evidence.start_char, evidence.end_char, evidence.text,
                          "title" if self.part == "title" else None)))

    def location_of(self, word: Token, m: Match) -> str | None:
        """Where the event happened: the text of a place in its sentence, preferring one the event word (its
        object or support verb) governs through in/at/near, then one any such preposition governs, then
        the nearest; None when the sentence names no place."""
        sent = self.sent_index.get(word.i)
        carried = _carried(word)
        anchors = {word.i, carried.i, carried.head.i} | ({m.obj.i} if m.obj is not None else set())
        best: tuple[int, int, str] | None = None
        for place, root in self.places:
            if self.sent_index.get(root.i) != sent:
                continue
            prep = root.head if root.dep_ == "pobj" else None
            if prep is not None and prep.lower_ == "of" and prep.head.dep_ == "pobj":
                prep = prep.head.head  # "near the town of Samarra": the outer preposition places it
            located = prep is not None and prep.dep_ == "prep" and prep.lower_ in LOCATION_PREPS
            if not located and self.actors.actor_at(root, self.part) is not None:
                continue  # "the United States and Jordan have agreed": a party, not where it happened
            rank = 0 if located and prep.head.i in anchors else 1 if located else 2
            candidate = (rank, abs(root.i - word.i), place.text)
            if best is None or candidate < best:
                best = candidate
        return best[2] if best is not None else None

    def date_of(self, word: Token) -> str | None:
        """A date the clause gives its event ("was suspended ... in November 2011")."""
        for child in word.children:
            if child.dep_ in ("prep", "npadvmod", "tmod") :
                for t in child.subtree:
                    if t.ent_type_ == "DATE" and t.ent_iob_ == "B":
                        end = t.i + 1  # the entity's end, found from its tokens: doc.ents per event is O(n²)
                        while end < len(self.doc) and self.doc[end].ent_iob_ == "I":
                            end += 1
                        ent = self.doc[t.i:end]
                        value = resolve_date(ent.text, publication_date(self.published))
                        if value is not None and "/" not in value:
                            return value
        return None


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children)


def _stance_objects(heads: list[Token]) -> list[Token]:
    """What an act answers ("in protest of last week's arrest", "in defiance of Chinese authorities"): the
    object of a stance noun under "in" anywhere in the clause of the event word or its support verb."""
    out = []
    for head in heads:
        for t in head.subtree:
            if t.lower_ in STANCE_NOUNS and t.dep_ == "pobj" and t.head.lower_ == "in":
                for prep in (c for c in t.children if c.dep_ == "prep" and c.lower_ in STANCE_PREPS):
                    out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def _locative_objects(head: Token, depth: int) -> list[Token]:
    """The objects of `head`'s place prepositions; at depth 1, the places those objects lie in
    ("at this jail in northern Israel")."""
    objs = [o for p in head.children if p.dep_ == "prep" and p.lower_ in LOCATIVE_PREPS
            for o in p.children if o.dep_ == "pobj"]
    if depth == 0:
        return objs
    return [inner for o in objs for p in o.children if p.dep_ == "prep" and p.lower_ in ("in", "inside")
            for inner in p.children if inner.dep_ == "pobj"]


def _defers(governor: Token, m: Match) -> bool:
    """An intent verb with no object of its own ("agreed to", "offered to", "committed to") hands the event
    to the act it embeds, which then reads as intended."""
    return not m.pattern.objects and m.pattern.cameo[:2] in ("03", "01") and \
        bool(verb_forms(governor) & INTENT_VERBS)


@cache
def _speech_lemmas() -> frozenset[str]:
    return frozenset(row["lemma"] for row in load_table("cues.tsv")) | {"declare", "insist", "warn"}


def _obliger(word: Token) -> Token | None:
    """The speech verb whose clause lays an obligation ("declared that China must drop barriers")."""
    if word.dep_ != "ccomp" or not any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in word.children):
        return None
    head = word.head
    if head.lemma_.lower() not in _speech_lemmas() or not any(c.dep_ == "nsubj" for c in head.children):
        return None
    return head


def _obligation_match(token: Token) -> Match | None:
    """A verb no pattern knows still carries a demand when it is an obligation laid in a speech clause."""
    if token.pos_ != "VERB" or _obliger(token) is None:
        return None
    return Match(Pattern("", "VERB", "", frozenset(), DEMAND), None, None)


def _governing_event(token: Token, matched_at: Container[int]) -> Token | None:
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
                published: str | None, places: list[Place] | None = None,
                kb: KnowledgeBase | None = None) -> list[Event]:
    """The events of an article's body and title; `places` (the facts stage's) give each its location."""
    events = EventCoder(body, actors, quotes, mask, "body", published, places=places, kb=kb).code()
    if title is not None:
        speaker = headline_speaker(title, actors)
        events = EventCoder(title, actors, [], QuoteMask([]), "title", published, speaker, places,
                            kb).code() + events
    for k, e in enumerate(events):
        e.id = f"v{k + 1}"
    return events
