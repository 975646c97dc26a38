"""The long fuzz run (`make fuzz`): thousands of odd inputs through the Python API, the readers and the HTTP API.

Usage: python scripts/fuzz.py [--count 10000] [--seed 13]

Inputs come from tests/adversarial.py (odd characters and quote marks, huge
numbers, deep JSON, wrong types, out-of-range dates, pathological texts, random
bytes as .txt/.html/.jsonl/.csv files). Of every ten, six go to
`newsgraph.analyze`, three to the readers and the pipeline (as files in a
folder, fifty a run, like `newsgraph analyze DIR`) and one to
`POST /api/analyze`. Counted: tracebacks (any exception but NewsgraphError, any
5xx), records whose spans do not slice to their text, and inputs under 100 KB
that took over 10 s. Exit status 1 if any of them is not zero.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from adversarial import random_article, random_file  # noqa: E402
from invariants import assert_invariants  # noqa: E402
from newsgraph import analyze  # noqa: E402
from newsgraph.errors import NewsgraphError  # noqa: E402
from newsgraph.parse import load_model  # noqa: E402
from newsgraph.pipeline import analyze_articles  # noqa: E402
from newsgraph.read import read_inputs  # noqa: E402

SLOW_SECONDS = 10.0
SMALL_BYTES = 100 * 1024


class Tally:
    def __init__(self) -> None:
        self.inputs = self.records = self.errors = self.tracebacks = self.bad_spans = self.slow = 0
        self.slowest = 0.0
        self.examples: list[str] = []

    def problem(self, what: str) -> None:
        if len(self.examples) < 10:
            self.examples.append(what)

    def timed(self, seconds: float, size: int) -> None:
        self.slowest = max(self.slowest, seconds)
        if seconds > SLOW_SECONDS and size < SMALL_BYTES:
            self.slow += 1
            self.problem(f"{size} bytes took {seconds:.1f} s")

    def record(self, result: object) -> None:
        if isinstance(result, NewsgraphError):
            self.errors += 1
            return
        self.records += 1
        try:
            assert_invariants(result)  # type: ignore[arg-type]
        except AssertionError as exc:
            self.bad_spans += 1
            self.problem(f"spans: {exc}")


def _size(value: object) -> int:
    return len(value.encode("utf-8", "replace")) if isinstance(value, str) else 0


def python_api(rng: random.Random, tally: Tally) -> None:
    kwargs = random_article(rng)
    start = time.perf_counter()
    try:
        tally.record(analyze(kwargs.pop("text"), **kwargs))
    except NewsgraphError as err:
        tally.record(err)
    except Exception:
        tally.tracebacks += 1
        tally.problem(traceback.format_exc(limit=-3))
    tally.timed(time.perf_counter() - start, 0)
    tally.inputs += 1


def readers(rng: random.Random, tally: Tally, n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(n):
            suffix, data = random_file(rng)
            Path(tmp, f"{k:03d}{suffix}").write_bytes(data)
        start = time.perf_counter()
        try:
            for result in analyze_articles(read_inputs([tmp])):
                tally.record(result)
        except Exception:
            tally.tracebacks += 1
            tally.problem(traceback.format_exc(limit=-3))
        tally.timed((time.perf_counter() - start) / n, 0)
    tally.inputs += n


def http_api(rng: random.Random, tally: Tally, client: object) -> None:
    kwargs = random_article(rng)
    body = {k: v for k, v in kwargs.items() if not isinstance(v, bytes)}
    start = time.perf_counter()
    answer = client.post("/api/analyze", json=body)  # type: ignore[attr-defined]
    tally.timed(time.perf_counter() - start, _size(body.get("text")))
    tally.inputs += 1
    if answer.status_code >= 500:
        tally.tracebacks += 1
        tally.problem(f"HTTP {answer.status_code}: {answer.text[:200]}")
    elif answer.status_code == 200:
        tally.records += 1
    else:
        tally.errors += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    load_model()
    from fastapi.testclient import TestClient

    from newsgraph.serve import create_app

    tally = Tally()
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp, \
            TestClient(create_app(db=str(Path(tmp) / "fuzz.duckdb"), create=True), raise_server_exceptions=False) as client:
        client.post("/api/analyze", json={"text": "Warm-up."})  # the worker loads the model: not an input's time
        reported = 0
        while tally.inputs < args.count:
            turn = rng.random()
            if turn < 0.6:
                python_api(rng, tally)
            elif turn < 0.9:
                readers(rng, tally, 50)
            else:
                http_api(rng, tally, client)
            if tally.inputs - reported >= 500:
                reported = tally.inputs
                print(f"  {tally.inputs} inputs, {tally.tracebacks} tracebacks, {time.monotonic() - started:.0f} s",
                      file=sys.stderr, flush=True)
        client.app.state.analysis.close()  # type: ignore[attr-defined]
    print(f"{tally.inputs} inputs in {time.monotonic() - started:.0f} s: {tally.records} records, "
          f"{tally.errors} clear errors, {tally.tracebacks} tracebacks, {tally.bad_spans} records with bad spans, "
          f"{tally.slow} inputs under 100 KB slower than {SLOW_SECONDS:.0f} s (slowest {tally.slowest:.1f} s)")
    for example in tally.examples:
        print("  " + example.replace("\n", "\n  "))
    return 1 if tally.tracebacks or tally.bad_spans or tally.slow else 0


if __name__ == "__main__":
    sys.exit(main())
