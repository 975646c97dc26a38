"""The analysis record: newsgraph's output contract as typed objects.

Every stage adds to these; every output (JSON, database, exports, API, web page)
is a projection of `Record.to_dict()`. Field names follow
docs/output-contract.md; offsets index `Document.text` (or `Document.title`
when a span carries ``in_="title"``).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import Any

SCHEMA = "newsgraph/1"


def _clean(obj: Any) -> Any:
    """Dataclasses to plain JSON values; `in_` is written as `in`; None-valued `in_` dropped."""
    if hasattr(obj, "__dataclass_fields__"):
        out = {}
        for f in fields(obj):
            value = getattr(obj, f.name)
            if f.name == "in_":
                if value is not None:
                    out["in"] = value
                continue
            if f.metadata.get("omit_none") and value is None:
                continue
            out[f.name] = _clean(value)
        return out
    if isinstance(obj, (list, tuple)):
        return [_clean(v) for v in obj]
    if isinstance(obj, dict):
        return {k: _clean(v) for k, v in obj.items()}
    return obj


def _optional() -> Any:
    return field(default=None, metadata={"omit_none": True})


@dataclass(slots=True)
class RawArticle:
    """What a reader produced: text as found plus whatever metadata came with it."""

    text: str
    input_id: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    from_html: bool = False
    published_from: str | None = None  # where `published` came from: field | html
    file_date: str | None = None       # a date found in the file's name
    default_published: str | None = None  # the run's --published, used when nothing else gives a date


@dataclass(slots=True)
class Tone:
    """GDELT V2Tone's seven fields: percentages of the body's words, and the word count."""

    tone: float  # positive - negative
    positive: float
    negative: float
    polarity: float  # positive + negative
    activity: float
    self_group: float
    words: int


@dataclass(slots=True)
class Document:
    id: str
    input_id: str
    title: str | None
    text: str
    paragraphs: list[tuple[int, int]]
    published: str | None
    source: str | None
    language: str = "en"
    url: str | None = None
    published_from: str | None = None  # field | html | dateline | filename | default; None when undated
    analyser: str | None = None  # package version + hash of its data files: what produced the record
    tone: Tone | None = _optional()


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    kind: str = "name"  # name | nominal | pronoun
    in_: str | None = None


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    code: str | None
    country: str | None
    sector: str | None
    type: str  # country | person | organization | igo | group
    wikidata: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class Entity:
    start: int
    end: int
    text: str
    label: str
    actor: str | None = None
    in_: str | None = None
    # a description, not a name ("the Foreign Secretary", labelled PERSON; "the regime", ORG; "the army", NOM)
    nominal: bool | None = _optional()
    # a pronoun the coreference stage linked to an actor ("he", "they"), labelled as that actor's names are
    pronoun: bool | None = _optional()


@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str
    in_: str | None = None


@dataclass(slots=True)
class Cue:
    start: int
    end: int
    text: str
    lemma: str


@dataclass(slots=True)
class Quote:
    id: str
    kind: str  # direct | indirect | mixed
    text: str
    start: int
    end: int
    speaker: str | None
    speaker_mention: Span | None
    cue: Cue | None
    addressee: str | None = None
    medium: str | None = None


@dataclass(slots=True)
class Event:
    id: str
    source: str | None
    target: str | None
    cameo: str
    root: str
    plover: str | None
    goldstein: float
    quad_class: int
    negated: bool
    modality: str
    date: str | None
    quote: str | None
    sentence: int
    evidence: Span
    location: str | None = _optional()


@dataclass(slots=True)
class Count:
    kind: str
    number: int | float
    object: str | None
    start: int
    end: int
    text: str
    approximate: bool = False  # a vague quantity ("dozens"): number is its lowest honest reading


@dataclass(slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str | None
    in_: str | None = None


@dataclass(slots=True)
class Place:
    start: int
    end: int
    text: str
    country: str | None
    lat: float | None
    lon: float | None
    geonames: int | None
    in_: str | None = None
    feature: str | None = None  # country | region | city; None when the gazetteer does not know the name
    admin1: str | None = None  # GDELT ADM1 code of the first-level region holding it ("USTX"), a region's own


@dataclass(slots=True)
class Record:
    document: Document
    actors: list[Actor] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    schema: str = SCHEMA

    def to_dict(self) -> dict[str, Any]:
        return _clean(self)

    def to_json(self, indent: int | None = None) -> str:
        """Deterministic JSON: sorted keys, so the same input gives the same bytes."""
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, indent=indent)
