"""Ingest: read → analyse → store, for corpora of any size.

The engines all map one function, `analyze_batch`, over batches of articles:
in this process (one worker), in N local worker processes, or on a Dask
cluster. Each worker loads the model once. Results are stored in input order,
one transaction per batch, so an ingest killed at any point and run again ends
with the rows a clean run gives: stored documents are skipped before they are
analysed, and a half-done batch was never committed.
"""
from __future__ import annotations

import csv
import functools
import itertools
import multiprocessing
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.datelines import dateline_line
from newsgraph.errors import Errors, NewsgraphError, from_exception
from newsgraph.normalise import normalise
from newsgraph.read import article_files, read_inputs
from newsgraph.read.corpus import DEFAULT_OPTIONS, ReadOptions
from newsgraph.read.dates import file_name_date
from newsgraph.record import RawArticle
from newsgraph.store import Store
from newsgraph.version import analyser_version

BATCH_SIZE = 16
# A NewsgraphError pickles whole, so a worker process or a Dask task returns it as it is.
Result = dict[str, Any] | NewsgraphError

_analysis_lock = threading.Lock()


def analyze_batch(articles: list[RawArticle], model: str | None = None) -> list[Result]:
    """Records (as dicts) or failures for a batch: the unit of work every engine runs."""
    from newsgraph.pipeline import analyze_articles

    # A Dask worker may run several tasks in threads; one model, one pipe at a time.
    with _analysis_lock:
        out: list[Result] = []
        for article, result in zip(articles, analyze_articles(articles, model=model), strict=True):
            if isinstance(result, NewsgraphError):
                out.append(result)
                continue
            try:
                out.append(result.to_dict())
            except Exception as exc:
                out.append(from_exception(exc, article.input_id, "output"))
        return out


@dataclass
class IngestSummary:
    read: int = 0           # articles read
    added: int = 0          # new documents stored
    known: int = 0          # skipped: already stored (or repeated in the input)
    failed: int = 0         # bad inputs, reported and skipped
    seconds: float = 0.0
    failures: list[NewsgraphError] = field(default_factory=list)
    undated_articles: int = 0  # stored with no publication date
    undated_events: int = 0    # events with no date of their own in an undated article

    def line(self) -> str:
        rate = self.added / self.seconds if self.seconds else 0.0
        return (f"{self.read} articles read: {self.added} stored, {self.known} already stored, "
                f"{self.failed} failed, in {self.seconds:.1f} s ({rate:.2f} articles/s)")

    def undated_line(self) -> str:
        """What this run stored without a date, which no date filter or timeline will show."""
        if not self.undated_articles:
            return ""
        return (f"{self.undated_articles} articles and {self.undated_events} events have no date: they are not "
                f"on timelines (give dates with --published or --date-field)")

    def count_undated(self, record: dict[str, Any]) -> None:
        if record["document"].get("published") is None:
            self.undated_articles += 1
            self.undated_events += sum(1 for e in record["events"] if not e.get("date"))


def count_inputs(paths: Iterable[str]) -> int | None:
    """How many articles the paths hold, cheaply (for the ETA); None when unknowable (stdin)."""
    total = 0
    for path in paths:
        if path == "-":
            return None
        p = Path(path)
        files = article_files(p) if p.is_dir() else [p]
        for f in files:
            suffix = f.suffix.lower()
            try:
                if suffix in (".jsonl", ".ndjson"):
                    with f.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                elif suffix == ".csv":
                    with f.open(encoding="utf-8", errors="replace", newline="") as fh:
                        total += max(0, sum(1 for _ in csv.reader(fh)) - 1)
                else:
                    total += 1
            except (OSError, csv.Error):
                total += 1
    return total


def _batches(items: Iterable[RawArticle], size: int) -> Iterator[list[RawArticle]]:
    while batch := list(itertools.islice(items, size)):
        yield batch


# -- engines: each maps analyze_batch over batches, yielding results in order --

def _local(batches: Iterator[list[RawArticle]], model: str | None) -> Iterator[list[Result]]:
    for batch in batches:
        yield analyze_batch(batch, model)


def _init_worker(model: str | None) -> None:
    from newsgraph.parse import load_model

    load_model(model)


def _pool(batches: Iterator[list[RawArticle]], model: str | None, workers: int) -> Iterator[list[Result]]:
    # spawn, not fork: the parent holds a database connection and its threads.
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_worker, initargs=(model,)) as pool:
        yield from pool.imap(functools.partial(analyze_batch, model=model), batches, chunksize=1)


# How long an ingest waits while the Dask cluster has no worker at all before it stops with E034.
DASK_WAIT_SECONDS = 60.0


def dask_wait_seconds() -> float:
    """$NEWSGRAPH_DASK_WAIT, else DASK_WAIT_SECONDS; a value that is not a positive number is an error."""
    value = os.environ.get("NEWSGRAPH_DASK_WAIT")
    if value is None:
        return DASK_WAIT_SECONDS
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not seconds > 0:
        raise NewsgraphError(Errors.E023, what="NEWSGRAPH_DASK_WAIT", value=value, why="give seconds, e.g. 60")
    return seconds


def _dask_result(client: Any, future: Any, address: str, wait: float) -> list[Result]:
    """A task's result; NewsgraphError E034 once the cluster has had no worker for `wait` seconds (a task
    there would wait forever, silently)."""
    alone_since: float | None = None
    while True:
        try:
            return future.result(timeout=min(1.0, wait))
        except TimeoutError:
            pass
        if client.scheduler_info().get("workers"):
            alone_since = None
            continue
        now = time.monotonic()
        alone_since = alone_since or now
        if now - alone_since >= wait:
            raise NewsgraphError(Errors.E034, address=address, seconds=wait)


def _dask(batches: Iterator[list[RawArticle]], model: str | None, address: str) -> Iterator[list[Result]]:
    try:
        from distributed import Client
    except ImportError as exc:
        raise NewsgraphError(Errors.E022, address=address,
                             why="dask.distributed is not installed (pip install 'newsgraph[dask]')") from exc
    try:
        client = Client(address, timeout="10s")
    except Exception as exc:
        raise NewsgraphError(Errors.E022, address=address, why=str(exc).splitlines()[0]) from exc
    try:
        wait = dask_wait_seconds()
        try:
            client.wait_for_workers(1, timeout=wait)
        except TimeoutError:
            raise NewsgraphError(Errors.E034, address=address, seconds=wait) from None
        window = max(4, 2 * sum(client.nthreads().values()))
        pending: deque = deque()
        for batch in batches:
            pending.append(client.submit(analyze_batch, batch, model, pure=False))
            if len(pending) >= window:
                yield _dask_result(client, pending.popleft(), address, wait)
        while pending:
            yield _dask_result(client, pending.popleft(), address, wait)
    finally:
        client.close()


def _run_engine(batches: Iterator[list[RawArticle]], model: str | None, workers: int,
                scheduler: str | None) -> Iterator[list[Result]]:
    """Results of every batch, in order, from the engine the options choose; with no batch at all (a resumed
    ingest with nothing new) no engine starts and no model loads."""
    first = next(batches, None)
    if first is None:
        return iter(())
    batches = itertools.chain([first], batches)
    if scheduler:
        return _dask(batches, model, scheduler)
    if workers > 1:
        return _pool(batches, model, workers)
    return _local(batches, model)


# -- progress ---------------------------------------------------------------

class Progress:
    """A bar with articles/s and ETA on a terminal; a plain line every few seconds otherwise."""

    def __init__(self, total: int | None, enabled: bool = True, stream: Any = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.total = total
        self.done = 0
        self.started = self._last = time.monotonic()
        self._bar = None
        if enabled and self.stream.isatty():
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="article", file=self.stream, smoothing=0.1, dynamic_ncols=True)

    def advance(self, n: int) -> None:
        self.done += n
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.update(n)
            return
        now = time.monotonic()
        if now - self._last >= 5:
            self._last = now
            rate = self.done / (now - self.started)
            eta = f", ETA {(self.total - self.done) / rate:.0f} s" if self.total and rate else ""
            of = f"/{self.total}" if self.total else ""
            print(f"newsgraph: {self.done}{of} articles, {rate:.2f} articles/s{eta}", file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


# -- the ingest itself --------------------------------------------------------

def ingest(paths: Iterable[str], store: Store, *, workers: int = 1, scheduler: str | None = None,
           model: str | None = None, published: str | None = None, batch_size: int = BATCH_SIZE,
           progress: bool = True, on_failure: Callable[[NewsgraphError], None] | None = None,
           read_options: ReadOptions = DEFAULT_OPTIONS) -> IngestSummary:
    """Analyse and store every article under `paths` that the store does not hold yet; `read_options`
    names a corpus's fields (see `newsgraph.read.corpus.ReadOptions`)."""
    paths = list(paths)
    summary = IngestSummary()
    started = time.monotonic()
    meter = Progress(count_inputs(paths), enabled=progress)
    seen: set[str] = set()

    def fail(err: NewsgraphError) -> None:
        summary.failed += 1
        summary.failures.append(err)
        if on_failure:
            on_failure(err)

    # Into an empty store everything is new; otherwise normalising here (cheap) gives each article its
    # id, so stored ones are not analysed again: that is what makes a rerun resume.
    check_stored = store.count("documents") > 0

    def fresh_articles() -> Iterator[RawArticle]:
        for batch in _batches(iter(read_inputs(paths, read_options)), 256):
            ids: dict[int, str] = {}
            for k, item in enumerate(batch):
                if isinstance(item, NewsgraphError):
                    continue
                if published and not item.published:
                    item.default_published = published
                if not check_stored:
                    ids[k] = ""
                    continue
                try:
                    ids[k] = normalise(item).id
                except Exception:
                    ids[k] = ""  # the analysis reports it
            known = store.known_ids(i for i in ids.values() if i)
            for k, item in enumerate(batch):
                summary.read += 1
                if isinstance(item, NewsgraphError):
                    fail(item)
                    meter.advance(1)
                    continue
                doc_id = ids[k]
                if doc_id and (doc_id in known or doc_id in seen):
                    summary.known += 1
                    meter.advance(1)
                    continue
                if doc_id:
                    seen.add(doc_id)
                yield item

    results = _run_engine(_batches(fresh_articles(), batch_size), model, workers, scheduler)
    try:
        for batch_results in results:
            records = []
            for result in batch_results:
                if isinstance(result, dict):
                    records.append(result)
                    summary.count_undated(result)
                else:
                    fail(result)
            added = store.add(records)
            summary.added += added
            summary.known += len(records) - added  # repeated in the input
            meter.advance(len(batch_results))
    finally:
        meter.close()
        summary.seconds = time.monotonic() - started
    return summary


# -- re-analysis after an upgrade ---------------------------------------------

def stored_article(row: dict[str, Any]) -> RawArticle:
    """A stored document as an article to analyse again, with what its first reading found kept.

    Its date and origin stay. A title an older newsgraph took from a dateline goes back into the text,
    and a missing one is looked for again, so that fixes in reading reach stored documents too."""
    title, text = row["title"], row["text"]
    if title and dateline_line(title):
        text, title = f"{title}\n\n{text}", None
    input_file = str(row["input_id"] or "").split("#", 1)[0]
    return RawArticle(text=text, input_id=row["input_id"], title=title, published=row["published"],
                      published_from=row["published_from"], source=row["source"], url=row["url"],
                      file_date=file_name_date(Path(input_file).name))


def reanalyse(store: Store, *, workers: int = 1, scheduler: str | None = None, model: str | None = None,
              batch_size: int = BATCH_SIZE, progress: bool = True,
              on_failure: Callable[[NewsgraphError], None] | None = None) -> IngestSummary:
    """Analyse again every stored document another analyser produced, replacing its records.

    One transaction per batch, so a run killed at any point and run again ends as a clean run does: a
    replaced document carries this analyser and is not picked again. A document that now fails keeps
    its old records (and is reported)."""
    summary = IngestSummary()
    started = time.monotonic()
    stale = store.stale_ids(analyser_version())
    meter = Progress(len(stale), enabled=progress)
    pending: deque[list[str]] = deque()  # the stored ids of each batch handed to the engine, in order
    # a worker pool pulls batches from its own thread: they are read through a connection of their own
    reader = store.companion()

    def stored_batches() -> Iterator[list[RawArticle]]:
        for i in range(0, len(stale), 256):
            rows = reader.documents(stale[i:i + 256])
            for k in range(0, len(rows), batch_size):
                chunk = rows[k:k + batch_size]
                pending.append([r["id"] for r in chunk])
                yield [stored_article(r) for r in chunk]

    try:
        for batch_results in _run_engine(stored_batches(), model, workers, scheduler):
            old_ids = pending.popleft()
            replaced, records = [], []
            for old_id, result in zip(old_ids, batch_results, strict=True):
                summary.read += 1
                if isinstance(result, dict):
                    replaced.append(old_id)
                    records.append(result)
                    summary.count_undated(result)
                else:
                    summary.failed += 1
                    summary.failures.append(result)
                    if on_failure:
                        on_failure(result)
            added = store.replace(replaced, records)
            summary.added += added
            summary.known += len(records) - added  # now the same text as another stored document
            meter.advance(len(batch_results))
    finally:
        meter.close()
        reader.close()
        summary.seconds = time.monotonic() - started
    return summary
