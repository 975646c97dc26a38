"""The verb-pattern lexicon: which words, with which particles and objects, are which CAMEO event.

Two layers: the hand-written data/verbs.tsv first, whose rows win wherever one matches, then PETRARCH2's
dictionary as imported into data/cameo_verbs.tsv (phrase patterns read by `newsgraph.events.phrases`). Within
a layer the most specific pattern wins; in PETRARCH's, the patterns written for the verb itself come before
those its block lends it, and a winning pattern coded "---" means no event. `trusted` says which classes of
PETRARCH pattern may code at all. A Match from PETRARCH's layer carries the tokens its pattern marks as target
("+") and source ("$"), and its pattern the subject's role and the paired target -> source code.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from newsgraph.data import load_table, split_values
from newsgraph.events import phrases
from newsgraph.events.phrases import Element

OBJECT_DEPS = ("dobj", "attr", "oprd", "nsubjpass")
NO_OBJECT = "-"  # verbs.tsv's object for a verb used without one ("the police fired", not "fired the minister")
# nouns that only carry the event their compound names ("a mediation effort", "a protest campaign"): the
# compound is the event, the carrier its place in the clause
CARRIER_NOUNS = frozenset({"effort", "mission", "campaign", "operation", "drive", "bid", "process", "initiative",
                           "programme", "program", "plan"})


NULL = "---"  # PETRARCH's code for "no event"
NON_FINITE_DEPS = ("xcomp", "pcomp", "acl", "advcl", "ccomp", "csubj")


@dataclass(frozen=True, slots=True)
class Pattern:
    lemma: str
    pos: str
    prep: str
    objects: frozenset[str]
    cameo: str
    # PETRARCH patterns only (cameo_verbs.tsv): the parts around the verb, the multi-word verb's other words,
    # the subject's role, the code for target -> source, the source line
    before: tuple[Element, ...] = ()
    after: tuple[Element, ...] = ()
    phrase: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    subject: str = "source"
    paired: str = ""
    layer: str = "verbs"
    line: int = 0
    own_code: bool = True  # a bare PETRARCH verb coded on its own line, not by its block's default

    @property
    def specificity(self) -> int:
        if self.layer == "verbs":
            return 2 * bool(self.objects - {NO_OBJECT}) + bool(self.prep)
        return phrases.weight(self.before) + phrases.weight(self.after) + len(self.phrase[0]) + len(self.phrase[1])


@dataclass(frozen=True, slots=True)
class Match:
    pattern: Pattern
    prep: Token | None  # the particle or preposition the pattern needed
    obj: Token | None  # the object noun the pattern needed
    target: Token | None = None  # the word a PETRARCH pattern marks as the target ("+")
    source: Token | None = None  # ... and as the source ("$"); the subject otherwise, see pattern.subject


@cache
def patterns() -> dict[tuple[str, str], tuple[Pattern, ...]]:
    out: dict[tuple[str, str], list[Pattern]] = {}
    for r in load_table("verbs.tsv"):
        p = Pattern(r["lemma"], r["pos"], r["prep"], frozenset(split_values(r["object"])), r["cameo"])
        out.setdefault((p.lemma, p.pos), []).append(p)
    return {k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in out.items()}


def _objects(token: Token) -> list[Token]:
    """The word's object nouns, with their conjuncts ("ties and relations") and what a measure or an act
    governs through "of" ("25,000 tons of food aid", "allow the return of inspectors")."""
    # what a passive acts on stands before it ("sanctions were imposed", "two men were picked up")
    objs = [c for c in token.children if c.dep_ in OBJECT_DEPS and (c.i > token.i or c.dep_ == "nsubjpass")]
    # a bare gerund the model takes for a clause is a noun object ("contributed reporting")
    objs += [c for c in token.children if c.dep_ == "xcomp" and c.tag_ == "VBG" and not any(c.children)]
    for o in list(objs):
        objs.extend(c for c in o.children if c.dep_ == "conj")
    for o in list(objs):
        for of in (c for c in o.children if c.dep_ == "prep" and c.lower_ == "of"):
            objs.extend(c for c in of.children if c.dep_ == "pobj")
    return objs


def verb_forms(token: Token) -> set[str]:
    """A verb's lemma plus its form stripped of its ending: the small model mislemmatises some past
    tenses ("staged" as "stag")."""
    lower = token.lower_
    forms = {token.lemma_.lower(), lower}
    for ending in ("ed", "d", "s", "ing"):
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            forms.add(lower[: -len(ending)])
    return forms


def _preps(token: Token) -> list[Token]:
    out = [c for c in token.children if c.dep_ in ("prep", "prt", "agent", "dative")]
    for xcomp in (c for c in token.children if c.dep_ == "xcomp"):  # "called on X to ..."
        out.extend(c for c in xcomp.children if c.dep_ == "prt")
    return out


def _forms(token: Token) -> set[str]:
    """A noun's lemma and plain forms: headlines' capitals defeat the lemmatizer ("Ties")."""
    lower = token.lower_
    forms = {token.lemma_.lower(), lower, lower[:-1] if lower.endswith("s") else lower}
    for c in token.children:  # "aid deliveries", "hunger strike", "mediation efforts": the modifier names it too
        if c.dep_ == "compound" and c.i == token.i - 1:
            forms.add(c.lemma_.lower())
    hyphenated = _hyphenated(token)
    if hyphenated:
        forms.add(hyphenated)
    return forms


def _hyphenated(token: Token) -> str | None:
    """'sit-in', 'walk-out': the word the tokenizer split at its hyphen, as the lexicon writes it."""
    doc = token.doc
    if token.i < 2 or doc[token.i - 1].text != "-" or doc[token.i - 1].whitespace_ or doc[token.i - 2].whitespace_:
        return None
    return f"{doc[token.i - 2].lower_}-{token.lower_}"


def _compounded(token: Token) -> str | None:
    """'hunger strike': a noun with the noun compounded just before it, as the lexicon writes a two-word event noun."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    if token.pos_ not in ("NOUN", "PROPN") or before is None or before.dep_ != "compound" or before.head.i != token.i:
        return None
    return f"{before.lower_} {token.lemma_.lower()}"


def match(token: Token) -> Match | None:
    """The pattern `token` satisfies: the most specific hand-written one, else the most specific PETRARCH one,
    unless the hand-written layer codes the object that pattern names ("reiterated its demand": the demand;
    "launched a mediation effort": the mediation)."""
    hand = match_hand(token)
    if hand is not None:
        return hand if hand.pattern.cameo != NULL else None  # "offered analysis": a reading that is no event
    found = match_cameo(token)
    if found is not None and found.obj is not None:
        named = [found.obj, *(c for c in found.obj.children if c.dep_ == "compound")]
        if any(match_hand(t) is not None for t in named):
            return None
    return found


def read_as_no_event(token: Token) -> bool:
    """Does a hand-written row read the word as no event ("seizing on the remarks", "offered analysis")?"""
    hand = match_hand(token)
    return hand is not None and hand.pattern.cameo == NULL


NOMINAL_DEPS = ("pobj", "nsubj", "nsubjpass", "dobj")


def is_nominal(token: Token) -> bool:
    """A noun, or a gerund standing as one ("police firing")."""
    return token.pos_ in ("NOUN", "PROPN") or (token.tag_ == "VBG" and token.dep_ in NOMINAL_DEPS)


def match_noun_form(token: Token) -> Match | None:
    """A gerund standing as a noun matches the noun rows of its own form ("firing", "shelling")."""
    rows = patterns().get((token.lower_, "NOUN"))
    bare = next((p for p in rows or () if not p.prep and not p.objects), None)
    return Match(bare, None, None) if bare is not None else None


def match_hand(token: Token) -> Match | None:
    """The most specific verbs.tsv pattern `token` satisfies, or None."""
    verbal = token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and token.tag_ in ("VBN", "VBD"))
    pos = "NOUN" if token.pos_ in ("NOUN", "PROPN") else "VERB" if verbal else None
    if pos is None:
        return None
    if pos == "VERB" and token.tag_ == "VBG" and token.dep_ in NOMINAL_DEPS:
        pos = "NOUN"  # "died in police firing": a gerund in a noun's place is read as the noun
        return match_noun_form(token)
    candidates = patterns().get((_compounded(token) or "", pos)) or \
        patterns().get((token.lemma_.lower(), pos)) or patterns().get((token.lower_, pos)) or \
        patterns().get((_hyphenated(token) or "", pos))
    if not candidates and pos == "VERB":
        candidates = next((patterns()[(f, pos)] for f in sorted(verb_forms(token)) if (f, pos) in patterns()), None)
    if not candidates:
        return None
    objs = _objects(token)
    preps = _preps(token)
    for p in candidates:
        prep = None
        if p.prep:
            prep = next((c for c in preps if c.lower_ == p.prep and not _of_time(c)), None)
            if prep is None:
                continue
        obj = None
        if p.objects == {NO_OBJECT}:
            if objs or any(c.dep_ == "auxpass" for c in token.children):
                continue
            return Match(p, prep, None)
        if p.objects:
            pool = objs + ([c for c in prep.children if c.dep_ == "pobj"] if prep is not None else []) + \
                [c for pr in preps for c in pr.children if c.dep_ == "pobj"]
            obj = next((o for o in pool if _forms(o) & p.objects), None)
            if obj is None:
                continue
        return Match(p, prep, obj)
    return None


def _of_time(prep: Token) -> bool:
    """'fired on Monday' is no 'fired on protesters': a preposition whose object is a date or time names when."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in ("DATE", "TIME") for o in objects)


@cache
def cameo_rows() -> tuple[dict[str, tuple[dict[str, str], ...]], dict[str, str]]:
    """cameo_verbs.tsv's rows by verb lemma, and its irregular verb forms ("sped") with their lemma."""
    out: dict[str, list[dict[str, str]]] = {}
    irregular: dict[str, str] = {}
    for r in load_table("cameo_verbs.tsv"):
        out.setdefault(r["lemma"], []).append(r)
        if r["forms"]:
            for form in r["forms"].split("|"):
                irregular.setdefault(form, r["lemma"])
    return {k: tuple(v) for k, v in out.items()}, irregular


@cache
def cameo_patterns(lemma: str) -> tuple[tuple[Pattern, tuple[frozenset[str], ...]], ...]:
    """PETRARCH's patterns for one verb in the order they are tried, each with the words it needs; built on
    first use, as a sentence meets few of the 1,600 verbs."""
    out = []
    for r in cameo_rows()[0].get(lemma, ()):
        words = r["phrase"].split()
        at = words.index("*") if "*" in words else 0
        p = Pattern(r["lemma"], r["pos"], r["prep"], _objects_of(r["object"]), r["cameo"], _part(r["before"]),
                    _part(r["after"]), (tuple(words[:at]), tuple(words[at + 1:])), r["subject"], r["paired"],
                    "cameo", int(r["line"]), bool(r["found_with"]))
        weight = _weight(r["before"]) + _weight(r["after"]) + len(words) - bool(words)
        # the patterns written for this verb first, then those its block lends it ("stage" has "place"'s
        # "(in &detention)"), each most specific first; the verb alone last
        rank = (weight == 0, r["found_with"] != r["lemma"], -weight, len(out))
        out.append((rank, p, _needs(r["before"]) + _needs(r["after"])))
    return tuple((p, needed) for _, p, needed in sorted(out, key=lambda x: x[0]))


@cache
def _part(text: str) -> tuple[Element, ...]:
    """A part of a pattern, parsed once: a block's patterns repeat for each of its verbs."""
    return phrases.parse(text)


@cache
def _needs(text: str) -> tuple[frozenset[str], ...]:
    return phrases.needs(_part(text))


@cache
def _weight(text: str) -> int:
    return phrases.weight(_part(text))


@cache
def _objects_of(field: str) -> frozenset[str]:
    return frozenset(split_values(field))


def match_cameo(token: Token) -> Match | None:
    """The most specific PETRARCH pattern `token`, a verb, satisfies; None when there is none or it says
    "no event"."""
    if token.pos_ != "VERB" and not (token.pos_ == "ADJ" and token.tag_ in ("VBN", "VBD")):
        return None
    if token.dep_ in ("relcl", "acl"):
        return None  # "a spokesman, who requested anonymity", "detainees held after": what describes is background
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children) and \
            not any(c.dep_ == "agent" for c in token.children):
        return None  # PETRARCH's patterns read active clauses: "rebels are wanted on charges" has no agent
    by_lemma, irregular = cameo_rows()
    keys = [token.lemma_.lower(), irregular.get(token.lower_, ""), token.lower_, *sorted(verb_forms(token))]
    candidates = next((cameo_patterns(k) for k in keys if k in by_lemma), ())
    if not candidates:
        return None
    after, before = phrases.governed(token, True), phrases.governed(token, False)
    present = {f for t in after + before for f in phrases.token_forms(t)} | {t.lower_ for t in after + before}
    for p, needed in candidates:
        if not all(n & present for n in needed) or not _phrase_fits(token, p.phrase) or not trusted(p):
            continue
        if _bare(p) and _non_finite(token):
            continue  # "get G7 countries to consider assisting": a verb alone, only contemplated
        found_before = phrases.find(p.before, before)
        if found_before is None:
            continue
        found_after = phrases.find(p.after, after)
        if found_after is None:
            continue
        if not _names_the_object(token, p.after, found_after):
            continue
        if p.cameo == NULL:
            return None
        roles = found_before.roles | found_after.roles
        return Match(p, found_after.first_prep, found_after.first_noun, roles.get("+", roles.get("%")),
                     roles.get("$"))
    return None


def _names_the_object(verb: Token, after: tuple[Element, ...], found: phrases.Found) -> bool:
    """A pattern whose first word after the verb is a noun names the verb's object: when the verb has an object
    of its own, the noun must be in it ("took control of the town", "snatched the camera of a journalist"), not
    in a phrase the pattern does not name ("deaths have taken place in villages", "took exception to the
    minister")."""
    first = next((e for e in after if not isinstance(e, phrases.Role)), None)
    if not isinstance(first, phrases.Noun) or found.first_noun is None:
        return True
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd")]
    return not objects or any(o.i == found.first_noun.i or o.is_ancestor(found.first_noun) for o in objects)


def trusted(p: Pattern) -> bool:
    """Whether a PETRARCH pattern may code an event here. Statements (root 01) are the quote stage's, and
    PLOVER has no type for them. A verb alone is an event only when the dictionary coded that verb itself:
    a block's default code spreads to every member ("issue", "occur", "control", "face" are events of
    cooperation or consultation there); and a reporting verb alone ("said", "explained") reports a quote,
    an event only where the hand-written layer says so."""
    if p.cameo[:2] == "01" or p.subject != "source" or any(isinstance(e, phrases.Role) and e.mark == "$"
                                                           for e in p.after):
        return False  # the coder takes the subject as the source; it does not read `subject` or `source` yet
    if _bare(p):
        return p.own_code and p.lemma not in _reporting_verbs()
    return True


def _bare(p: Pattern) -> bool:
    return not p.before and not p.after and not any(p.phrase)


def _non_finite(token: Token) -> bool:
    """An infinitive or gerund complement ("to consider assisting", "efforts to help")."""
    return token.tag_ in ("VB", "VBG") and token.dep_ in NON_FINITE_DEPS


@cache
def _reporting_verbs() -> frozenset[str]:
    return frozenset(r["lemma"] for r in load_table("cues.tsv"))


def _phrase_fits(token: Token, phrase: tuple[tuple[str, ...], tuple[str, ...]]) -> bool:
    """A multi-word verb's other words stand next to it ("asked for", "re-arrested"); a particle may follow
    later ("called the talks off")."""
    ahead, behind = phrase
    if not ahead and not behind:
        return True
    doc = token.doc
    left = [t.lower_ for t in reversed(doc[max(0, token.i - 2 * len(ahead) - 1): token.i]) if t.text != "-"]
    if tuple(reversed(left[: len(ahead)])) != ahead:
        return False
    right = [t.lower_ for t in doc[token.i + 1: token.i + 2 * len(behind) + 2] if t.text != "-"]
    particles = tuple(c.lower_ for c in token.children if c.dep_ == "prt")
    return tuple(right[: len(behind)]) == behind or particles[: len(behind)] == behind
