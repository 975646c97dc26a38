"""The analysis core: normalise → parse → actors → quotes → events → facts → record.

`analyze_articles` streams articles through one spaCy model with `nlp.pipe`
(title and body parsed apart) and runs the stages on each parsed pair. A bad
article comes out as a NewsgraphError in its place; the stream goes on.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from spacy.tokens import Doc

from newsgraph.actors import resolve_actors
from newsgraph.actors.kb import KnowledgeBase
from newsgraph.data import load_table
from newsgraph.errors import NewsgraphError
from newsgraph.events import find_events
from newsgraph.facts import find_facts
from newsgraph.facts.tone import document_tone
from newsgraph.normalise import normalise
from newsgraph.parse import load_model
from newsgraph.quotemarks import QuoteMask, quote_regions
from newsgraph.quotes import find_quotes
from newsgraph.record import Document, RawArticle, Record

BATCH_SIZE = 32


@cache
def speech_lemmas() -> frozenset[str]:
    return frozenset(row["lemma"] for row in load_table("cues.tsv"))


def analyze_parsed(document: Document, body: Doc, title: Doc | None, kb: KnowledgeBase | None = None) -> Record:
    """Every stage over one parsed article; `kb` replaces the actor knowledge base for this call."""
    document.tone = document_tone(body)
    mask = QuoteMask(quote_regions(document.text, document.paragraphs))
    actors = resolve_actors(body, title, mask, speech_lemmas(), kb=kb)
    quotes = find_quotes(body, mask, actors)
    counts, dates, places = find_facts(body, title, actors, document.published)
    events = find_events(body, title, actors, quotes, mask, document.published, places, kb=kb)
    return Record(document=document, actors=actors.actors, entities=actors.entities, quotes=quotes,
                  events=events, counts=counts, dates=dates, places=places)


def analyze_articles(items: Iterable[RawArticle | NewsgraphError], model: str | None = None,
                     published: str | None = None,
                     batch_size: int = BATCH_SIZE,
                     kb: KnowledgeBase | None = None) -> Iterator[Record | NewsgraphError]:
    """Records (or errors) for articles, in input order; the model is loaded once. `kb` (see
    `actors.kb.extended_knowledge_base`) replaces the actor knowledge base for this run only."""
    nlp = load_model(model)
    pending: list[Document | NewsgraphError] = []

    def texts() -> Iterator[tuple[str, tuple[int, str]]]:
        for item in items:
            if isinstance(item, NewsgraphError):
                pending.append(item)
                continue
            try:
                if published and not item.published:
                    item.published = published
                document = normalise(item)
            except NewsgraphError as err:
                pending.append(err)
                continue
            pending.append(document)
            k = len(pending) - 1
            yield document.text, (k, "body")
            if document.title:
                yield document.title, (k, "title")

    body: Doc | None = None
    emitted = 0
    for doc, (k, part) in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
        document = pending[k]
        assert isinstance(document, Document)
        if part == "body":
            if document.title:
                body = doc
                continue
            parsed = (doc, None)
        else:
            parsed = (body, doc)
        while emitted < k:  # errors queued before this article
            yield pending[emitted]  # type: ignore[misc]
            emitted += 1
        yield analyze_parsed(document, *parsed, kb=kb)  # type: ignore[arg-type]
        emitted = k + 1
    while emitted < len(pending):
        yield pending[emitted]  # type: ignore[misc]
        emitted += 1


def analyze(text: str, *, title: str | None = None, published: str | None = None, source: str | None = None,
            url: str | None = None, input_id: str = "-", model: str | None = None) -> Record:
    """Analyse one article's text; raises NewsgraphError if it has none."""
    raw = RawArticle(text=text, input_id=input_id, title=title, published=published, source=source, url=url)
    result = next(analyze_articles([raw], model=model))
    if isinstance(result, NewsgraphError):
        raise result
    return result
