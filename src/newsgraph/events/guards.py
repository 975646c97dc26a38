"""Sense guards: readings of an event word that are not the CAMEO event the word names.

A verb of attack with a speech setting or a non-physical object is a verbal attack (criticism, 111);
a conflict word in a sentence about sport is no event; "occupy a post" is not coercion; a participle
used as an adjective ("sanctioned hackers") describes, it reports no act; a reporter's question
("When asked about ...") is not the answerer's request.
"""
from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from newsgraph.data import load_table

CRITICIZE = "111"
CONFLICT_ROOTS = ("15", "16", "17", "18", "19", "20")
PHYSICAL_ROOTS = ("18", "19", "20")
# people and parties, whose "attacks" on one another are words unless the text says otherwise
POLITICAL_SECTORS = {"GOV", "LEG", "PTY", "OPP", "ELI", "MED", "JUD"}


@cache
def guard_words() -> dict[str, frozenset[str]]:
    words: dict[str, set[str]] = {}
    for row in load_table("event_guards.tsv"):
        words.setdefault(row["guard"], set()).add(row["word"])
    return {k: frozenset(v) for k, v in words.items()}


@cache
def discard_phrases() -> tuple[str, ...]:
    """PETRARCH2's sports and entertainment discards, without its bare years and 'years ago' phrases,
    which would discard every historical reference."""
    out = []
    for row in load_table("phoenix/discards.tsv"):
        phrase = row["phrase"]
        if phrase.isdigit() or phrase.endswith((" ago", " later")) or len(phrase) < 5:
            continue
        out.append(f" {phrase} ")
    return tuple(out)


def _lemmas(tokens) -> set[str]:
    return {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}


def sporting(sent: Span) -> bool:
    """Is the sentence about sport or entertainment?"""
    words = _lemmas(sent)
    if words & guard_words()["sport"] or len(words & guard_words()["sport_weak"]) >= 2:
        return True
    text = f" {sent.text.lower()} "
    return any(p in text for p in discard_phrases())


def electoral_win(word: Token) -> bool:
    """'Clinton beats Trump among voters', 'defeated the incumbent in the primary', 'she leads Trump by 49 percent
    to 43': one contestant winning over or leading another in an election is no assault and no cooperation;
    'police beat protesters before the election' still is an assault."""
    words = guard_words()
    if word.lemma_.lower() not in words["contest_verb"] or not _lemmas(word.sent) & words["electoral"]:
        return False
    beaten = [c for c in word.children if c.dep_ in ("dobj", "nsubjpass")]
    return bool(beaten) and all(c.ent_type_ in ("PERSON", "ORG", "NORP") or
                                c.lemma_.lower() in words["contestant"] for c in beaten)


def verbal_attack(word: Token, source_sector: str | None, target_sector: str | None,
                  source_is_person: bool, target_is_person: bool, target_absent: bool = False) -> bool:
    """'Trump has attacked Clinton', 'attacked the policy', 'an attack launched by X in the Lok Sabha':
    an attack verb or noun whose setting is speech, whose object is not a body, or whose parties are
    politicians on both sides."""
    words = guard_words()
    if word.lemma_.lower() not in words["verbal_attack"] and word.lower_ not in words["verbal_attack"]:
        return False
    head = word
    if word.pos_ in ("NOUN", "PROPN") and word.head.pos_ == "VERB":
        head = word.head  # "launched an attack ... in the Lok Sabha"
    setting = [t for h in {word, head} for p in h.children if p.dep_ == "prep" and p.lower_ in ("in", "on", "at", "during", "through", "via")
               for t in p.subtree]
    if _lemmas(setting) & words["speech_setting"]:
        return True
    objects = [c for c in word.children if c.dep_ in ("dobj", "pobj")]
    if _lemmas(objects) & words["speech_object"]:
        return True
    if source_sector == "MED":
        return True  # "a media attack", "the newspaper attacked the minister": the press attacks in words
    # a politician attacking a person, a party, or something that is no actor at all ("loopholes") talks
    politician = source_is_person and (source_sector in POLITICAL_SECTORS or source_sector is None)
    return politician and (target_is_person or target_sector in POLITICAL_SECTORS or target_absent)


HOLDING_VERBS = {"occupy", "hold", "take", "assume", "seize", "capture", "retain", "keep", "win", "grab"}


def holds_post(word: Token) -> bool:
    """'occupies the post of', 'holds the seat': an office held is not a place taken."""
    objects = [c for c in word.children if c.dep_ == "dobj"]
    objects += [o for c in objects for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                for o in p.children if o.dep_ == "pobj"]  # "occupies one of the key positions of power"
    return word.lemma_.lower() in HOLDING_VERBS and any(o.lemma_.lower() in guard_words()["post"] for o in objects)


def descriptive_participle(word: Token) -> bool:
    """'sanctioned hackers', 'hackers sanctioned by it', 'the banned group': a participle modifying a noun
    describes it; it reports no act."""
    return (word.dep_ == "amod" and word.tag_ in ("VBN", "VBD", "JJ")) or \
        (word.dep_ == "acl" and word.tag_ == "VBN" and not reduced_passive_of_violence(word) and
         not misparsed_finite(word))


def state_under(word: Token) -> bool:
    """'spent 15 years under house arrest', 'a city under curfew', 'under siege': an event noun after 'under' names
    a state someone is in, not an act the sentence reports ('placed under house arrest' is the verb's act)."""
    return word.pos_ in ("NOUN", "PROPN") and word.dep_ == "pobj" and word.head.lower_ == "under"


def misparsed_finite(word: Token) -> bool:
    """'dharwad: police arrested over 50 bjp workers': a participle 'describing' a noun yet with an object of its
    own is the noun's finite verb, which the model misparses in lower-case text."""
    return word.dep_ == "acl" and word.tag_ in ("VBN", "VBD") and word.head.i < word.i and \
        any(c.dep_ == "dobj" and c.i > word.i for c in word.children)


def reduced_passive_of_violence(word: Token) -> bool:
    """'people killed in police firing', 'two soldiers wounded by a roadside bomb': a participle that reports the
    violence done to the noun it follows, with the act or its author named, is an event, not a description."""
    return word.dep_ == "acl" and word.tag_ == "VBN" and word.lemma_.lower() in VIOLENCE_DONE and \
        any(c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ in ("in", "during", "by") for c in word.children)


VIOLENCE_DONE = {"kill", "injure", "wound", "shoot", "beat", "torture", "lynch", "maim", "hurt"}


def reporters_question(word: Token) -> bool:
    """'When asked about the reasons, the official said ...': the question is the reporter's, not an act of
    the one who answers it; and asking a question ("asked how many ...") requests no act."""
    if word.lemma_.lower() not in ("ask", "question"):
        return False
    if any(c.dep_ == "auxpass" for c in word.children) and not any(c.dep_ == "agent" for c in word.children):
        return True
    if any(c.dep_ == "ccomp" and (c.left_edge.tag_ in ("WRB", "WP", "WDT", "WP$") or
                                  any(m.dep_ == "mark" and m.lower_ in ("whether", "if") for m in c.children))
           for c in word.children):
        return True  # "asked how many were killed", "asked whether the talks would resume": a question, no request
    return word.dep_ == "advcl" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in word.children)


def medical_sense(word: Token) -> bool:
    """'a cardiac arrest', 'a heart attack': a condition of the body, not an act."""
    return word.pos_ in ("NOUN", "PROPN") and \
        any(c.dep_ in ("amod", "compound") and c.lemma_.lower() in guard_words()["medical"] for c in word.children)


def natural_cause(word: Token) -> bool:
    """'hit by the outage', 'floods killed 20', 'injured in a stampede': harm whose doer, or with no doer named its
    setting, is nature, an accident or the economy is no one's act ('police fired during the floods' is the police's)."""
    doers = [c for c in word.children if c.dep_ == "nsubj"] + \
        [o for a in word.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
    if not doers:
        doers = [o for p in word.children if p.dep_ == "prep" and p.lower_ in ("by", "in", "during", "from", "after")
                 for o in p.children if o.dep_ == "pobj"]
    causes = guard_words()["no_agent"]
    return any(d.lemma_.lower() in causes or d.lower_ in causes for d in doers)


def unrealised(word: Token) -> bool:
    """'demanded a ban on the VHP and the arrest of its leaders', 'orders to arrest anyone violating', 'urged him
    to take steps to arrest': an act some word above it asks for, plans, tries or fears, or a bare infinitive of
    purpose. The walk stops at a
    reported clause ("said police arrested five"), which is an assertion of its own, after testing its verb."""
    words = guard_words()["unrealised"]
    if word.tag_ == "VB" and word.dep_ in ("acl", "advcl", "relcl", "amod") and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in word.children):
        return True  # "with specific orders to arrest anyone": a purpose, not a deed ("were lucky to arrest" is one)
    t = word
    for _ in range(8):
        if t.head.i == t.i:
            return False
        reported = t.dep_ == "ccomp"
        t = t.head
        if t.lemma_.lower() in words:
            return True
        if reported:
            return False
    return False
