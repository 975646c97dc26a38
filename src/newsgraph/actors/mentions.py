"""Find actor mentions in a parsed text and resolve each from its own words and context.

Three kinds: names (spaCy entities, corrected by the knowledge base), nominals
("the Syrian regime", "a US State Department spokesperson", "the statement"),
and pronouns. A mention that its words cannot resolve ("the regime", "he") is
left for the coreference stage.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.actors.kb import ActorKey, Entry, KnowledgeBase, SectorTerm, person_code
from newsgraph.quotemarks import DASHES

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
AGENT_DEPS = {"nsubj", "nsubjpass", "csubj", "poss", "agent"}
LOCATIVE_PREPS = {"in", "at", "near", "across", "inside", "outside", "around", "throughout", "within",
                  "from", "to", "into", "via", "between", "over", "through", "along"}
DETERMINERS_DEFINITE = {"the", "this", "that", "these", "those"}
PRONOUNS = {
    "he": "male", "him": "male", "his": "male", "himself": "male",
    "she": "female", "her": "female", "hers": "female", "herself": "female",
    "it": "thing", "its": "thing", "itself": "thing",
    "they": "plural", "them": "plural", "their": "plural", "theirs": "plural", "themselves": "plural",
}
MISSED_PLACE_POPULATION = 50_000
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "madam", "mister"}
FORCE_SECTORS = {"COP", "MIL"}  # forces named after the town or district they serve: the country's own
FIRST_PERSON = {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"}


@dataclass(slots=True)
class Mention:
    """One actor mention in a parsed text, before and after resolution."""

    start: int  # char offsets into the parsed text
    end: int
    text: str
    kind: str  # name | nominal | pronoun
    label: str  # spaCy label, NOM for nominals, PRON for pronouns
    head: Token
    sent: int
    key: ActorKey | None = None
    role: str = ""  # person | group | document | country | organization | male | female | thing | plural
    head_lemma: str = ""
    definite: bool = False
    plural: bool = False
    quoted: bool = False
    is_entity: bool = True  # listed among the record's entities
    locative: bool = False
    term_sector: str | None = None  # the sector the nominal's head word implies
    person_owner: ActorKey | None = None  # "the Assad regime": the person whose country it is


def token_span_text(doc: Doc, start: int, end: int) -> tuple[int, int, str]:
    span = doc[start:end]
    return span.start_char, span.end_char, span.text


def is_locative(token: Token) -> bool:
    """Is the phrase headed by `token` the object of a place preposition ("in London")?"""
    head = token
    while head.dep_ in ("compound", "conj", "appos") and head.head.i != head.i:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS


def is_agent(token: Token) -> bool:
    head = token
    while head.dep_ in ("conj", "appos") and head.head.i != head.i:
        head = head.head
    if head.dep_ == "pobj" and head.head.dep_ == "agent":
        return True
    return head.dep_ in AGENT_DEPS


class MentionFinder:
    """Finds and locally resolves the mentions of one parsed text."""

    def __init__(self, kb: KnowledgeBase, doc: Doc, published: str | None = None, gazetteer=None,
                 speech_lemmas: frozenset[str] = frozenset()) -> None:
        self.kb = kb
        self.speech_lemmas = speech_lemmas  # a name that says something is a person's (or a body's)
        self.gazetteer = gazetteer  # facts.gazetteer.Gazetteer: places the model took for something else
        self.doc = doc
        self.published = published  # a person's role is the one they held on this day
        self.sent_of = {}
        for k, sent in enumerate(doc.sents):
            for t in sent:
                self.sent_of[t.i] = k
        self.named: set[int] = set()  # start tokens of the entities names() took
        self.entity_of_token: dict[int, Span] = {}
        for ent in doc.ents:
            for t in ent:
                self.entity_of_token[t.i] = ent

    # -- names ----------------------------------------------------------------------------
    def names(self) -> list[Mention]:
        out = []
        for ent in self.doc.ents:
            if ent.label_ not in ACTOR_LABELS:
                continue
            start, end, text = _trim(ent)
            if start >= end or (ent.label_ == "ORG" and self.kb.sector_term(text) and not self.kb.own_entries(text)):
                continue  # empty, or a common noun the model took for a name ("defence ministry")
            self.named.add(ent.start)
            m = Mention(start, end, text, "name", ent.label_, ent.root, self.sent_of[ent.root.i],
                        head_lemma=ent.root.lower_)
            self._resolve_name(m, ent, text)
            out.append(m)
        self._places_the_model_missed(out)
        return out

    def _places_the_model_missed(self, names: list[Mention]) -> None:
        """'Aleppo' tagged NORP, 'Samarra' tagged ORG: a name the knowledge base files only as a place is a place;
        a name tagged PERSON when one of its mentions stands where places do ('in Samarra') or when the article
        never reads it as a person's (see `_read_as_people`)."""
        placed = {m.text for m in names if m.locative or m.label in ("GPE", "LOC")}
        personal = self._read_as_people(names)
        for m in names:
            if m.label not in ("NORP", "ORG", "PERSON") or (m.label == "PERSON" and m.text not in placed
                                                              and m.text in personal):
                continue
            entries = self.kb.lookup(m.text)
            if entries and all(e.kind == "place" for e in entries) or not entries and self._gazetteer_place(m.text):
                m.label, m.key, m.role = "GPE", None, ""

    def _read_as_people(self, names: list[Mention]) -> set[str]:
        """Names the article treats as a person's somewhere: inside a longer person's name ("Jackson" beside
        "Lisa Jackson"), after a title or honorific ("President Jackson", "Mr Jackson"), or saying something.
        A PERSON name the gazetteer knows as a place and the article never reads as a person is a place."""
        people = [m for m in names if m.label == "PERSON"]
        words_of_longer = {w for m in people if " " in m.text for w in m.text.split()}
        out = set()
        for m in people:
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            before = self.doc[span.start - 1] if span is not None and span.start > 0 else None
            before_word = before.lower_.rstrip(".") if before is not None else ""
            if (m.text in words_of_longer or before_word in HONORIFICS
                    or before is not None and before.is_title and self.kb.sector_term(before.lower_, ("title",))
                    or m.head.dep_ == "nsubj" and m.head.head.lemma_.lower() in self.speech_lemmas):
                out.add(m.text)
        return out

    def _gazetteer_place(self, name: str) -> bool:
        """A region, or a city of 50,000 people or more, that the gazetteer knows by this name or a spelling
        of it ("Raqqah" for Ar Raqqah)."""
        if self.gazetteer is None or not name[:1].isupper():
            return False
        return any(p.feature == "region" or (p.feature == "city" and p.population >= MISSED_PLACE_POPULATION)
                   for p in self.gazetteer.lookup(name))

    def _resolve_name(self, m: Mention, ent: Span, text: str) -> None:
        entries = self.kb.lookup(text)
        by_kind = {e.kind: e for e in entries}
        m.locative = is_locative(ent.root)
        if "person" in by_kind and m.label in ("PERSON", "ORG", "NORP", "GPE"):
            m.key, m.label, m.role = self.kb.key_on(by_kind["person"], self.published), "PERSON", "person"
            return
        for kind in ("igo", "org"):
            if kind in by_kind:
                m.key, m.role = by_kind[kind].key, "organization"
                if m.label in ("PERSON", "GPE", "LOC"):
                    m.label = "ORG"
                if kind == "igo" and m.locative and text in ("Brussels", "Geneva"):
                    m.key = None
                return
        if "country" in by_kind:
            m.role = "country"
            country = by_kind["country"].key
            if is_agent(ent.root):  # "the UK is committed", "announced by Russia": the state acting, not the land
                m.key, m.label = self.kb.country_sector(country.country, "GOV"), "ORG"
            else:
                m.key = country
                if m.label in ("PERSON", "ORG"):
                    m.label = "GPE"
            return
        for kind in ("capital", "seat"):
            if kind in by_kind:
                entry: Entry = by_kind[kind]
                if m.label in ("PERSON", "ORG") and kind == "capital":
                    m.label = "GPE"
                m.role = "country"
                m.key = None if m.locative else self.kb.country_sector(entry.key.country, entry.sector)
                return
        if "people" in by_kind and _ethnic(ent[0]):
            m.role, m.plural, m.term_sector = "group", True, "CVL"  # placed where they live, with the nominals
            if ent.root.dep_ not in ("amod", "compound"):
                m.label = "ORG"
            return
        if "people" in by_kind:
            m.key, m.role, m.plural = self.kb.country_sector(by_kind["people"].key.country, "CVL"), "group", True
            if ent.root.dep_ not in ("amod", "compound"):
                m.label = "ORG"  # "Syrians fled": a people acting as a group, as re3d and ACE read it
            return
        if "adjective" in by_kind:
            m.role = "country"
            m.key = by_kind["adjective"].key if m.label == "NORP" and ent.root.dep_ not in ("amod", "compound") \
                else None
            return
        if m.label == "PERSON":
            m.role = "person"  # resolved by the person linker
        elif m.label == "ORG":
            m.role = "organization"
            m.key = self._organization_key(ent, text)
            if m.key.country is None and m.key.sector in FORCE_SECTORS and m.key.type == "organization":
                # "the Nalanda police", "Kolkata Police": a place's force, placed like "the police" is
                m.key, m.role, m.term_sector = None, "group", m.key.sector

    def _organization_key(self, ent: Span, text: str) -> ActorKey:
        """An organisation the knowledge base lacks: a country's institution or a new organisation."""
        country = None
        for t in ent:
            if t.lower_ in ("the",):
                continue
            for e in self.kb.lookup(t.text):
                if e.kind in ("country", "adjective"):
                    country = e.key.country
                    break
            if country:
                break
        country = country or self._located_in(ent.root)
        term = self._sector_term_of(ent, ent.root)
        sector = term.sector if term else None
        if country and sector and term.kind in ("group", "person", "title"):
            return self.kb.country_sector(country, sector)
        name = text[4:] if text.lower().startswith("the ") else text
        return ActorKey("organization", name, person_code(country, sector), country, sector)

    def _located_in(self, root: Token) -> str | None:
        """The country an unlisted organisation's own "in" phrase names ("Esfahan Uranium Conversion Facilities
        in central Iran", "a hospital in Gaza"): where it is, so whose it is."""
        for prep in (c for c in root.children if c.dep_ == "prep" and c.lower_ == "in"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                words = " ".join(t.text for t in obj.subtree if t.dep_ in ("compound", "amod") or t.i == obj.i)
                country = self.kb.country_of(words, ("country", "capital", "place")) or \
                    self.kb.country_of(obj.text, ("country", "capital", "place"))
                if country:
                    return country
        return None

    def _sector_term_of(self, span, root: Token) -> SectorTerm | None:
        """The sector term a phrase ends in: its last two words, else its head ("attorney-general" as "attorney
        general": the hyphen the tokenizer splits off joins no word)."""
        words = [t for t in span if t.i <= root.i and t.text != "-"]
        for n in range(min(self.kb.max_term_words, len(words)), 0, -1):
            tail = words[-n:]
            for form in (" ".join(t.lower_ for t in tail), " ".join(t.lemma_.lower() for t in tail)):
                term = self.kb.sector_term(form)
                if term:
                    return term
        return None

    # -- nominals and pronouns ------------------------------------------------------------
    def nominals(self) -> list[Mention]:
        out = []
        for chunk in self.doc.noun_chunks:
            root = chunk.root
            if root.pos_ == "PRON":
                m = self._pronoun(root)
                if m:
                    out.append(m)
                continue
            ent = self.entity_of_token.get(root.i)
            if ent is not None and ent.start in self.named and ent.label_ != "NORP":
                continue  # a name: found by names()
            term = self._sector_term_of(chunk, root)
            if term is None or term.kind == "modifier":
                continue
            first = chunk[0]
            while first.i < root.i and (first.is_punct or first.dep_ in ("predet", "advmod", "cc", "preconj")):
                first = self.doc[first.i + 1]
            span = self.doc[first.i: root.i + 1]
            m = Mention(span.start_char, span.end_char, span.text, "nominal", "NOM", root, self.sent_of[root.i],
                        head_lemma=term.term, role=term.kind if term.kind != "title" else "person",
                        definite=first.lower_ in DETERMINERS_DEFINITE,
                        plural=root.tag_ in ("NNS", "NNPS") or term.term.endswith("s") and term.kind == "group")
            m.is_entity = term.kind != "document"
            m.term_sector = term.sector
            self._resolve_nominal(m, span, term)
            out.append(m)
        return out

    def _pronoun(self, token: Token) -> Mention | None:
        lower = token.lower_
        if lower in PRONOUNS:
            role = PRONOUNS[lower]
        elif lower in FIRST_PERSON:
            role = "first"
        else:
            return None
        return Mention(token.idx, token.idx + len(token.text), token.text, "pronoun", "PRON", token,
                       self.sent_of[token.i], role=role, head_lemma=lower, is_entity=False,
                       plural=role == "plural")

    def modifiers(self, root: Token, span: Span) -> list[Token]:
        """Tokens that qualify a nominal: its own left words, possessors, compounds, 'of' phrases."""
        mods = [t for t in span if t.i < root.i]
        for child in root.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i not in {t.i for t in mods}:
                mods.extend(child.subtree)
            elif child.dep_ == "prep" and child.lower_ in ("of", "from"):
                mods.extend(t for t in child.subtree if t.i != child.i)
        return mods

    def _resolve_nominal(self, m: Mention, span: Span, term: SectorTerm) -> None:
        country = None
        sector = term.sector
        owner: ActorKey | None = None
        person_mod = None
        for t in self.modifiers(span.root, span):
            if t.lower_ in ("former", "ex", "retired") or t.lemma_.lower() in ("former",):
                if term.kind in ("person", "title", "group") and sector in ("GOV", "MIL", "LEG", "JUD", None):
                    sector = "ELI"
                continue
            ent = self.entity_of_token.get(t.i)
            if ent is not None and ent.start <= span.root.i < ent.end:
                ent = None  # the nominal's own words, taken for a name by the model
            if ent is None:
                mod_term = self.kb.sector_term(t.lemma_.lower(), ("modifier",))
                if mod_term and t.i != span.root.i and term.kind == "group":
                    sector = mod_term.sector
                # "the Syrian army" is Syrian whatever else the sentence names, tagged by the model or not
                country = country or (self.kb.country_of(t.text, ("adjective", "country"))
                                      if t.i != span.root.i and t.dep_ in ("amod", "compound", "nmod")
                                      and not _ethnic(t) else None)
                continue
            if ent.label_ not in ACTOR_LABELS:
                continue
            entries = self.kb.lookup(ent.text)
            kinds = {e.kind: e for e in entries}
            place = next((kinds[k] for k in ("country", "adjective", "capital", "seat", "people") if k in kinds), None)
            if "person" in kinds:
                person_mod = person_mod or kinds["person"].key
            elif "igo" in kinds or "org" in kinds:
                owner = owner or (kinds.get("igo") or kinds["org"]).key
            elif place is not None and not _ethnic(ent[0]):
                country = country or place.key.country
            elif ent.label_ == "PERSON":
                person_mod = person_mod or ActorKey("person", ent.text, None, None, None)
            elif ent.label_ == "ORG":
                owner = owner or self._organization_key(ent, ent.text)
        if term.kind == "document":
            m.key = owner or person_mod or (self.kb.country_sector(country, "GOV") if country else None)
            return
        if term.kind in ("country", "organization"):
            return  # only coreference can tell which
        if owner is not None and owner.type == "organization" and not (owner.code or owner.country or owner.sector) \
                and term.kind == "group" and sector:
            owner = None  # "the nalanda police": a force named after a place no list knows is the police there
        if owner is not None:
            m.key = owner if owner.type != "organization" or not owner.country or owner.sector else owner
            if owner.type == "group" and sector in ("ELI",):
                m.key = self.kb.country_sector(owner.country, "ELI")
            return
        if person_mod is not None and person_mod.country:
            country = country or person_mod.country
        if person_mod is not None and not person_mod.country and term.kind == "group":
            m.person_owner = person_mod
        if country is not None:
            m.key = self.kb.country_sector(country, sector)


def _ethnic(first: Token) -> bool:
    """'ethnic Albanians in Serbia', 'ethnic Uzbek residents': a people by descent, not the citizens of the
    country its name gives; they belong where the text places them, as other bare groups do."""
    return first.i > 0 and first.doc[first.i - 1].lower_ == "ethnic"


def _trim(ent: Span) -> tuple[int, int, str]:
    """An entity's offsets without a leading article or trailing possessive."""
    tokens = list(ent)
    # a place preposition the model took in at a sentence's start or end ("Near Palmyra", "Bayji near")
    while tokens and (tokens[0].lower_ == "the" or tokens[0].is_punct
                      or tokens[0].lower_ in LOCATIVE_PREPS and len(tokens) > 1):
        tokens = tokens[1:]
    while tokens and (tokens[-1].lower_ in ("'s", "’s", "'", "’") or tokens[-1].is_punct
                      or tokens[-1].lower_ in LOCATIVE_PREPS and len(tokens) > 1):
        tokens = tokens[:-1]
    if not tokens:
        return 0, 0, ""
    span = ent.doc[tokens[0].i: tokens[-1].i + 1]
    text = span.text
    start = span.start_char
    while text and text[0] in DASHES:  # "―Pamela Padilla": a dash the tokenizer left on the name
        text, start = text[1:], start + 1
    for suffix in ("’s", "'s", "’"):  # a possessive the tokenizer left attached ("Department’s")
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            text = text[: -len(suffix)]
            break
    return start, start + len(text), text
