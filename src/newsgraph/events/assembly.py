"""An event put together: CAMEO entry after negation and modality, quote, evidence, location and date."""
from __future__ import annotations

from spacy.tokens import Token

from newsgraph.events.arguments import ArgumentFinder, _carried, crowd_words
from newsgraph.events.cameo import cameo
from newsgraph.events.lexicon import Match
from newsgraph.events.modality import code_after_negation, modality_of, negation_of
from newsgraph.events.words import event_words, recoding
from newsgraph.facts.dates import publication_date, resolve_date
from newsgraph.record import Event, Span

ATTACK, LABOUR_STRIKE = "190", "143"
LOCATION_PREPS = ("in", "at", "near", "inside", "outside", "around", "across", "throughout")


class EventAssembler(ArgumentFinder):
    """Turns a matched event word and its arguments into an Event record."""

    def _add(self, events: list[Event], word: Token, m: Match, source_token: Token | None, source: str | None,
             target_token: Token | None, target: str | None) -> None:
        """Code one event: negation, modality, CAMEO entry, quote, evidence."""
        negated = negation_of(word)
        modality = modality_of(word, self.mask)
        code, negated = code_after_negation(m.pattern.cameo, negated, modality, word)
        code = _as_deployment(_as_riot(code, source_token), source_token)
        strike = word if word.lemma_.lower() == "strike" else m.obj if m.obj is not None and \
            m.obj.lemma_.lower() == "strike" else None  # "teachers will strike", "launched a general strike"
        if code.startswith(ATTACK) and strike is not None and self._labour(source, source_token, strike):
            code = LABOUR_STRIKE  # "workers struck for a second day": a strike, no attack
        if modality == "conditional" and code == m.pattern.cameo and code[:2] != "13":
            return  # "if North Korea conducted another test": a condition, not an event
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

    def _labour(self, source: str | None, source_token: Token | None, strike: Token) -> bool:
        if any(c.lemma_.lower() in event_words()["labour_modifier"] for c in strike.children
               if c.dep_ in ("amod", "nmod", "compound")):
            return True
        actor = self.actors.by_id(source)
        if actor is not None and actor.sector == "LAB":
            return True
        return source_token is not None and \
            bool({source_token.lemma_.lower(), source_token.lower_} & event_words()["labour_noun"])

    def location_of(self, word: Token, m: Match) -> str | None:
        """Where the event happened: the text of a place in its sentence, preferring one the event word (its
        object or support verb) governs through in/at/near, then one any such preposition governs, then
        the nearest; None when the sentence names no place."""
        sent = self.sent_index.get(word.i)
        carried = _carried(word)
        anchors = {word.i, carried.i, carried.head.i} | ({m.obj.i} if m.obj is not None else set())
        best: tuple[int, int, str] | None = None
        for place, root in self.places_in.get(sent, ()):
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


def _as_riot(code: str, source_token: Token | None) -> str:
    """A crowd's violence is a riot ("the mob torched shops": 145, not 1712), as CAMEO's 145 and PLOVER's PROTEST
    mode 'riot' have it; anyone else's keeps its code."""
    if source_token is None:
        return code
    if not crowd_words(source_token) & event_words()["crowd_actor"]:
        return code
    return next((recoded for prefix, recoded in recoding("riot") if code.startswith(prefix)), code)


VISIT = "042"
DEPLOY, PEACEKEEP = "154", "074"


def _as_deployment(code: str, source_token: Token | None) -> str:
    """'US troops arrived in Poland' is a deployment (154), 'NATO peacekeepers arrived in Bosnia' peacekeeping (074):
    forces arriving are no visit."""
    if code != VISIT or source_token is None:
        return code
    words = event_words()
    if source_token.lemma_.lower() not in words["force_noun"]:
        return code
    phrase = {t.lemma_.lower() for t in source_token.subtree} | {t.lower_ for t in source_token.subtree}
    return PEACEKEEP if phrase & words["peacekeeping"] else DEPLOY


def one_per_act(events: list[Event]) -> list[Event]:
    """One event for each act a sentence reports: the same code with the same negation and modality is one act
    however often the sentence names it ("arrested 100 people and made several more arrests", "burned a van and
    threw stones at the police"), unless the two name different actors or places; a naming that leaves out an
    actor or place the other names says less and goes. The first of equals keeps its evidence."""
    acts: dict[tuple, list[Event]] = {}  # one sentence's namings of one act, as far as the code tells
    for e in events:
        kept = acts.setdefault((e.evidence.in_, e.sentence, e.cameo, e.negated, e.modality), [])
        if not any(_names_as_much(k, e) for k in kept):
            kept[:] = [k for k in kept if not _names_as_much(e, k)] + [e]
    chosen = {id(e) for kept in acts.values() for e in kept}
    return [e for e in events if id(e) in chosen]


def _names_as_much(a: Event, b: Event) -> bool:
    """Does `a`, a naming of the same act as `b`, name every actor and place `b` names?"""
    return all(y is None or x == y for x, y in ((a.source, b.source), (a.target, b.target), (a.location, b.location)))
