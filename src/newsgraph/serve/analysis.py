"""The web server's analysis: worker processes apart from the request threads, bounded and timed.

An analysis is seconds of CPU; in the server's own process it would hold the
interpreter (and once held the store's lock) while every page waited. Here it
runs in a small pool of spawned processes, each with the model loaded once. At
most `workers + queue` analyses are in the building; one more is turned away at
once (busy), and one that runs past its time limit is stopped by restarting the
pool (too slow).
"""
from __future__ import annotations

import multiprocessing
import os
import threading
import time
from typing import Any

from newsgraph.errors import Errors, NewsgraphError, from_exception
from newsgraph.record import RawArticle


class Busy(Exception):
    """Every worker and queue place is taken."""


class TooSlow(Exception):
    """The analysis ran past its time limit and was stopped."""


WORKER_NICENESS = 10  # how much lower than the server's the analysis workers' CPU priority is


def _load(model: str | None) -> None:
    """A worker's start: below the server's priority (loading the model, then each analysis, is seconds of CPU
    that the pages' reads must not wait behind on a machine with few cores), then the model."""
    from newsgraph.parse import load_model

    os.nice(WORKER_NICENESS)
    load_model(model)


def analyse(raw: RawArticle, model: str | None) -> tuple[str, dict[str, Any]] | NewsgraphError:
    """In a worker: the record as JSON text and as a dict (for storing), or the article's error."""
    from newsgraph.pipeline import analyze_articles

    try:
        (result,) = list(analyze_articles([raw], model=model))
        if isinstance(result, NewsgraphError):
            return result
        return result.to_json(), result.to_dict()
    except Exception as exc:  # nothing a worker meets may take the worker down
        return from_exception(exc, raw.input_id, "analysis")


class AnalysisPool:
    """A bounded pool of analysis processes with a time limit per analysis."""

    def __init__(self, model: str | None = None, workers: int = 1, queue: int = 4, seconds: float = 60.0) -> None:
        self.model = model
        self.workers = workers
        self.seconds = seconds
        self._places = threading.BoundedSemaphore(workers + queue)
        self._lock = threading.Lock()
        self._pool: Any = None

    def start(self) -> None:
        """Start the worker processes now (they load the model), rather than on the first request."""
        with self._lock:
            if self._pool is None:
                context = multiprocessing.get_context("spawn")  # not fork: the server has threads
                self._pool = context.Pool(self.workers, initializer=_load, initargs=(self.model,))

    def run(self, raw: RawArticle) -> tuple[str, dict[str, Any]] | NewsgraphError:
        """The analysis of one article; raises Busy or TooSlow."""
        if not self._places.acquire(blocking=False):
            raise Busy
        try:
            self.start()
            pool = self._pool
            pending = pool.apply_async(analyse, (raw, self.model))
            deadline = time.monotonic() + self.seconds
            while True:
                try:
                    return pending.get(timeout=max(0.0, min(0.5, deadline - time.monotonic())))
                except multiprocessing.TimeoutError:
                    if self._pool is not pool:  # stopped for another request's sake: this one is lost too
                        raise Busy from None
                    if time.monotonic() >= deadline:
                        self._restart(pool)
                        raise TooSlow from None
        finally:
            self._places.release()

    def _restart(self, pool: Any) -> None:
        """Stop every worker (the slow one cannot be stopped alone); new ones start on the next request."""
        with self._lock:
            if pool is None or self._pool is not pool:
                return
            self._pool = None
        pool.terminate()

    def close(self) -> None:
        self._restart(self._pool)


def too_slow(input_id: str, seconds: float) -> NewsgraphError:
    return NewsgraphError(Errors.E029, input=input_id, seconds=seconds)
