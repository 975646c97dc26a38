"""The quotes stage: who said what, with speaker, cue, addressee and medium.

find direct quotes (text between quotation marks, attributed through a cue
verb in or next to their sentence), then reported speech (a cue verb with a
content clause: "X told Y that ...", "according to X, ..."), then attribute
each to the actor of its speaker mention, through the coreference stage.

Unlike textacy, quote marks are not paired by position across the document:
regions come from `quotemarks`, paragraph by paragraph, so one odd mark spoils
at most one paragraph.
"""
from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from newsgraph.actors import ActorIndex
from newsgraph.data import load_table
from newsgraph.quotemarks import DASHES, QuoteMask
from newsgraph.record import Cue, Quote
from newsgraph.record import Span as SpanRecord

AFTER_WINDOW = 35  # tokens after a closing mark to look for its cue ("..., X, the director of Y, said")
BEFORE_WINDOW = 12  # tokens before an opening mark ("Y, the minister of X, said: “...”")
LOOKBACK_QUOTES = 50  # earlier quotes a cue-less quote may take its speaker from (within 600 characters)
MIN_DIRECT_WORDS = 4  # shorter quoted stretches are scare quotes or titles unless a cue claims them
CONTENT_DEPS = {"ccomp", "xcomp"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
SPEAKER_CUT_DEPS = {"relcl", "appos", "acl", "punct", "advcl", "cc", "conj"}
MEDIUM_PREPS = {"in", "on", "during", "via", "through"}


@dataclass(frozen=True)
class CueVerb:
    lemma: str
    kind: str
    particle: str
    needs_clause: bool


@cache
def cue_lexicon() -> dict[str, list[CueVerb]]:
    out: dict[str, list[CueVerb]] = {}
    for row in load_table("cues.tsv"):
        out.setdefault(row["lemma"], []).append(
            CueVerb(row["lemma"], row["kind"], row["particle"], row["not_speech"] == "object"))
    return out


def cue_of(token: Token) -> CueVerb | None:
    """The cue-verb entry `token` satisfies (lemma, and particle when the entry needs one)."""
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
        return None
    for cue in cue_lexicon().get(token.lemma_.lower(), ()):
        if not cue.particle or any(c.lower_ == cue.particle and c.dep_ in ("prt", "prep", "dobj")
                                   for c in token.children):
            return cue
    return None


@dataclass
class Draft:
    kind: str
    start: int
    end: int
    cue: Token | None = None
    speaker: Token | None = None
    speaker_span: tuple[int, int] | None = None
    continues: int | None = None


CLIMB_DEPS = {"advcl", "conj", "xcomp", "pcomp", "prep", "pobj", "acomp"}


def _subject_of(verb: Token) -> Token | None:
    """The verb's subject; for a participle or conjoined verb, the governing verb's subject."""
    seen = 0
    while verb is not None and seen < 5:
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                return None if child.ent_type_ in ("DATE", "TIME") or child.lower_ in ("that", "which") \
                    else child
            if child.dep_ == "agent":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0]
        if verb.dep_ in CLIMB_DEPS and verb.head.i != verb.i:
            verb = verb.head
            seen += 1
            continue
        return None
    return None


def _governing_subject(doc: Doc, offset: int, mask: QuoteMask) -> Token | None:
    """For a quoted fragment: the subject of the nearest verb above it outside the quotation."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span[0]
    for _ in range(10):
        if token.pos_ in ("VERB", "AUX") and not mask.inside(token.idx):
            return pick_speaker(token, mask)
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _is_dateline(token: Token) -> bool:
    """'MACAU (Reuters) – ...': a capitalised place opening a story, before a dash, is not who speaks."""
    if not (token.text.isupper() and len(token.text) > 2):
        return False
    start = token.left_edge
    if start.i > 0 and "\n" not in token.doc[start.i - 1].text_with_ws and not token.doc[start.i].is_sent_start:
        return False
    return any(t.text in DASHES or t.text in ("--", "(") for t in token.doc[token.i + 1: token.i + 8])


def pick_speaker(verb: Token, mask: QuoteMask) -> Token | None:
    """Who a cue verb reports: its subject, else (inverted: '“...,” said X', '..., read the statement')
    the noun after it; never a word inside the quotation, a dateline, a time, or whom it was told to."""
    doc = verb.doc
    cue = cue_of(verb)
    candidates = []
    subject = _subject_of(verb)
    if subject is not None and _is_dateline(subject):  # the subject hides after the dateline's dash
        dash = next((t.i for t in doc[subject.i: verb.i] if t.text in DASHES or t.text == "--"), None)
        if dash is not None:
            tail = doc[dash + 1: verb.i]
            candidates.extend(t for t in tail if (t.head.i < tail.start or t.head.i >= tail.end)
                              and t.pos_ in ("NOUN", "PROPN"))
    if subject is not None:
        # a verb may carry two subjects when the parser reads quoted words as one: nearest first
        subjects = sorted((c for c in verb.children if c.dep_ in SUBJECT_DEPS), key=lambda c: abs(c.i - verb.i))
        for s_ in subjects or [subject]:
            candidates.append(s_)
            candidates.extend(c for c in s_.children if c.dep_ == "appos")
    else:  # the parser lost the subject: the name just before the verb ("Ramos, 58, told AFP")
        for t in reversed(doc[max(0, verb.i - 6): verb.i]):
            if mask.inside(t.idx) or t.text in ("”", '"', "“"):
                break
            if t.pos_ in ("PROPN", "NOUN", "PRON") and t.ent_type_ not in ("DATE", "TIME", "CARDINAL"):
                candidates.append(t)
                break
    objects = ("nsubj", "attr", "npadvmod", "appos", "dep") if cue is not None and cue.kind in ("tell", "urge") \
        else ("nsubj", "dobj", "attr", "npadvmod", "appos", "dep")
    candidates.extend(c for c in verb.children if c.dep_ in objects and c.i > verb.i)
    for c in candidates:
        if mask.inside(c.idx) or _is_dateline(c) or c.ent_type_ in ("DATE", "TIME"):
            continue
        if c.pos_ in ("NOUN", "PROPN", "PRON") or c.ent_type_:
            return c
    return None


def _according_source(token: Token) -> Token | None:
    to = token.nbor(1)
    return next((c for c in to.children if c.dep_ == "pobj"), None) or \
        next((c for c in token.children if c.dep_ == "pobj"), None)


def speaker_span(subject: Token) -> tuple[int, int]:
    """Char span of the speaker phrase: the subject and its modifiers, without clauses and appositives."""
    left = subject.left_edge
    right = subject
    for child in subject.rights:
        if child.dep_ in SPEAKER_CUT_DEPS:
            break
        right = child.right_edge
    doc = subject.doc
    while left.i < right.i and (left.is_punct or left.dep_ in ("cc", "advmod", "preconj")):
        left = doc[left.i + 1]
    start = left.idx
    while start < right.idx and left.text[start - left.idx: start - left.idx + 1] in tuple(DASHES):  # "―Pamela Padilla": the dash stuck to the name
        start += 1
    return start, right.idx + len(right.text)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding spaces, quote marks and trailing commas."""
    while start < end and text[start] in " \n\t\"“”‘’'«»—–-:,":
        start += 1
    while end > start and text[end - 1] in " \n\t\"“”‘’'«»—–-:,;(":
        end -= 1
    return start, end


class QuoteFinder:
    def __init__(self, doc: Doc, mask: QuoteMask, actors: ActorIndex) -> None:
        self.doc = doc
        self.mask = mask
        self.actors = actors
        self.text = doc.text
        self._first_word: dict[int, int] = {}  # sentence start → offset of its first word
        self._sent_starts: list[int] = []

    # -- direct ---------------------------------------------------------------------------
    def direct(self) -> list[Draft]:
        drafts: list[Draft] = []
        for start, end in self.mask.regions:
            s, e = _trim(self.text, start, end)
            if s >= e:
                continue
            span = self.doc.char_span(s, e, alignment_mode="expand")
            if span is None or not len(span):
                continue
            cue = self._cue_after(end) or self._cue_before(start)
            words = sum(1 for t in span if not t.is_punct)
            if cue is None and words < MIN_DIRECT_WORDS:
                continue
            speaker = None
            if cue is None:
                speaker = self._dash_speaker(end)
            if speaker is None and cue is not None and cue.lower_ == "according":
                speaker = _according_source(cue)
            elif cue is not None:
                speaker = pick_speaker(cue, self.mask)
            draft = Draft("direct", s, e, cue=cue, speaker=speaker)
            drafts.append(draft)
        self._carry_speakers(drafts)
        return drafts

    def _dash_speaker(self, close: int) -> Token | None:
        """“We will rebuild.” —Commissioner Maria Lopez: a dash after the quote introduces its speaker."""
        rest = self.text[close + 1: close + 4]
        stripped = rest.lstrip(" ")
        if not stripped or stripped[0] not in DASHES:
            return None
        span = self.doc.char_span(close + 1, min(len(self.text), close + 80), alignment_mode="expand")
        if span is None:
            return None
        for t in span:
            if t.is_punct or t.is_space:
                continue
            if t.ent_type_ in ("PERSON", "ORG", "NORP") or t.pos_ in ("PROPN", "NOUN"):
                head = t
                while head.head.i != head.i and head.head.i < span.end and head.dep_ in ("compound", "amod", "nmod"):
                    head = head.head
                return head
            return None
        return None

    def _words_before(self, sent: Span, offset: int) -> bool:
        """Whether the sentence has a word (not punctuation or space) before a character offset."""
        if sent.start not in self._first_word:
            first = next((t.idx for t in sent if not t.is_punct and not t.is_space), len(self.text))
            self._first_word[sent.start] = first
        return self._first_word[sent.start] < offset

    def _sent(self, token: Token) -> Span:
        """The token's sentence, from bounds found once: Token.sent walks the sentence on every call."""
        if not self._sent_starts:
            self._sent_starts = [sent.start for sent in self.doc.sents] + [len(self.doc)]
        k = bisect.bisect_right(self._sent_starts, token.i) - 1
        return self.doc[self._sent_starts[k]: self._sent_starts[k + 1]]

    def _token_at(self, offset: int) -> Token | None:
        """The token covering (or first after) a character offset."""
        span = self.doc.char_span(offset, min(offset + 1, len(self.text)), alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def _sentence_tokens(self, offset: int) -> Span | None:
        token = self._token_at(offset)
        return self._sent(token) if token is not None else None

    # Cue search looks at a bounded window of tokens next to the quote, never the whole sentence:
    # a sentence of a thousand quotes would otherwise cost a million token visits.
    def _cue_after(self, close: int) -> Token | None:
        """“...,” he said / “...,” said the official / “...,” read the statement of X."""
        last = self._token_at(max(close - 1, 0))
        if last is None:
            return None
        after = (t for t in self.doc[last.i: self._sent(last).end] if t.idx > close)
        for t in itertools.islice(after, AFTER_WINDOW):
            if self.mask.inside(t.idx):
                break
            if cue_of(t) and pick_speaker(t, self.mask) is not None:
                return t
        return None

    def _cue_before(self, open_: int) -> Token | None:
        """He said: “...” / According to X, “...”  (the cue governs, or sits just before, the quote)."""
        first = self._token_at(open_)
        if first is None:
            return None
        sent = self._sent(first)
        window = self.doc[max(sent.start, first.i - BEFORE_WINDOW - 1): first.i + 1]
        for t in reversed([t for t in window if t.idx + len(t.text) <= open_][-BEFORE_WINDOW:]):
            if self.mask.inside(t.idx):
                break
            if cue_of(t) and _subject_of(t) is not None:
                return t
            if t.lower_ == "according" and t.i + 1 < len(self.doc) and t.nbor(1).lower_ == "to":
                return t
        return self._cue_introducing(sent, open_)

    def _cue_introducing(self, sent: Span, open_: int) -> Token | None:
        """A quote that opens its sentence after a sentence ending in a colon: 'X responded:\n\n“...”'."""
        if self._words_before(sent, open_):
            return None
        if sent.start == 0:
            return None
        prev = self._sent(self.doc[sent.start - 1])
        tail = [t for t in prev if not t.is_space]
        if not tail or tail[-1].text not in (":", "—"):
            return None
        for t in reversed(tail):
            if self.mask.inside(t.idx):
                break
            if cue_of(t) and _subject_of(t) is not None:
                return t
        # "Clinton released the following statement:", "Trump boomed:" - the sentence's own verb
        root = prev.root
        subject = pick_speaker(root, self.mask) if root.pos_ in ("VERB", "AUX") else None
        if subject is not None and (subject.ent_type_ in ("PERSON", "ORG", "NORP") or subject.pos_ == "PRON"):
            return root
        return None

    def _carry_speakers(self, drafts: list[Draft]) -> None:
        """A quote with no cue of its own: the continuation of the quote just before it, a fragment
        whose sentence's subject speaks ('labelling the actions “a blatant abuse”'), or a quote
        paragraph after one that named its speaker (the newsroom convention)."""
        for k, d in enumerate(drafts):
            if d.cue is not None or d.speaker is not None:
                continue
            prev = drafts[k - 1] if k else None
            gap = self.text[prev.end:d.start] if prev else ""
            if prev is not None and prev.speaker is not None and (len(gap) < 40 or "\n\n" in gap and len(gap) < 120):
                d.cue, d.speaker, d.continues = prev.cue, prev.speaker, k - 1
                continue
            sent = self._sentence_tokens(d.start)
            if sent is not None and self._words_before(sent, d.start - 1):
                d.speaker = _governing_subject(self.doc, d.start, self.mask)
                continue
            d.speaker = self._last_speaker(d.start, drafts, k)

    def _last_speaker(self, start: int, drafts: list[Draft], k: int) -> Token | None:
        """The speaker of the nearest quote before drafts[k], else a person subject of the sentence before."""
        window_start = max(0, start - 600)
        for d in reversed(drafts[max(0, k - LOOKBACK_QUOTES):k]):
            if d.end < window_start:
                break
            if d.speaker is not None:
                return d.speaker
        span = self.doc.char_span(start, min(start + 1, len(self.text)), alignment_mode="expand")
        if span is None or span.start == 0:
            return None
        prev = self._sent(self.doc[self._sent(span[0]).start - 1])
        root = prev.root
        subject = _subject_of(root)
        if subject is not None and self.actors.actor_at(subject) is not None and \
                subject.ent_type_ in ("PERSON", "ORG", "NORP", "GPE", ""):
            return subject
        return None

    # -- reported -------------------------------------------------------------------------
    def reported(self, taken: list[tuple[int, int]]) -> list[Draft]:
        drafts = []
        for token in self.doc:
            if token.lower_ == "according" and token.nbor(1).lower_ == "to" if token.i + 1 < len(self.doc) else False:
                d = self._according_to(token)
                if d:
                    drafts.append(d)
                continue
            cue = cue_of(token)
            if cue is None or self.mask.inside(token.idx):
                continue
            content = self._content_of(token, cue)
            if content is None:
                continue
            s, e = _trim(self.text, *content)
            if e - s < 8 or any(a <= s < b or a < e <= b for a, b in taken):
                continue
            speaker = pick_speaker(token, self.mask)
            drafts.append(Draft("indirect", s, e, cue=token, speaker=speaker))
        return _drop_nested(drafts)

    def _content_of(self, verb: Token, cue: CueVerb) -> tuple[int, int] | None:
        """The clause a cue reports: its that-clause (either side), or for appeals the object + infinitive."""
        children = list(verb.children)
        for k, child in enumerate(children):
            if child.dep_ != "ccomp":
                continue
            if child.i < verb.i:  # "CLAUSE, the official said"
                return _subtree_chars(child)
            start, end = _subtree_chars(child)
            for sibling in children[k + 1:]:  # a clause the parser cut in two ("re-establish")
                if sibling.dep_ in ("xcomp", "dobj", "prep", "npadvmod", "advmod", "punct") and \
                        sibling.text not in (",", ";", ".", ":", "—") and sibling.left_edge.idx <= end + 1:
                    end = max(end, _subtree_chars(sibling)[1])
                else:
                    break
            return start, end
        for child in children:  # "said during the debate that ...": a that-clause parsed as a relative clause
            if child.dep_ in ("prep", "npadvmod") and child.i > verb.i:
                for t in child.subtree:
                    if t.dep_ == "relcl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children):
                        return _subtree_chars(t)
        if cue.kind == "urge":
            for child in children:
                if child.dep_ in ("xcomp", "ccomp", "advcl") and child.i > verb.i and child.tag_ == "VB":
                    first = next((c for c in children if c.dep_ in ("dobj", "prep") and c.i < child.i
                                  and c.i > verb.i), None)
                    if first is not None and first.dep_ == "prep":  # "called on X to ...": from X
                        first = next((c for c in first.children if c.dep_ == "pobj"), first)
                    start = _subtree_chars(first)[0] if first is not None else _subtree_chars(child)[0]
                    return start, _subtree_chars(child)[1]
        return None

    def _according_to(self, token: Token) -> Draft | None:
        """'according to X, CLAUSE' and 'CLAUSE, according to X'."""
        to = token.nbor(1)
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None:
            source = next((c for c in token.children if c.dep_ == "pobj"), None)
        clause = token.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        if source is None or clause is token:
            return None
        sent = self._sent(token)
        phrase = (token.left_edge.i, max(token.right_edge.i, to.right_edge.i))
        tokens = [t for t in sent if not (phrase[0] <= t.i <= phrase[1]) and not t.is_space]
        if not tokens:
            return None
        if token.i > sent.start + 1:
            tokens = [t for t in tokens if t.i < phrase[0]]
        else:
            tokens = [t for t in tokens if t.i > phrase[1]]
        if not tokens:
            return None
        s, e = _trim(self.text, tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
        if e - s < 8:
            return None
        return Draft("indirect", s, e, cue=token, speaker=source)


def _subtree_chars(token: Token) -> tuple[int, int]:
    tokens = [t for t in token.subtree if not (t.dep_ == "mark" and t.head.i == token.i and t.lower_ in ("that", "whether", "if"))]
    left, right = tokens[0], tokens[-1]
    return left.idx, right.idx + len(right.text)


def _drop_nested(drafts: list[Draft]) -> list[Draft]:
    """Reported speech inside other reported speech is part of it ('X said Y urged ...')."""
    spans = _Spans(drafts)
    return [d for k, d in enumerate(drafts) if d.cue is None or not any(
        j != k and drafts[j].start <= d.cue.idx < drafts[j].end for j in spans.around(d.cue.idx, d.cue.idx + 1))]


class _Spans:
    """Drafts indexed by start, to find the ones around a stretch without visiting them all."""

    SLACK = 8  # ends may grow a little after indexing (a quote absorbed into its reported clause)

    def __init__(self, drafts: list[Draft]) -> None:
        self.order = sorted(range(len(drafts)), key=lambda k: drafts[k].start)
        self.starts = [drafts[k].start for k in self.order]
        self.reach: list[int] = []  # the furthest end among the drafts up to each position
        for k in self.order:
            self.reach.append(max(drafts[k].end, self.reach[-1] if self.reach else 0))

    def around(self, start: int, end: int) -> list[int]:
        """Indices (in input order) of the drafts that may start at or before `start` and reach `end`."""
        found = []
        j = bisect.bisect_right(self.starts, start) - 1
        while j >= 0 and self.reach[j] + self.SLACK >= end:
            found.append(self.order[j])
            j -= 1
        return sorted(found)


def _merge_continuations(drafts: list[Draft], text: str) -> list[Draft]:
    """'He explained that A, reaffirming that B': a participle cue right after its parent's content
    continues the same statement, so B joins A."""
    out: list[Draft] = []
    for d in drafts:
        prev = out[-1] if out else None
        if prev is not None and d.cue is not None and prev.cue is not None and d.cue.tag_ == "VBG" \
                and d.cue.head.i == prev.cue.i and prev.end <= d.cue.idx < d.start \
                and not text[prev.end:d.start].replace(d.cue.text, "").strip(" ,;—–-").lower() \
                .replace("that", "").strip():
            prev.end = d.end
            continue
        out.append(d)
    return out


def find_quotes(doc: Doc, mask: QuoteMask, actors: ActorIndex) -> list[Quote]:
    """The quotes stage over one parsed body."""
    finder = QuoteFinder(doc, mask, actors)
    direct = finder.direct()
    reported = finder.reported([])
    # a quoted fragment inside reported speech makes it mixed ('said he favoured “a hell of a lot worse”')
    absorbed: set[int] = set()
    containers = _Spans(reported)
    for d in direct:
        for j in containers.around(d.start, d.end - 3):
            r = reported[j]
            if r.cue is None or not (r.start <= d.start and d.end <= r.end + 3) or d.start <= r.cue.idx < d.end:
                continue
            if (d.end - d.start) > 0.7 * (r.end - r.start):
                continue  # the quote is the whole statement: a direct quote, not a fragment
            if d.cue is None or d.continues is not None or r.cue.i == d.cue.i or r.start <= d.cue.idx < r.end:
                r.end = max(r.end, d.end)
                absorbed.add(id(d))
                break
    direct = [d for d in direct if id(d) not in absorbed]
    direct_starts = [d.start for d in direct]  # sorted: direct quotes come in text order
    reported = [r for r in reported if not _overlaps_edge(r, direct, direct_starts)]
    drafts = sorted(direct + _mixed(reported, mask), key=lambda d: d.start)
    text = doc.text  # Doc.text joins every token: once per document, not once per quote
    drafts = _merge_continuations(drafts, text)
    # indirect quotes whose cue lies inside a direct quote are the quoted person's words, not the article's
    drafts = [d for d in drafts if d.kind == "direct" or d.cue is None or not mask.inside(d.cue.idx)]
    return [_to_quote(text, d, k, actors) for k, d in enumerate(drafts)]


def _overlaps_edge(r: Draft, direct: list[Draft], starts: list[int]) -> bool:
    """Whether a reported clause starts or ends inside a direct quote (direct quotes never overlap);
    `starts` are the direct quotes' starts."""
    k = bisect.bisect_right(starts, r.start) - 1
    if k >= 0 and direct[k].start <= r.start < direct[k].end:
        return True
    k = bisect.bisect_left(starts, r.end) - 1
    return k >= 0 and direct[k].start < r.end <= direct[k].end


def _mixed(reported: list[Draft], mask: QuoteMask) -> list[Draft]:
    starts = sorted(a for a, _ in mask.regions)
    for d in reported:
        k = bisect.bisect_left(starts, d.start)
        if k < len(starts) and starts[k] < d.end:
            d.kind = "mixed"
    return reported


def _to_quote(text: str, d: Draft, k: int, actors: ActorIndex) -> Quote:
    speaker_id = addressee = medium = None
    speaker_mention = None
    if d.speaker is not None:
        s, e = speaker_span(d.speaker)
        speaker_mention = SpanRecord(s, e, text[s:e])
        speaker_id = actors.actor_at(d.speaker)
        if speaker_id is None:  # "the economist Jared Bernstein": the name in apposition has the actor
            named = next((c for c in d.speaker.children if c.dep_ in ("appos", "compound")
                          and actors.actor_at(c) is not None), None)
            speaker_id = actors.actor_at(named) if named is not None else None
    cue = None
    if d.cue is not None:
        cue_tokens = [d.cue] + [c for c in d.cue.children if c.dep_ == "prt"]
        if d.cue.lower_ == "according":
            cue_tokens.append(d.cue.nbor(1))
        cs = min(t.idx for t in cue_tokens)
        ce = max(t.idx + len(t.text) for t in cue_tokens)
        lemma = "according to" if d.cue.lower_ == "according" else d.cue.lemma_.lower()
        cue = Cue(cs, ce, text[cs:ce], lemma)
        addressee, medium = _addressee_and_medium(d.cue, actors)
    return Quote(id=f"q{k + 1}", kind=d.kind, text=text[d.start:d.end], start=d.start, end=d.end,
                 speaker=speaker_id, speaker_mention=speaker_mention, cue=cue, addressee=addressee, medium=medium)


def _addressee_and_medium(verb: Token, actors: ActorIndex) -> tuple[str | None, str | None]:
    addressee = medium = None
    cue = cue_of(verb)
    for child in verb.children:
        if cue is not None and cue.particle and child.lower_ == cue.particle:  # "called on X": X is addressed
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and addressee is None:
                addressee = actors.actor_at(obj)
            continue
        if child.dep_ in ("dobj", "dative", "iobj") and addressee is None and cue is not None \
                and cue.kind in ("tell", "urge"):
            addressee = actors.actor_at(child)
        elif child.dep_ == "prep" and child.lower_ == "to" and addressee is None:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                addressee = actors.actor_at(obj)
        elif child.dep_ == "prep" and child.lower_ in MEDIUM_PREPS and medium is None:
            for t in child.subtree:  # "wrote in an analysis published by X", "said on CNN"
                actor = actors.actor_at(t)
                if actor is not None and actors.actors[int(actor[1:]) - 1].type == "organization":
                    medium = actor
                    break
    return addressee, medium
