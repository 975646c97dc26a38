"""Do reads wait for analysis? /api/events latency, idle and while POST /api/analyze runs, on a real server.

Usage: python bench/serve_latency.py TEXT_DIR [--requests 200] [--articles 8]

Ingests a few articles into a fresh DuckDB file, starts `newsgraph serve` on a
free port, and times GET /api/events?limit=5 `--requests` times idle, then the
same number of times while another thread keeps POSTing a 35 KB article to
/api/analyze (the issue's case: one such POST once blocked reads for 24 s).
Goal: p99 while analysing <= 2x p99 idle (analysis runs in worker processes,
outside the store lock).
"""
from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


def timed_get(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as answer:
        answer.read()
    return time.perf_counter() - start


def post(url: str, body: dict) -> int:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=300) as answer:
            answer.read()
            return answer.status
    except urllib.error.HTTPError as exc:
        return exc.code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text_dir")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--articles", type=int, default=8)
    args = parser.parse_args()
    files = sorted(Path(args.text_dir).glob("*.txt"))
    long_text = "\n\n".join(f.read_text(encoding="utf-8") for f in files[:12])[:35_000]
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.duckdb")
        subprocess.run([sys.executable, "-m", "newsgraph.cli", "ingest", *map(str, files[:args.articles]), "--db", db,
                        "--quiet", "--published", "2021-06-15"], check=True)
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "serve", "--db", db, "--port", str(port)])
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(240):
                try:
                    timed_get(base + "/api/health")
                    break
                except OSError:
                    time.sleep(0.5)
            post(base + "/api/analyze", {"text": "Warm-up: the worker loads its model."})
            events = base + "/api/events?limit=5"
            for _ in range(10):
                timed_get(events)
            idle = [timed_get(events) for _ in range(args.requests)]
            stop = threading.Event()
            answers: list[int] = []

            def analyse() -> None:
                while not stop.is_set():
                    answers.append(post(base + "/api/analyze", {"text": long_text}))

            worker = threading.Thread(target=analyse)
            worker.start()
            time.sleep(1.0)
            busy = [timed_get(events) for _ in range(args.requests)]
            stop.set()
            worker.join()
        finally:
            server.terminate()
            server.wait(timeout=30)
    ratio = p99(busy) / p99(idle)
    print(f"/api/events p99: idle {p99(idle) * 1000:.1f} ms, while analysing {p99(busy) * 1000:.1f} ms "
          f"({ratio:.2f}x; goal <= 2x); {len(answers)} analyses of {len(long_text) // 1000} KB answered "
          f"{sorted(set(answers))}")
    return 0 if ratio <= 2 else 1


if __name__ == "__main__":
    sys.exit(main())
