"""People within an article: full names, surnames and titles merged into one actor each, with the
country and role the knowledge base or the person's own phrase gives."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsgraph.actors.geography import NEUTRAL_SECTORS
from newsgraph.actors.kb import ActorKey, KnowledgeBase, person_code, surname_key
from newsgraph.actors.mentions import Mention

# prepositions that set a scene rather than name what an act is aimed at ("declared a state of siege in Haiti")
SETTING_PREPS = {"in", "at", "inside", "within", "across", "throughout"}


def link_people(kb: KnowledgeBase, mentions: list[Mention], published: str | None = None) -> None:
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
    groups = person_groups(kb, people)
    for group in groups:
        known = next((m.key for m in group if m.key is not None and m.key.type == "person"), None)
        if known is None:
            for m in sorted(group, key=lambda m: -len(m.text.split())):
                entries = [e for e in kb.lookup(m.text) if e.kind == "person"]
                if entries:
                    known = kb.key_on(entries[0], published)
                    break
        if known is not None and known.sector != "ELI" and any(_former(m) for m in group):
            # "former President X": in this article the person speaks as an ex-official
            known = ActorKey("person", known.name, person_code(known.country, "ELI"), known.country, "ELI",
                             known.wikidata)
        elif known is not None and not known.code.startswith("IGO"):
            igo = _acting_for_igo(kb, group)
            if igo is not None:  # "U.N. mediator Diego Cordovez": in this article he acts for the UN
                known = ActorKey("person", known.name, igo.code, None, "IGO", known.wikidata)
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


def _acting_for_igo(kb: KnowledgeBase, group: list[Mention]) -> ActorKey | None:
    """The international organisation a person's own phrase says they act for ("U.N. mediator X", "the UN's
    envoy X"), where the phrase names no country ("US ambassador to the UN X" acts for the US)."""
    for m in group:
        if m.head.dep_ == "pobj" and m.head.head.lower_ == "to":
            continue  # "US ambassador to the UN Nikki Haley": the model reads "the UN Nikki Haley" as one phrase
        country, sector, organisation = person_context(kb, m)
        if organisation is not None and organisation.code.startswith("IGO") and sector == organisation.sector \
                and country is None:
            return organisation
    return None


def _name_words(m: Mention) -> list[str]:
    words = (m.key.name if m.key is not None and m.key.type == "person" and " " in m.key.name else m.text).split()
    return [w.lower().rstrip(".") for w in words]


def _compatible_first(a: str, b: str) -> bool:
    """'hillary' and 'h' fit; 'hillary' and 'chelsea' do not."""
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def person_groups(kb: KnowledgeBase, people: list[Mention]) -> list[list[Mention]]:
    """The article's people, each a group of its mentions. Full names of one person merge (the same
    knowledge-base person, or the same surname with compatible first names: "H. Clinton" and "Hillary
    Clinton", never "Chelsea Clinton"); a single name joins the one full name in the article it fits by
    surname or first name ("Clinton", "Hillary", "Kim" for Kim Jong Un), the one named most when
    several fit, unless the hand-written knowledge base knows that name as someone else ("Trump")."""
    groups: list[list[Mention]] = []
    identity: list[tuple[str, str, str | None]] = []  # (first, last, knowledge-base name) per group
    singles = []
    for m in sorted(people, key=lambda m: m.start):
        words = _name_words(m)
        if len(words) < 2:
            singles.append(m)
            continue
        first, last = words[0], surname_key(" ".join(words))
        known = m.key.name if m.key is not None and m.key.type == "person" else None
        k = next((k for k, (f, l_, n) in enumerate(identity)
                  if (known is not None and n == known) or
                  (l_ == last and _compatible_first(f, first) and (known is None or n is None or n == known))), None)
        if k is None:
            groups.append([m])
            identity.append((first, last, known))
        else:
            groups[k].append(m)
            if identity[k][2] is None and known is not None:
                identity[k] = (identity[k][0], identity[k][1], known)
    for m in singles:
        word = surname_key(m.text)
        own = [e for e in kb.own_entries(m.text) if e.kind == "person"]
        fits = [k for k, (f, l_, n) in enumerate(identity) if word in (l_, f)]
        if own:
            fits = [k for k in fits if identity[k][2] == own[0].key.name]
        if fits:
            # several fit: the person the article names most, then the one it named first
            best = max(fits, key=lambda k: (len(groups[k]), -groups[k][0].start))
            groups[best].append(m)
            continue
        k = next((k for k, (f, l_, n) in enumerate(identity) if len(groups[k]) and l_ == word and f == ""), None)
        if k is None:
            groups.append([m])
            identity.append(("", word, m.key.name if m.key is not None and m.key.type == "person" else None))
        else:
            groups[k].append(m)
    return groups


def _country_mentions(kb: KnowledgeBase, mentions: list[Mention], people: list[Mention]) -> list[Mention]:
    """The mentions of a text that name a country, leaving out the nationality words of people's own
    titles ("South African leader F.W. de Klerk" says nothing of his host)."""
    owned = {(t.doc, t.i) for m in people for t in _own_words(m)}
    return [m for m in mentions if (m.head.doc, m.head.i) not in owned and _country_of(kb, m) is not None]


def _country_of(kb: KnowledgeBase, m: Mention) -> str | None:
    if m.key is not None:  # an outlet's or a firm's home says nothing of a person's (share buttons: Twitter)
        return m.key.country if m.key.type != "person" and m.key.sector not in NEUTRAL_SECTORS else None
    if m.kind == "name" and m.role == "country":  # "Zambian" as a modifier: no actor, still a country
        return kb.country_of(m.text, ("adjective", "country"))
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


def _before(m: Mention, most: int | None = None) -> Span:
    """The words of the mention's own phrase before the name (at most `most`, the nearest): a parse's subtree is
    a contiguous span, so this is a slice, not a walk over a subtree that may hold a whole list of names."""
    head = m.head
    first = head.doc.char_span(m.start, m.end, alignment_mode="expand")
    end = first.start if first is not None else head.i
    start = min(head.left_edge.i, end)
    if most is not None:
        start = max(start, end - most)
    return head.doc[start:end]


def _former(m: Mention) -> bool:
    """Does the person's own phrase call them a former office-holder?"""
    return any(t.lower_ in ("former", "ex", "ex-", "retired") for t in _before(m, 6))


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
    words = list(_before(m))
    for child in head.children:
        if child.dep_ == "appos":
            words.extend(child.subtree)
    if head.dep_ == "appos":
        words.extend(t for t in head.doc[min(head.head.left_edge.i, head.i):head.i] if t.idx < m.start)
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
        ent_entries = kb.lookup(t.text) + kb.lookup(_entity_text(t)) if t.ent_type_ == "ORG" else \
            [e for e in kb.lookup(t.text) if e.kind == "igo"]  # "U.N. mediator X", whatever the model tags "U.N."
        for e in ent_entries:
            if e.kind in ("igo", "org") and sector is None:
                sector = e.key.sector
                country = country or e.key.country
                organisation = organisation or e.key
    if former and sector in ("GOV", "MIL", "LEG", "JUD", None) and (sector or country):
        sector = "ELI"
    return country, sector, organisation
