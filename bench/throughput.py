"""Throughput of `newsgraph analyze` against bare spaCy `nlp.pipe` on the same texts, in one process.

Usage: python bench/throughput.py TEXT_DIR [--repeat N]

Prints articles/s for both and their ratio (goal: >= 0.8, i.e. newsgraph's own
stages cost at most a quarter on top of parsing). Each side runs N times
(default 3) and its best run counts, so a stray background job does not decide.
"""
from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections import Counter
from pathlib import Path

import newsgraph.pipeline as pipeline
from newsgraph.parse import MODEL_NAMES, load_model
from newsgraph.pipeline import analyze_articles
from newsgraph.read import read_inputs


def bare_model():
    for name in MODEL_NAMES:
        try:
            return name, importlib.import_module(name).load()
        except ImportError:
            continue
    sys.exit("no spaCy model installed")


STAGE_SECONDS: Counter = Counter()


def timed(name: str, fn):
    """Wrap a stage function so the benchmark can say what each stage costs."""
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            STAGE_SECONDS[name] += time.perf_counter() - start
    return wrapper


def best_of(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text_dir", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    paths = sorted(str(p) for p in args.text_dir.glob("*.txt"))
    if not paths:
        sys.exit(f"no .txt files in {args.text_dir}")
    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    name, nlp = bare_model()
    load_model()  # newsgraph's copy, with its entity ruler: loading is not part of the timing
    words = sum(len(t.split()) for t in texts)

    def bare() -> None:
        for _ in nlp.pipe(texts, batch_size=32):
            pass

    def ours() -> None:
        for record in analyze_articles(read_inputs(paths)):
            record.to_json()

    ours()  # warm caches (knowledge base, lexicons) before timing
    t_bare = best_of(args.repeat, bare)
    t_ours = best_of(args.repeat, ours)
    for stage in ("resolve_actors", "find_quotes", "find_facts", "find_events"):
        setattr(pipeline, stage, timed(stage, getattr(pipeline, stage)))
    start = time.perf_counter()
    ours()
    t_staged = time.perf_counter() - start
    n = len(paths)
    print(f"model: {name}; {n} articles, {words} words; best of {args.repeat}")
    print(f"bare nlp.pipe:      {n / t_bare:7.2f} articles/s ({words / t_bare:,.0f} words/s)")
    print(f"newsgraph analyze:  {n / t_ours:7.2f} articles/s ({words / t_ours:,.0f} words/s)")
    print(f"ratio: {t_bare / t_ours:.2f} (goal >= 0.80)")
    for stage, seconds in STAGE_SECONDS.items():
        print(f"  {stage}: {seconds:.2f}s, {100 * seconds / t_staged:.1f}% of analysis time")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
