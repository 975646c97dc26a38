"""Start-up and memory of an analysing process: how long loading the model and the knowledge takes when the
on-disk knowledge cache is warm, and the peak RSS of a process that analyses a folder of articles.

Usage: python bench/startup.py TEXT_DIR [--repeat N]

Each measurement runs in a fresh Python process (as a worker or a CLI call would); the best of N counts.
Goals: start-up <= 2.9 s warm, peak RSS <= 1 GiB per worker.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

START = """
import json, resource, time
t, c = time.perf_counter(), time.process_time()
from newsgraph.parse import load_model
from newsgraph.knowledge import load_knowledge
load_knowledge(); load_model()
print(json.dumps({"seconds": time.perf_counter() - t, "cpu": time.process_time() - c,
                  "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
ANALYSE = """
import json, resource, sys
from newsgraph.pipeline import analyze_articles
from newsgraph.read import read_inputs
n = sum(1 for _ in analyze_articles(read_inputs(sys.argv[1:])))
print(json.dumps({"articles": n, "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(code: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text_dir", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    run(START)  # fill the knowledge cache
    starts = [run(START) for _ in range(args.repeat)]
    best = min(starts, key=lambda r: r["seconds"])
    print(f"start-up (model + knowledge, warm cache): {best['seconds']:.2f} s wall, {best['cpu']:.2f} s CPU, "
          f"RSS {best['rss_mib']:.0f} MiB (best of {args.repeat}; goal <= 2.9 s)")
    paths = sorted(str(p) for p in args.text_dir.glob("*.txt"))
    analysed = run(ANALYSE, *paths)
    print(f"peak RSS analysing {analysed['articles']} articles in one process: {analysed['rss_mib']:.0f} MiB "
          f"(goal <= 1024 MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
