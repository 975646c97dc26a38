"""Ingest throughput into DuckDB with 1 and 2 worker processes, peak RSS per worker, and the share of
time spent storing.

Usage: python bench/ingest.py TEXT_DIR [--limit N]

Each configuration runs in a fresh subprocess with a fresh database. Throughput
is measured in steady state (from the first stored batch to the last), so the
one-off model loading of each worker does not count; the wall time including
start-up is printed too. Goals: 2 workers >= 1.7x one worker; <= 1 GiB RSS a
worker; storing <= 10% of the analysis time.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run_one(paths: list[str], workers: int) -> dict:
    from newsgraph.parse import load_model
    from newsgraph.store import Store, open_store

    stamps: list[float] = []
    store_seconds = 0.0
    original_add = Store.add

    def timed_add(self, records):  # noqa: ANN001
        nonlocal store_seconds
        start = time.perf_counter()
        try:
            return original_add(self, records)
        finally:
            store_seconds += time.perf_counter() - start
            stamps.append(time.perf_counter())

    Store.add = timed_add  # type: ignore[method-assign]
    from newsgraph.ingest import ingest

    if workers == 1:
        load_model()  # the single worker is this process: load its model before the clock starts
    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "bench.duckdb")) as store:
        start = time.perf_counter()
        summary = ingest(paths, store, workers=workers, progress=False)
        wall = time.perf_counter() - start
    first_batch = 16
    steady = (summary.added - first_batch) / (stamps[-1] - stamps[0])
    who = resource.RUSAGE_SELF if workers == 1 else resource.RUSAGE_CHILDREN
    return {"workers": workers, "articles": summary.added, "wall_s": wall, "steady_aps": steady,
            "wall_aps": summary.added / wall, "store_share": store_seconds / wall,
            "peak_rss_mib": resource.getrusage(who).ru_maxrss / 1024}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text_dir", type=Path)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--worker-run", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    paths = sorted(str(p) for p in args.text_dir.glob("*.txt"))[:args.limit]
    if not paths:
        sys.exit(f"no .txt files in {args.text_dir}")
    if args.worker_run:
        print(json.dumps(run_one(paths, args.worker_run)))
        return 0
    results = {}
    for workers in (1, 2):
        done = subprocess.run([sys.executable, __file__, str(args.text_dir), "--limit", str(args.limit),
                               "--worker-run", str(workers)], capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(done.stderr)
        results[workers] = r = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"ingest, {workers} worker(s), DuckDB: {r['steady_aps']:.2f} articles/s steady "
              f"({r['wall_aps']:.2f} with start-up, {r['articles']} articles in {r['wall_s']:.1f} s); "
              f"peak RSS a worker {r['peak_rss_mib']:.0f} MiB (goal <= 1024); "
              f"storing {100 * r['store_share']:.1f}% of the time (goal <= 10%)")
    print(f"speed-up with 2 workers: {results[2]['steady_aps'] / results[1]['steady_aps']:.2f}x (goal >= 1.7x)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
