"""The event coder: which words of a parsed text are events (the lexicon, guards, embedding), and who did
what to whom for each."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import cache

from spacy.tokens import Token

from newsgraph.actors.mentions import is_locative
from newsgraph.data import load_table
from newsgraph.events import guards
from newsgraph.events.arguments import EMBEDDING_DEPS, _carried, copular_passive, crowd_words
from newsgraph.events.assembly import EventAssembler
from newsgraph.events.cameo import cameo
from newsgraph.events.lexicon import Match, Pattern, is_nominal, match, verb_forms
from newsgraph.events.modality import modality_of, negation_of
from newsgraph.events.words import event_words, recoding
from newsgraph.record import Event

# "the X said that Y must ...": an obligation laid on another is a demand (CAMEO 100) by the one who says it
OBLIGATION = {"must", "should"}
DEMAND = "100"
RIOT = "145"
DESTROY_PROPERTY = "1712"  # violence against things: "houses were torched" is an event with or without an agent


class EventCoder(EventAssembler):
    """Codes the events of one parsed text (body or title)."""

    # -- what -------------------------------------------------------------------------------------
    def code(self) -> list[Event]:
        events: list[Event] = []
        matched = [(t, m) for t in self.doc
                   if (m := match(t) or _obligation_match(t) or _gathering_match(t)) is not None]
        matched_at = {t.i: m for t, m in matched}
        governed: set[int] = set()
        for t, _ in matched:
            governor = _governing_event(t, matched_at)
            if governor is None:
                continue
            if _defers(governor, matched_at[governor.i]):
                governed.add(governor.i)  # "agreed to lift embargoes": the act, intended, says more
            elif verb_forms(governor) & event_words()["implicative_verb"]:
                continue  # "forcing the police to open fire": the police did fire
            else:
                governed.add(t.i)  # "refuse to normalize", "urge X to engage": the governing event says it all
        # "condemned the attack", "called for a ceasefire": an event noun is what another event is about
        for t, _ in matched:
            if t.pos_ in ("NOUN", "PROPN"):
                head = t.head.head if t.head.dep_ in ("prep", "agent") else t.head
                if t.head.lower_ in FRAMING_PREPS and (head.i not in matched_at or
                                                       _plover(matched_at[head.i]) != _plover(matched_at[t.i])):
                    continue  # "fired tear gas during a demonstration": the setting of the act, not what it is
                    # about; "were killed during clashes" names one act twice
                if head.i in matched_at and head.i != t.i or \
                        (t.dep_ in ("poss", "compound") and _carried(t).i == t.i):
                    governed.add(t.i)  # ... or a noun describing another ("the G7 summit's communique")
        authors: dict[str, tuple[Token | None, str]] = {}  # CAMEO code (3 digits) -> its latest author so far
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
            if self.guarded(word, m):
                continue
            source_token = self.source_of(word, m)
            source = self.actor_of(source_token) or self.actors.phrase_actor(source_token) or \
                self._implied_authority(word, m, source_token)
            if source is None:
                source_token, source = self._earlier_author(word, authors, matched_at)
            target_token, target = self.target_of(word, m, source_token)
            if source is not None:
                authors[m.pattern.cameo[:3]] = (source_token, source)
            if target is not None and target == source:
                target_token, target = None, None  # "taken into police custody" by the police: no target named
            if target is None and m.pattern.layer == "cameo":
                continue  # PETRARCH's patterns code dyads: without a target they over-code ("opened its borders")
            if source is None and not self._agentless(word, m, target):
                continue
            if m.pattern.cameo[:2] in guards.PHYSICAL_ROOTS and self._verbal(word, source, target, source_token):
                m = Match(Pattern(m.pattern.lemma, m.pattern.pos, "", frozenset(), guards.CRITICIZE), None, None)
            # "Fornost and Gondor welcomed ... ties with Mordor, Rohan and Bree": one event per pair
            sources = self._compound(source_token, source)
            targets = self._compound(target_token, target)
            if len(sources) > 1 and cameo(m.pattern.cameo).mutual and \
                    (target is None or target_token is not None and is_locative(target_token)):
                targets = sources  # "Israel and Hamas signed a ceasefire", "met in Cairo": each with the other
            for src_token, src in sources:
                for tgt_token, tgt in targets:
                    if tgt is None or tgt != src:
                        self._add(events, word, m, src_token, src, tgt_token, tgt)
        return harm_of_a_named_act(protesters_violence_as_riot(events))

    def add_read_event(self, events: list[Event], word: Token, m: Match) -> None:
        """Add the event `m` codes at `word` with its arguments found as for any matched word (for events
        another reader than the lexicon found)."""
        source_token = self.source_of(word, m)
        source = self.actor_of(source_token) or self.actors.phrase_actor(source_token) or \
            self._implied_authority(word, m, source_token)
        target_token, target = self.target_of(word, m, source_token)
        if target is not None and target == source:
            target_token, target = None, None
        self._add(events, word, m, source_token, source, target_token, target)

    def _earlier_author(self, word: Token, authors: dict[str, tuple[Token | None, str]],
                        matched_at: dict[int, Match]) -> tuple[Token | None, str | None]:
        """'the firing', 'injured in the firing', 'the attack killed five': a definite act the text named before is
        by the author it was named with ('police fired on the mob ... three were injured in the firing')."""
        acts = [word] if is_nominal(word) else \
            [c for c in word.children if c.dep_ == "nsubj"] + \
            [o for p in word.children if p.dep_ == "prep" and p.lower_ in ("in", "during", "by")
             for o in p.children if o.dep_ == "pobj"]  # "the attack killed five", "injured in the firing"
        for act in acts:
            found = matched_at.get(act.i)  # the lexicon's reading, made once for every word above
            definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in act.children)
            if found is not None and definite and found.pattern.cameo[:3] in authors:
                return authors[found.pattern.cameo[:3]]
        return None, None

    def guarded(self, word: Token, m: Match) -> bool:
        """Readings that report no event: another sense of the word (`other_sense`), an office held, a describing
        participle, a reporter's question, a state ("under house arrest")."""
        if self.other_sense(word, m):
            return True
        if m.pattern.cameo[:2] in ("15", "17", "18", "19", "20") and guards.holds_post(word):
            return True
        return guards.descriptive_participle(word) or guards.reporters_question(word) or guards.state_under(word)

    def other_sense(self, word: Token, m: Match) -> bool:
        """The word means no political event here, whatever reads it: sport, an election won, harm from nature or
        accident, a medical condition."""
        root = m.pattern.cameo[:2]
        if root in guards.CONFLICT_ROOTS and self._sporting(word.sent) or guards.electoral_win(word):
            return True
        return root in guards.PHYSICAL_ROOTS and guards.natural_cause(word) or guards.medical_sense(word)

    def _sporting(self, sent) -> bool:
        """guards.sporting, once per sentence (a long sentence holds many events)."""
        if not hasattr(self, "_sport"):
            self._sport: dict[int, bool] = {}
        if sent.start not in self._sport:
            self._sport[sent.start] = guards.sporting(sent)
        return self._sport[sent.start]

    def _agentless(self, word: Token, m: Match, target: str | None) -> bool:
        """An attack or killing the text reports without naming who did it ("were killed in an attack", "a
        roadside bombing killed one soldier"), or a protest by a crowd it only counts ("thousands marched"), is
        still an event, with no source."""
        if m.pattern.cameo[:2] == "14" and not negation_of(word):
            if is_nominal(word):
                return _happened(word)  # "protests erupted in the capital", "riots broke out"
            subject = next((c for c in word.children if c.dep_ == "nsubj"), None)
            return subject is not None and subject.lower_ in event_words()["crowd"]  # "thousands demonstrated"
        physical = m.pattern.cameo[:2] in guards.PHYSICAL_ROOTS or m.pattern.cameo == DESTROY_PROPERTY
        if not physical or negation_of(word):
            return False
        if is_nominal(word):
            return _suffered(word) or _happened(word)
        if guards.reduced_passive_of_violence(word):
            return False  # "those killed in the riots": with no author named, a reference to the story's past
        clause = word.head if copular_passive(word) else word
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        reported = clause.dep_ == "ccomp" and clause.head.lemma_.lower() in _speech_lemmas()
        if clause.dep_ != "ROOT" and not reported:
            return False  # "where 28 people have been killed": the story's background, not its event
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in word.children) or copular_passive(word)
        return passive or target is not None

    def _verbal(self, word: Token, source: str | None, target: str | None, source_token: Token | None) -> bool:
        src, tgt = self.actors.by_id(source), self.actors.by_id(target)
        personal = source_token is not None and source_token.lower_ in ("he", "she")
        return guards.verbal_attack(word, src.sector if src else None, tgt.sector if tgt else None,
                                    bool(src and src.type == "person") or personal,
                                    bool(tgt and tgt.type == "person"), tgt is None)

    def _demand(self, word: Token, obliger: Token) -> Match | None:
        """'X said that Y must drop barriers': a demand by X on Y, when both are actors and not the same."""
        subject = next((c for c in obliger.children if c.dep_ == "nsubj"), None)
        obliged = next((c for c in word.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        source, target = self.actor_of(subject), self.actor_of(obliged)
        if source is None or target is None or source == target:
            return None
        return Match(Pattern("", "VERB", "", frozenset(), DEMAND), None, None)


def _plover(m: Match) -> str | None:
    return cameo(m.pattern.cameo).plover


def protesters_violence_as_riot(events: list[Event]) -> list[Event]:
    """Violence by those the same sentence has protesting is their protest turned violent ("students marched to
    the ministry and threw stones at the police": a riot, CAMEO 145 and PLOVER PROTEST 'riot', as a crowd's
    violence is); anyone else's violence keeps its code."""
    protesting = {(e.sentence, e.source) for e in events
                  if e.root == "14" and e.source is not None and not e.negated}
    out = []
    for e in events:
        if (e.sentence, e.source) in protesting and e.root != "14" and not e.negated:
            riot = next((code for prefix, code in recoding("riot") if e.cameo.startswith(prefix)), None)
            if riot is not None:
                entry = cameo(riot)
                e = replace(e, cameo=entry.code, root=entry.root, plover=entry.plover, goldstein=entry.goldstein,
                            quad_class=entry.quad_class)
        out.append(e)
    return out


def harm_of_a_named_act(events: list[Event]) -> list[Event]:
    """Harm a sentence names no doer for, beside violence it names the doer of, is that violence's result, not a
    second attack by no one ("gunmen attacked the offices, killing 18 people", "protesters threw rocks and dozens
    were injured"); when the sentence names one such act and it has no target, the harmed are its target."""
    def violent(e: Event) -> bool:
        return not e.negated and (e.root in guards.PHYSICAL_ROOTS or e.cameo.startswith(RIOT))

    named: dict[tuple, list[Event]] = {}
    for e in events:
        if violent(e) and e.source is not None:
            named.setdefault((e.evidence.in_, e.sentence), []).append(e)
    harmed: dict[int, str] = {}  # id of the one named act of a sentence -> whom its unattributed harm names
    results = set()
    for e in events:
        acts = named.get((e.evidence.in_, e.sentence), [])
        if acts and e.source is None and violent(e):
            results.add(id(e))
            if len(acts) == 1 and acts[0].target is None and e.target is not None:
                harmed.setdefault(id(acts[0]), e.target)
    return [replace(e, target=harmed[id(e)]) if id(e) in harmed else e for e in events if id(e) not in results]


def _defers(governor: Token, m: Match) -> bool:
    """An intent verb with no object of its own ("agreed to", "offered to", "committed to") hands the event
    to the act it embeds, which then reads as intended."""
    return not m.pattern.objects and m.pattern.cameo[:2] in ("03", "01") and \
        bool(verb_forms(governor) & event_words()["intent_verb"])


SUFFERING_VERBS = {"die", "kill", "injure", "wound", "hurt", "perish", "lose", "succumb", "fall", "sustain", "suffer"}
CAUSING_VERBS = {"kill", "injure", "wound", "leave", "claim", "hit", "destroy", "damage"}


def _suffered(noun: Token) -> bool:
    """An act named by a noun whose victims the sentence reports: "died in police firing", "killed in a
    suicide bombing", "the blast killed three soldiers"."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in ("in", "during", "by", "to"):
        return head.head.lemma_.lower() in SUFFERING_VERBS
    return noun.dep_ == "nsubj" and head.lemma_.lower() in CAUSING_VERBS


def _happened(noun: Token) -> bool:
    """An act named by a noun the sentence reports as happening: "clashes erupted", "riots broke out in the city",
    "erupted in violent demonstrations", "the rape sparked protests" (data/event_words.tsv, occurrence_verb and
    sparking_verb)."""
    words = event_words()
    prep = noun.head.lower_ if noun.dep_ == "pobj" else None
    verb = noun.head.head if prep is not None else noun.head
    lemma = verb.lemma_.lower()
    if noun.dep_ == "nsubj":
        known = lemma in words["occurrence_verb"] or lemma in words["sparking_verb"]
    elif noun.dep_ == "dobj":
        known = lemma in words["sparking_verb"]  # "the killing sparked riots"
    elif prep in FRAMING_PREPS:
        known = verb.pos_ == "VERB"  # "police fired tear gas during a demonstration": the setting took place
    else:
        known = prep == "in" and lemma == "erupt"
    if not known or negation_of(verb) or modality_of(verb) != "asserted":
        return False
    return lemma != "break" or any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)


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


DEMONSTRATE = "141"
FRAMING_PREPS = ("during", "amid", "amidst")  # the act another happens in (not a place: actors' SETTING_PREPS)


def _gathering_match(token: Token) -> Match | None:
    """Protesters who gather demonstrate ("hundreds of protesters gathered outside parliament"): a verb of
    gathering whose subject is a protest's crowd (data/event_words.tsv, gathering_verb and protest_crowd)."""
    words = event_words()
    if token.pos_ != "VERB" or token.lemma_.lower() not in words["gathering_verb"]:
        return None
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    if subject.lower_ in ("who", "that", "which") and token.dep_ == "relcl":
        subject = token.head  # "demonstrators who had assembled near the palace"
    if not crowd_words(subject) & words["protest_crowd"]:
        return None
    return Match(Pattern(token.lemma_.lower(), "VERB", "", frozenset(), DEMONSTRATE), None, None)


def _obligation_match(token: Token) -> Match | None:
    """A verb no pattern knows still carries a demand when it is an obligation laid in a speech clause."""
    if token.pos_ != "VERB" or _obliger(token) is None:
        return None
    return Match(Pattern("", "VERB", "", frozenset(), DEMAND), None, None)


def _agentless_passive(verb: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children)


def _violent(word: Token, matched_at: Mapping[int, Match]) -> bool:
    found = matched_at.get(word.i)
    return found is not None and found.pattern.cameo[:2] in guards.PHYSICAL_ROOTS


def _asked_for_by(token: Token) -> Token | None:
    """The noun of asking or planning whose preposition `token` completes ('an appeal for deploying troops', 'a
    proposal for signing a trade agreement'), or None."""
    prep = token.head
    if token.dep_ in ("pcomp", "pobj") and prep.dep_ == "prep" and prep.head.pos_ == "NOUN" and \
            prep.head.lemma_.lower() in guards.guard_words()["unrealised"]:
        return prep.head
    return None


def _governing_event(token: Token, matched_at: Mapping[int, Match]) -> Token | None:
    """The matched event word `token` is embedded under ("called on X to continue pressing")."""
    t = token
    for _ in range(4):
        asked_for = _asked_for_by(t)
        if asked_for is not None:  # "rejected a UN appeal for deploying troops": the appeal's content, not a deed
            if asked_for.i in matched_at:
                return asked_for
            t = asked_for
            if t.dep_ in ("dobj", "pobj", "nsubjpass") and (t.head.i in matched_at or
                                                            t.head.head.i in matched_at and t.head.dep_ == "prep"):
                return t.head if t.head.i in matched_at else t.head.head
            continue
        if t.dep_ not in EMBEDDING_DEPS or t.head.i == t.i:
            return None
        if t.dep_ == "advcl" and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) and \
                (_agentless_passive(t.head) or _violent(t, matched_at) and _violent(t.head, matched_at)):
            return None  # "was killed when the police fired", "while six were injured in police firing, twelve
            # were killed by rioters": a clause with its own subject names an act of its own; elsewhere ("cancelled
            # a visit after a state of siege was declared") it is the main act's background
        if t.dep_ == "ccomp" and t.left_edge.tag_ in ("WRB", "WP", "WDT", "WP$"):
            return None  # "how many were killed in the firing, he asked": a question asked, not an act asked for
        t = t.head
        if t.i in matched_at:
            return t
    return None
