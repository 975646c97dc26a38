"""Who an event's source and target are: subjects, agents, objects and prepositions through the actor
index, coreference and the article's places (the events stage's "who")."""
from __future__ import annotations

import bisect
import itertools

from spacy.tokens import Doc, Token

from newsgraph.actors import ActorIndex
from newsgraph.actors.mentions import FIRST_PERSON
from newsgraph.events import guards
from newsgraph.events.lexicon import CARRIER_NOUNS, Match, is_nominal, match, match_noun_form, verb_forms
from newsgraph.events.modality import modality_of
from newsgraph.events.words import event_words
from newsgraph.quotemarks import QuoteMask
from newsgraph.record import Place, Quote

TARGET_PREPS = ("with", "against", "to", "toward", "towards", "on", "at", "into", "from", "for", "of", "between",
                "among")
AIMED_PREPS = ("against", "with", "on")
STANCE_PREPS = ("of", "at", "against", "over", "to", "for", "with")
EMBEDDING_DEPS = ("xcomp", "pcomp", "ccomp", "acl", "advcl")
# roots whose object is what the source gives or pulls back (its own troops, aid, forces), not whom it acts on:
# intent to give (03), material cooperation (06), aid (07) and yielding (08)
GIVING_ROOTS = ("03", "06", "07", "08")
INSTRUMENT_ROOTS = ("15",)  # show of force: the object is the actor's own forces
LOCATIVE_PREPS = ("in", "into", "to", "at", "inside")
# prepositions that give the reason a verb's object is judged for: its gerund is the object's act ("arrested two
# men for killing", "accused Israel of attacking"); "after"/"by" + gerund are the subject's own ("fled after firing")
REASON_PREPS = ("for", "of", "over")


def is_support_verb(token: Token) -> bool:
    """A verb that only carries an event noun ("held talks", "launched an attack", "restated its refusal"):
    the noun's source is its subject (data/event_words.tsv, role support_verb)."""
    return bool(verb_forms(token) & event_words()["support_verb"])


def _phrase(token: Token) -> str:
    """A proper name's whole compound ("Gaza Strip"), determiners dropped."""
    words = [t for t in token.subtree if t.i <= token.i and t.dep_ in ("compound",) or t.i == token.i]
    return " ".join(t.text for t in words)


def crowd_words(token: Token) -> set[str]:
    """A noun phrase's head and what it counts through "of" ("a group of rioters", "hundreds of protesters"), as
    lemmas and forms: the words that say whose crowd it is."""
    heads = [token, *(o for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                      for o in p.children if o.dep_ == "pobj")]
    return {w for t in heads for w in (t.lemma_.lower(), t.lower_)}


def _carried(word: Token) -> Token:
    """The word that stands in the clause for an event noun: 'mediation' in 'a mediation effort' is the effort."""
    if word.dep_ == "compound" and word.head.lemma_.lower() in CARRIER_NOUNS:
        return word.head
    return word


class ArgumentFinder:
    """The state an event coder reads one parsed text with, and its source and target finding."""

    def __init__(self, doc: Doc, actors: ActorIndex, quotes: list[Quote], mask: QuoteMask, part: str,
                 published: str | None, speaker: str | None = None, places: list[Place] | None = None) -> None:
        self.doc = doc
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
        # places by sentence and quotes by start, so each event looks up its own in O(log n), not O(n)
        self.places_in: dict[int, list[tuple[Place, Token]]] = {}
        for place, root in self.places:
            self.places_in.setdefault(self.sent_index.get(root.i, -1), []).append((place, root))
        self.place_at = {root.i: place for place, root in self.places}
        self._quotes = sorted(quotes, key=lambda q: q.start)
        self._quote_starts = [q.start for q in self._quotes]
        self._reach = list(itertools.accumulate((q.end for q in self._quotes), max))  # furthest end so far

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
        found = self.actors.actor_at(token, self.part) or self.actors.country_word(token)
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
                found = self.actors.actor_at(t, self.part) or self.actors.country_word(t) or \
                    self._same_head_before(t) or (self.actors.phrase_actor(t) if t.dep_ == "compound" else None)
                if found is not None:
                    return found  # "an Indian proposal", "a regime suppression effort", "police firing"
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "from", "by")):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):  # "the right of Russia troops",
                found = self.actors.actor_at(obj, self.part) or self.actors.country_word(obj)  # "calls by Belarus's
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

    def _implied_authority(self, word: Token, m: Match, source_token: Token | None) -> str | None:
        """'50 persons were arrested', 'tear gas was lobbed', 'a curfew was imposed': only the authorities arrest,
        detain or jail and control crowds (the police of the article's country: CAMEO 173, 175) or ban and
        impose curfews (its government), so such an act whose
        agent the text does not name at all is theirs. An agent the text names but no actor resolves ("he
        charged", "some countries banned") is not the authorities; an unresolved "we" ('"we have arrested five
        persons"') is the authorities speaking."""
        if source_token is not None and source_token.lower_ not in FIRST_PERSON:
            return None
        sector = {"173": "COP", "175": "COP", "172": "GOV"}.get(m.pattern.cameo[:3])
        if sector is None or modality_of(word, self.mask) != "asserted" or guards.unrealised(word):
            return None  # "may be put under house arrest", "demanded the arrest of": no one has acted yet
        return self.actors.authority(sector)

    def _same_head_before(self, token: Token) -> str | None:
        """'regime' as a modifier: the actor of the latest earlier mention with that head noun."""
        lemma = token.lemma_.lower()
        for m in reversed(self.actors.mentions.get(self.part, [])):
            if m.start < token.idx and m.head_lemma == lemma and m.key is not None:
                return self.actors.id_of(m.key)
        return None

    def quote_at(self, offset: int) -> Quote | None:
        """The quote that holds `offset`, or None: the latest-starting one before it, else (a quote inside
        another) an earlier one that still runs over it."""
        k = bisect.bisect_right(self._quote_starts, offset) - 1
        while k >= 0 and self._reach[k] > offset:  # some quote up to k still runs past the offset
            if offset < self._quotes[k].end:
                return self._quotes[k]
            k -= 1
        return None

    def source_of(self, word: Token, m: Match) -> Token | None:
        verb = word
        intent = m.pattern.cameo[:2] == "03"  # "the US is committed to": a passive form, an active intent
        support = False
        if word.dep_ == "acl" and word.tag_ == "VBG" or guards.misparsed_finite(word):
            return word.head  # "police firing on violent mobs": the noun a participle describes does it
        if guards.reduced_passive_of_violence(word):  # "people killed in police firing"
            agent = next((c for c in word.children if c.dep_ == "agent"), None)
            if agent is not None:
                return next((c for c in agent.children if c.dep_ == "pobj"), None)
            return next((o for p in word.children if p.dep_ == "prep" and p.lower_ in ("in", "during", "by")
                         for o in p.children if o.dep_ == "pobj" and self.actor_of(o) is not None and _an_act(o)),
                        None)
        if copular_passive(word):  # "a girl was gang-raped": parsed as "was" + adjective, a passive all the same
            by = next((c for c in word.children if c.dep_ == "prep" and c.lower_ == "by"), None)
            return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        came_by_xcomp = False
        for _ in range(4):
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
            passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            if agent is not None:
                return next((c for c in agent.children if c.dep_ == "pobj"), None)
            if subject is not None:
                return subject
            if passive is not None and (intent or support or came_by_xcomp):
                # "were engaged in ethnic cleansing": the support verb's subject acts; "the police was forced to
                # lathicharge": the one made, asked or allowed to act acts
                return passive
            if passive is not None:
                # "was suspended from the organization": the organisation acts on its member;
                # "were killed in police firing": the firing's author acts
                for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("from", "in", "during")):
                    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if obj is not None and self.actor_of(obj) is not None and \
                            (prep.lower_ == "from" or _an_act(obj) or _act_named_after(obj)):
                        return obj  # an act's author ("in police firing"), never a place ("in the village")
                return None
            if is_nominal(word) and verb.i == word.i:
                own = next((c for c in word.children if c.dep_ in ("poss", "compound", "amod") and
                            (self.actor_of(c) is not None or
                             c.dep_ == "compound" and self.actors.phrase_actor(c) is not None)), None)
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
            reason_of = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ in REASON_PREPS else None
            if reason_of is not None and reason_of.pos_ == "VERB":
                judged = next((c for c in reason_of.children if c.dep_ == "dobj"), None)
                if judged is not None:
                    return judged  # "arrested two men for killing a shopkeeper": the men killed, not the police
            made = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None) \
                if verb.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and \
                not verb_forms(verb.head) & event_words()["intent_verb"] else None
            if made is not None:
                return made  # "forcing the police to open fire": the one made, asked or let to act acts; but
                # "promised Israel to deliver weapons": the one who promises
            if verb.dep_ in ("xcomp", "pcomp", "conj", "advcl", "dobj", "pobj", "prep", "acomp") \
                    and verb.head.i != verb.i:
                came_by_xcomp = verb.dep_ == "xcomp"
                verb = verb.head
                continue
            return None
        return None

    def target_of(self, word: Token, m: Match, source: Token | None) -> tuple[Token | None, str | None]:
        """The target's token and actor: the first candidate that names an actor other than the source
        (the passive subject, the pattern's preposition, the object, stance phrases, other prepositions,
        embedded clauses, in that order); failing one, the place the act is aimed at."""
        heads = _target_heads(word)
        embedded = _embedded_verbs(word, heads)
        candidates = [*_passive_subject(word, source), *_pattern_objects(m), *_direct_objects(word),
                      *_stance_objects(heads), *([m.obj] if m.obj is not None else []), *_prep_objects(heads),
                      *_embedded_objects(embedded), *_object_preps(word, m), *_bound_by_condition(word, m, embedded)]
        source_id = self.actor_of(source)
        return self._choose_target(candidates, m, source_id) or \
            self._aimed_place(word, m, heads, embedded, source_id) or (None, None)

    def _choose_target(self, candidates: list[Token], m: Match, source_id: str | None) -> tuple[Token, str] | None:
        for c in candidates:
            actor = self.actor_of(c)
            if actor is None or actor == source_id:
                continue
            if c.dep_ == "dobj" and m.pattern.cameo[:2] in INSTRUMENT_ROOTS and self._same_country(actor, source_id):
                continue  # "Britain mobilized army reservists": its own forces are what it moves, not a target
            if m.obj is not None and c.i == m.obj.i and m.pattern.cameo[:2] in GIVING_ROOTS and \
                    self._same_country(actor, source_id) and self.actors.actor_at(c, self.part) == actor:
                continue  # "contributed its troops to the force": what is given, not who receives it; but
                # "banned Ugandan opposition candidates", "prevented the demonstration staged by students"
            return c, actor
        return None

    def _aimed_place(self, word: Token, m: Match, heads: list[Token], embedded: list[Token],
                     source_id: str | None) -> tuple[Token, str] | None:
        """Where the act is aimed when no actor is ("lifted a night curfew in Montenegro", "arrived in Amman
        on a visit", where the visit's host is the government; "fired at targets in Jericho": a place the
        aimed-at thing lies in)."""
        places = [word] + [c for c in word.children if c.dep_ in ("dobj",)] + heads[1:] + embedded + \
            [c for v in embedded for c in v.children if c.dep_ == "dobj"]
        for depth in (0, 1):
            for head in places:
                for obj in _locative_objects(head, depth):
                    place = self._host_of(obj) if m.pattern.cameo[:2] == "04" else self._place_of(obj)
                    if place is not None and place != source_id:
                        return obj, place
        return None

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
        country = self.actors.place_country(_phrase(place)) or self.actors.place_country(place.text) or \
            next((c for t in compounds if (c := self.actors.place_country(t.text))), None)
        if country is None:
            known = self.place_at.get(place.i)
            country = known.country if known is not None else None
        return self.actors.country_actor(country)

    def _host_of(self, place: Token) -> str | None:
        """The government of the country a visit goes to ("arrived in Amman")."""
        return self.actors.country_actor(self.actors.place_country(place.text), "GOV")

    def _compound(self, token: Token | None, actor: str | None) -> list[tuple[Token | None, str | None]]:
        """The actors a coordinated phrase names, one per conjunct, or the phrase's own actor alone."""
        out = [(token, actor)]
        own = self.actors.by_id(actor)
        if token is None or own is None:
            return out
        if own.country:
            # "Indian and Pakistani troops": one phrase, a body of each country the adjectives name
            for adjective in (c for c in token.children if c.dep_ in ("amod", "compound")):
                for other in adjective.conjuncts:
                    country = self.actors.place_country(other.text, ("adjective", "country"))
                    found = self.actors.country_actor(country, own.sector) if country != own.country else None
                    if found is not None and all(found != a for _, a in out):
                        out.append((other, found))
        if actor != self.actors.actor_at(token, self.part):
            return out  # only a phrase that itself names an actor is coordinated with others
        for other in token.conjuncts:
            found = self.actors.actor_at(other, self.part) or self.actors.country_word(other)
            if found is not None and all(found != a for _, a in out):
                out.append((other, found))
        return out


def _target_heads(word: Token) -> list[Token]:
    """The words whose dependents may name the target: the event word, the noun it is carried by ("a
    mediation effort between X and Y"), its support verb ("gave a warm welcome to de Klerk"), what an event
    noun acts on ("the withdrawal of forces from Panama")."""
    heads = [word]
    carried = _carried(word)
    if carried.i != word.i:
        heads.append(carried)
    if carried.dep_ in ("dobj", "attr") and is_support_verb(carried.head):
        heads.append(carried.head)
    if word.pos_ in ("NOUN", "PROPN"):
        for of in (c for c in word.children if c.dep_ == "prep" and c.lower_ == "of"):
            heads.extend(c for c in of.children if c.dep_ == "pobj")
    return heads


def _embedded_verbs(word: Token, heads: list[Token]) -> list[Token]:
    """Clauses under the event that may name its target; a subordinate clause with a subject of its own ("as
    authorities in Croatia cracked down on ...") is another event, but a support verb's that-clause ("its
    demand that Israel ease") is this one's."""
    return [c for h in heads for c in h.children if (c.dep_ in EMBEDDING_DEPS and h.i == word.i
            or c.dep_ == "ccomp" or _purpose(c)) and not (c.dep_ == "advcl" and _has_subject(c))]


def _purpose(clause: Token) -> bool:
    """'continued their hunger strike to demand the resignation of X': an infinitive of purpose on the support
    verb says whom its event is aimed at."""
    return clause.dep_ == "advcl" and clause.tag_ == "VB" and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _an_act(token: Token) -> bool:
    """Does the phrase name an act ("police firing", "a suicide bombing"), not a place or a group?"""
    return match(token) is not None or any(c.dep_ == "acl" and c.tag_ == "VBG" for c in token.children) or \
        any(c.dep_ == "compound" and match(c) is not None for c in token.children)


def _act_named_after(token: Token) -> bool:
    """'killed in police firing' as the model often parses it: 'in police', then 'firing' as a clause of its
    own; the gerund right after the author still names the act."""
    doc = token.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].tag_ != "VBG":
        return False
    act = match_noun_form(doc[token.i + 1])
    return act is not None and act.pattern.cameo[:2] in guards.PHYSICAL_ROOTS


def copular_passive(word: Token) -> bool:
    return word.tag_ == "VBN" and word.dep_ == "acomp" and word.head.lemma_ == "be"


def _passive_subject(word: Token, source: Token | None) -> list[Token]:
    passive = next((c for c in word.children if c.dep_ == "nsubjpass"), None)
    if passive is None and copular_passive(word):
        passive = next((c for c in word.head.children if c.dep_ == "nsubj"), None)
    if passive is None and guards.reduced_passive_of_violence(word):
        passive = word.head  # "people killed in police firing": the people
    return [passive] if passive is not None and (source is None or source.i != passive.i) else []


def _pattern_objects(m: Match) -> list[Token]:
    return [c for c in m.prep.children if c.dep_ == "pobj"] if m.prep is not None else []


def _direct_objects(word: Token) -> list[Token]:
    """The object before other prepositions: "accused the United States of ... on Namibia"."""
    return [c for c in word.children if c.dep_ in ("dobj", "dative", "iobj")]


def _prep_objects(heads: list[Token]) -> list[Token]:
    """Objects of target prepositions, through a gerund too ("committed to working with X")."""
    out, deeper = [], []
    for prep in (c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS):
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        out.extend(objects)
        for pcomp in (c for c in prep.children if c.dep_ == "pcomp"):
            out.extend(c for c in pcomp.children if c.dep_ == "dobj")
            for inner in (c for c in pcomp.subtree if c.dep_ == "prep" and c.lower_ in TARGET_PREPS):
                out.extend(c for c in inner.children if c.dep_ == "pobj")  # "refusal for normalizing ties with X"
        # "mobilized reservists for a possible war against Iraq": whom the object's own act is aimed at
        deeper.extend(o for obj in objects for p in obj.children if p.dep_ == "prep" and p.lower_ in AIMED_PREPS
                      for o in p.children if o.dep_ == "pobj")
    return out + deeper


def _embedded_objects(embedded: list[Token]) -> list[Token]:
    """Whom an embedded act concerns: "its demand that Israel ease restrictions", "refused to allow United
    Nations planes to land", "willing to send material to help defend Saudi Arabia"."""
    out = []
    for verb in embedded:
        out.extend(c for c in verb.children if c.dep_ == "dobj" or (c.dep_ == "nsubj" and verb.dep_ == "ccomp"))
        out.extend(o for d in verb.children if d.dep_ == "dobj" and match(d) is not None for of in d.children
                   if of.dep_ == "prep" and of.lower_ == "of" for o in of.children if o.dep_ == "pobj")
        # "to demand the resignation of X": whom the demanded act concerns
        for inner in (c for c in verb.children if c.dep_ in ("xcomp", "advcl", "ccomp")):
            out.extend(c for c in inner.children if c.dep_ == "dobj" or (c.dep_ == "nsubj" and inner.dep_ == "ccomp"))
            for deeper in (c for c in inner.children if c.dep_ == "xcomp"):
                out.extend(c for c in deeper.children if c.dep_ == "dobj")
        for prep in (c for c in verb.subtree if c.dep_ == "prep" and c.lower_ in TARGET_PREPS):
            out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def _object_preps(word: Token, m: Match) -> list[Token]:
    """Whom the object is with or against: "ties with Assad"."""
    out = []
    for obj in [c for c in word.children if c.dep_ == "dobj"] + ([m.obj] if m.obj is not None else []):
        for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS):
            out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def _bound_by_condition(word: Token, m: Match, embedded: list[Token]) -> list[Token]:
    """Whom a threat binds: "threatened to strike unless Israel rescinded"."""
    if m.pattern.cameo[:2] != "13":
        return []
    return [c for t in [word, *embedded] for clause in t.children if clause.dep_ == "advcl"
            and any(k.dep_ == "mark" and k.lower_ in ("if", "unless", "until") for k in clause.children)
            for c in clause.children if c.dep_ == "nsubj"]


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children)


def _stance_objects(heads: list[Token]) -> list[Token]:
    """What an act answers ("in protest of last week's arrest", "in defiance of Chinese authorities", "despite
    pressure by the commission"): the object of a stance noun under "in", or of a pressure noun under "despite",
    anywhere in the clause of the event word or its support verb."""
    out = []
    words = event_words()
    for head in heads:
        for t in head.subtree:
            if t.dep_ != "pobj":
                continue
            if t.lower_ in words["stance_noun"] and t.head.lower_ == "in":
                preps = STANCE_PREPS
            elif t.lemma_.lower() in words["pressure_noun"] and t.head.lower_ == "despite":
                preps = ("by", "from", "of")  # "declined to resign despite pressure by the anti-corruption commission"
            else:
                continue
            for prep in (c for c in t.children if c.dep_ == "prep" and c.lower_ in preps):
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
