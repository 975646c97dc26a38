"""The analysis core: normalise → parse → actors → quotes → events → facts → record.

`analyze_articles` streams articles through one spaCy model with `nlp.pipe`
(title and body parsed apart) and runs the stages on each parsed pair. A bad
article comes out as a NewsgraphError in its place; the stream goes on.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from spacy.tokens import Doc

from newsgraph import validate
from newsgraph.actors import resolve_actors
from newsgraph.chunks import CHUNK_CHARS, join, split_points
from newsgraph.data import load_table
from newsgraph.errors import NewsgraphError, from_exception
from newsgraph.events import find_events
from newsgraph.facts import find_facts
from newsgraph.facts.tone import document_tone
from newsgraph.knowledge import Knowledge, load_knowledge
from newsgraph.normalise import normalise
from newsgraph.parse import load_model
from newsgraph.quotemarks import QuoteMask, quote_regions
from newsgraph.quotes import find_quotes
from newsgraph.record import Document, RawArticle, Record

BATCH_SIZE = 32


@cache
def speech_lemmas() -> frozenset[str]:
    return frozenset(row["lemma"] for row in load_table("cues.tsv"))


def analyze_parsed(document: Document, body: Doc, title: Doc | None, knowledge: Knowledge) -> Record:
    """Every stage over one parsed article, with the process's loaded knowledge."""
    document.tone = document_tone(body)
    mask = QuoteMask(quote_regions(document.text, document.paragraphs))
    actors = resolve_actors(body, title, mask, speech_lemmas(), knowledge.actors, document.published,
                            knowledge.gazetteer)
    quotes = find_quotes(body, mask, actors)
    actors.quoted_first_person(quotes)
    counts, dates, places = find_facts(body, title, actors, document.published, knowledge,
                                       actors.focus.shares() or None)
    events = find_events(body, title, actors, quotes, mask, document.published, places)
    return Record(document=document, actors=actors.actors, entities=actors.entities, quotes=quotes,
                  events=events, counts=counts, dates=dates, places=places)


def analyze_articles(items: Iterable[RawArticle | NewsgraphError], model: str | None = None,
                     published: str | None = None,
                     batch_size: int = BATCH_SIZE,
                     knowledge: Knowledge | None = None) -> Iterator[Record | NewsgraphError]:
    """Records (or errors) for articles, in input order; the model and the knowledge are loaded once per
    process. `knowledge` replaces the process's knowledge for this run only (an evaluation suite's extra
    actors: `load_knowledge().with_actors(...)`). Whatever goes wrong with one article (reading,
    normalising, analysing) comes out as a NewsgraphError in its place, and the stream goes on."""
    nlp = load_model(model)
    knowledge = knowledge or load_knowledge()
    pending: list[Document | NewsgraphError] = []
    parts: dict[int, list[Doc]] = {}  # the parsed pieces of the article being assembled

    def texts() -> Iterator[tuple[str, tuple[int, str, int]]]:
        for item in _guarded(items):
            if isinstance(item, NewsgraphError):
                pending.append(item)
                continue
            try:
                if published and not item.published:
                    item.default_published = published
                document = normalise(item)
            except Exception as exc:
                pending.append(from_exception(exc, getattr(item, "input_id", "-"), "normalise"))
                continue
            pending.append(document)
            k = len(pending) - 1
            pieces = split_points(document.text, min(CHUNK_CHARS, nlp.max_length))
            for n, (start, end) in enumerate(pieces):
                yield document.text[start:end], (k, "body", len(pieces) - 1 - n)
            if document.title:
                yield document.title[:CHUNK_CHARS], (k, "title", 0)

    emitted = 0
    for doc, (k, part, left) in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
        document = pending[k]
        assert isinstance(document, Document)
        parts.setdefault(k, []).append(doc)
        if left or (part == "body" and document.title):
            continue  # more pieces, or the title, still to come
        pieces = parts.pop(k)
        title = pieces.pop() if document.title else None
        while emitted < k:  # errors queued before this article
            yield pending[emitted]  # type: ignore[misc]
            emitted += 1
        yield _analyze_one(document, pieces, title, knowledge)
        pending[k] = None  # type: ignore[call-overload]  # done: let its text go
        emitted = k + 1
    while emitted < len(pending):
        yield pending[emitted]  # type: ignore[misc]
        emitted += 1


def _guarded(items: Iterable[RawArticle | NewsgraphError]) -> Iterator[RawArticle | NewsgraphError]:
    """The items, with a reader that breaks reported as an error instead of ending the run."""
    iterator = iter(items)
    while True:
        try:
            item = next(iterator)
        except StopIteration:
            return
        except Exception as exc:
            yield from_exception(exc, "-", "reading")
            return
        yield item


def _analyze_one(document: Document, pieces: list[Doc], title: Doc | None,
                 knowledge: Knowledge) -> Record | NewsgraphError:
    """One article's record, or the error that stopped it."""
    try:
        return analyze_parsed(document, join(pieces), title, knowledge)
    except Exception as exc:
        return from_exception(exc, document.input_id, "analysis")


def analyze(text: str, *, title: str | None = None, published: str | None = None, source: str | None = None,
            url: str | None = None, input_id: str = "-", model: str | None = None) -> Record:
    """Analyse one article's text; raises NewsgraphError if it has none, or for an argument that is not valid."""
    raw = RawArticle(text=validate.text(text), input_id=validate.text(input_id, "input_id"),
                     title=validate.optional_text(title, "title"), published=validate.published(published),
                     source=validate.optional_text(source, "source"), url=validate.optional_text(url, "url"))
    result = next(analyze_articles([raw], model=model))
    if isinstance(result, NewsgraphError):
        raise result
    return result
