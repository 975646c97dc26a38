"""A corpus of N articles: storing, queries, exports and the API on a big store, on DuckDB and PostgreSQL.

Usage: python bench/scale.py TEXT_DIR [--records 100000] [--engines duckdb,postgresql] [--pg URL]
                             [--work DIR] [--repeat 30] [--requests 200]

Analyses the articles in TEXT_DIR once (the records are kept in WORK/records.jsonl for the next run), then
builds a store of `--records` documents by storing copies of those records, each with a new document id
(no analysis: this measures the store, not the NLP), in batches of 16 as `newsgraph ingest` stores them.
For each engine it prints:
- storing: ms per article over the 1,000 articles up to 10,000 and up to N, and this process's RSS there;
- each query verb's latency, p50 and p99 over `--repeat` runs, and each as `newsgraph query ...` in a whole
  process of its own (median of five: start-up, opening the store, the query in cold caches, printing);
- each export's wall time and peak RSS (each in its own process);
- the API (`newsgraph serve` on the store): p50/p99 and requests/s with 1 client and with 8.
PostgreSQL: `--pg URL` (a server where this may create and drop databases), else $NEWSGRAPH_TEST_PG, else the
throwaway server scripts/postgres.sh starts.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BATCH = 16
WINDOW = 1000  # articles over which a storing rate is measured
MARK = 10_000

def _verbs() -> dict[str, Callable[[Any], Any]]:
    """Each verb as the CLI and the pages ask it: filters that select a slice, and a page of answers."""
    from newsgraph import query

    return {
        "events --actor USAGOV": lambda s: query.events(s, actor="USAGOV", limit=100),
        "events --root 04 --since 2016-09": lambda s: query.events(s, root="04", since="2016-09", limit=100),
        "events (first page)": lambda s: query.events(s, limit=100),
        "quotes --speaker trump": lambda s: query.quotes(s, speaker="trump", limit=100),
        "quotes --text election": lambda s: query.quotes(s, text="election", limit=100),
        "pairs": lambda s: query.pairs(s, limit=100),
        "timeline --actor USA": lambda s: query.timeline(s, actor="USA", by="month"),
        "actors": lambda s: query.actors(s, limit=100),
        "actors --name obama": lambda s: query.actors(s, name="obama", limit=100),
        "documents": lambda s: query.documents(s, limit=50),
        "documents --text election": lambda s: query.documents(s, text="election", limit=50),
        # the search page's whole-word search (/api/search): articles by matches, and quotes
        "search election (documents)": lambda s: query.search_documents(s, "election", limit=50),
        "search election (quotes)": lambda s: query.search_quotes(s, "election", limit=50),
    }


# The verbs above as a user types them (the search page's whole-word search has no command).
COMMANDS = {
    "events --actor USAGOV": ["events", "--actor", "USAGOV"],
    "events --root 04 --since 2016-09": ["events", "--root", "04", "--since", "2016-09"],
    "events (first page)": ["events"],
    "quotes --speaker trump": ["quotes", "--speaker", "trump"],
    "quotes --text election": ["quotes", "--text", "election"],
    "pairs": ["pairs"],
    "timeline --actor USA": ["timeline", "--actor", "USA"],
    "actors": ["actors"],
    "actors --name obama": ["actors", "--name", "obama"],
    "documents": ["documents"],
    "documents --text election": ["documents", "--text", "election"],
}


API = ["/api/events?limit=50", "/api/events?actor=USAGOV&limit=50", "/api/quotes?limit=50", "/api/actors?limit=50",
       "/api/documents?limit=50", "/api/pairs?limit=50", "/api/timeline?actor=USA", "/api/health"]
EXPORTS = ("gdelt-events", "gdelt-gkg", "jsonl", "parquet")
FORMATS_TIMED = list(EXPORTS)  # --exports


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def load() -> str:
    """The machine's load average (1, 5, 15 minutes): the machine is shared, and the figures depend on it."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def analysed_records(text_dir: Path, work: Path) -> list[dict[str, Any]]:
    """The records of the real articles, analysed once and kept in WORK/records.jsonl."""
    cache = work / "records.jsonl"
    if cache.exists():
        return [json.loads(line) for line in cache.read_text(encoding="utf-8").splitlines()]
    from newsgraph.pipeline import analyze_articles
    from newsgraph.read import read_inputs

    records = [r.to_dict() for r in analyze_articles(read_inputs([str(text_dir)])) if hasattr(r, "to_dict")]
    cache.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return records


def copy_of(record: dict[str, Any], k: int) -> dict[str, Any]:
    """Copy number `k` of a record, with its own document id (the JSON round trip is the deep copy)."""
    twin = json.loads(json.dumps(record))
    twin["document"]["id"] = hashlib.sha256(f"{k}:{record['document']['id']}".encode()).hexdigest()
    return twin


def build(url: str, records: list[dict[str, Any]], n: int,
          at_mark: Callable[[str], None] | None = None, first: int = 0) -> dict[str, float]:
    """Store n copies; the storing rate (ms/article) and RSS at 10k (when n reaches it) and at n. When the
    store passes 10k on its way to a bigger n, storing pauses for `at_mark(url)` (the exports at 10k, so that
    their growth is measured in one run, under one load), with the store still open in this process: on DuckDB
    they read a copy of the file taken after a checkpoint (the writer holds the file). `first`: copies stored
    before (the store holds that many documents already)."""
    from newsgraph.store import open_store

    out: dict[str, float] = {}
    marks = {m for m in (MARK, n) if first < m <= n}
    history: deque[tuple[int, float]] = deque([(first, time.perf_counter())], maxlen=WINDOW // BATCH + 1)
    peak = 0.0  # the highest RSS seen after any batch so far (RSS swings with DuckDB's checkpoints)
    with open_store(url) as store:
        for start in range(first, n, BATCH):
            batch = [copy_of(records[k % len(records)], k) for k in range(start, min(n, start + BATCH))]
            store.add(batch)
            done, now = start + len(batch), time.perf_counter()
            peak = max(peak, rss_mib())
            history.append((done, now))
            for m in marks:
                if start < m <= done:  # the rate over the last ~1,000 articles up to the mark
                    first_done, first_time = history[0]
                    out[f"ms_per_article_at_{m}"] = (now - first_time) * 1000 / (done - first_done)
                    out[f"rss_mib_at_{m}"] = rss_mib()
                    out[f"peak_rss_mib_to_{m}"] = peak
            if done % 5000 < BATCH:
                print(f"  stored {done}/{n}  rss {rss_mib():.0f} MiB", file=sys.stderr, flush=True)
            if at_mark and start < MARK <= done < n:
                if url.startswith("postgresql"):
                    at_mark(url)
                else:
                    store.fetch("CHECKPOINT")
                    copy = url + f".at{MARK}"
                    subprocess.run(["cp", url, copy], check=True)
                    try:
                        at_mark(copy)
                    finally:
                        Path(copy).unlink(missing_ok=True)
                history = deque([(done, time.perf_counter())], maxlen=WINDOW // BATCH + 1)
    return out


# Tables of counts over all documents, recomputed after a growth by copying from the statement that first
# filled them (their migration's INSERT ... SELECT), so they say what the writer would have kept.
AGGREGATES = ("actor_totals", "pair_totals", "code_names", "item_totals")
# Tables that hold no document's rows: a copy of the documents leaves them as they are (PostgreSQL's
# `document_word_hits`, migration 019: the scores a word has; a copy's words have the same).
GLOBAL = ("words", "document_word_hits", "schema_migrations")


COPY_CHUNK = 5_000  # documents copied at a time: DuckDB's word index runs are about this many articles' rows


def grow_by_copy(url: str, target: int) -> float:
    """Grow the store to `target` documents by copying its stored documents' rows in SQL, each copy with new
    document ids (as `copy_of` gives replayed records), instead of analysing or storing records one batch at
    a time: what a writer-built store holds, in minutes where the writer takes hours on a loaded machine. Every
    table with a `doc_id` column is copied row by row; DuckDB's documents get new integer keys, and its word
    indexes (migration 018), keyed by them, a run sorted by word for each 5,000 documents copied, as the writer
    moves its fresh rows in (their fresh tables are left as the writer left them); the tables of totals are
    recomputed from their migration's statement. A table neither keyed by document nor known here stops the
    growth (its rows would be wrong). Returns the seconds taken."""
    from newsgraph.store import WORD_RUN_ORDER, engine_statements, migrations

    started = time.perf_counter()
    postgres = url.startswith("postgresql")
    if postgres:
        import psycopg

        con = psycopg.connect(url, autocommit=True)
        new_id = "encode(sha256(convert_to(m.copy || ':' || m.old, 'UTF8')), 'hex')"
    else:
        import duckdb

        con = duckdb.connect(url)
        new_id = "sha256(m.copy || ':' || m.old)"
    engine = "postgresql" if postgres else "duckdb"
    mark = "%s" if postgres else "?"  # each driver's placeholder
    try:
        run = con.execute
        tables = [r[0] for r in run("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                                    "current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name").fetchall()]
        columns = {t: [r[0] for r in run("SELECT column_name FROM information_schema.columns WHERE table_schema = "
                                         f"current_schema() AND table_name = {mark} ORDER BY ordinal_position",
                                         (t,)).fetchall()] for t in tables}
        keyed = [t for t in tables if t != "documents" and "doc_id" in columns[t]]
        runs = [t for t in WORD_RUN_ORDER if t in tables and "doc_key" in columns[t]] if not postgres else []
        fresh = [f"{t}_fresh" for t in runs]
        unknown = set(tables) - set(keyed) - set(runs) - set(fresh) - {"documents", *AGGREGATES, *GLOBAL}
        if unknown:
            raise SystemExit(f"grow_by_copy: no rule to copy table(s) {', '.join(sorted(unknown))}")
        keys = "key" in columns["documents"]
        base = [r[0] for r in run("SELECT id FROM documents ORDER BY id").fetchall()]
        stored, copy = len(base), 0
        while stored < target:
            copy += 1
            for first in range(0, len(base), COPY_CHUNK):
                take = base[first:first + COPY_CHUNK][:target - stored]
                if not take:
                    break
                run("DROP TABLE IF EXISTS copy_ids")
                run("CREATE TEMP TABLE copy_ids (copy TEXT, old TEXT)")
                if postgres:
                    with con.cursor().copy("COPY copy_ids (copy, old) FROM STDIN") as load:
                        for old in take:
                            load.write_row((f"c{copy}", old))
                else:
                    run("INSERT INTO copy_ids SELECT ?, unnest(?::TEXT[])", (f"c{copy}", take))
                numbered = (", d.key AS old_key, (SELECT max(key) FROM documents) + row_number() OVER (ORDER BY m.old) "
                            "AS new_key" if keys else "")
                run(f"CREATE TEMP TABLE copy_map AS SELECT m.old, {new_id} AS new{numbered} FROM copy_ids m "
                    "JOIN documents d ON d.id = m.old")
                run("BEGIN")
                listed = ", ".join(columns["documents"])
                picked = ", ".join("c.new" if c == "id" else "replace(d.record, d.id, c.new)" if c == "record"
                                   else "c.new_key" if c == "key" else f"d.{c}" for c in columns["documents"])
                run(f"INSERT INTO documents ({listed}) SELECT {picked} FROM documents d JOIN copy_map c "
                    "ON c.old = d.id")
                for t in keyed:
                    listed = ", ".join(columns[t])
                    picked = ", ".join("c.new" if c == "doc_id" else f"r.{c}" for c in columns[t])
                    run(f"INSERT INTO {t} ({listed}) SELECT {picked} FROM {t} r JOIN copy_map c ON c.old = r.doc_id")
                for t in runs:  # a run sorted by word, from the copied documents' rows, main and fresh
                    listed = ", ".join(columns[t])
                    picked = ", ".join("c.new_key AS doc_key" if c == "doc_key" else f"r.{c}" for c in columns[t])
                    run(f"INSERT INTO {t} ({listed}) SELECT {picked} FROM (SELECT * FROM {t} UNION ALL "
                        f"SELECT * FROM {t}_fresh) r JOIN copy_map c ON c.old_key = r.doc_key "
                        f"ORDER BY {WORD_RUN_ORDER[t].replace('doc_key', 'c.new_key')}")
                run("COMMIT")
                run("DROP TABLE copy_map")
                stored += len(take)
            print(f"  copied the documents (copy {copy}); {stored} stored", file=sys.stderr, flush=True)
        run("BEGIN")
        kept = [t for t in AGGREGATES if t in tables]
        for t in kept:
            run(f"DELETE FROM {t}")
        for _, _, sql in migrations():
            for statement in engine_statements(sql, engine):
                if any(statement.upper().startswith(f"INSERT INTO {t.upper()} ") for t in kept):
                    run(statement)
        run("COMMIT")
        if postgres:
            run("VACUUM ANALYZE")
        else:
            run("CHECKPOINT")
    finally:
        con.close()
    return time.perf_counter() - started


def grow_in_a_process(url: str, target: int) -> float:
    """`grow_by_copy` in a process of its own, so that its memory (DuckDB's copies take gigabytes) is not
    counted in the storing process's RSS."""
    code = "import sys\nsys.path.insert(0, sys.argv[1])\nfrom scale import grow_by_copy\n" \
           "print(grow_by_copy(sys.argv[2], int(sys.argv[3])))"
    done = subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent), url, str(target)],
                          stdout=subprocess.PIPE, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def time_exports(url: str, work: Path, engine: str, label: str) -> dict[str, tuple[float, float]]:
    """Each export's wall time and peak RSS, each in a process of its own."""
    out = {}
    for fmt in FORMATS_TIMED:
        target = work / f"export_{engine}_{label}.{fmt}"
        out[fmt] = run_measured(["export", str(target), "--format", fmt, "--db", url])
        print(f"export at {label:>7} {fmt:<13} {out[fmt][0]:7.1f} s, peak rss {out[fmt][1]:6.0f} MiB", flush=True)
        subprocess.run(["rm", "-rf", str(target)], check=False)
    return out


def stored_documents(url: str) -> int | None:
    """How many documents an earlier run's store holds (None when there is none), read without upgrading it."""
    if url.startswith("postgresql"):
        import psycopg

        try:
            with psycopg.connect(url, connect_timeout=10) as con:
                return con.execute("SELECT count(*) FROM documents").fetchone()[0]
        except Exception:
            return None
    if not Path(url).exists():
        return None
    import duckdb

    with duckdb.connect(url, read_only=True) as con:
        return con.execute("SELECT count(*) FROM documents").fetchone()[0]


def time_verbs(url: str, repeat: int) -> dict[str, tuple[float, float]]:
    from newsgraph.store import open_store

    out = {}
    with open_store(url, read_only=not url.startswith("postgresql")) as store:
        for name, verb in _verbs().items():
            verb(store)  # warm: the first run reads the file into the caches
            samples = []
            for _ in range(repeat):
                started = time.perf_counter()
                verb(store)
                samples.append((time.perf_counter() - started) * 1000)
            out[name] = (pct(samples, 0.5), pct(samples, 0.99))
    return out


def run_measured(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of `newsgraph ARGS` in a process of its own."""
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent through fork and exec
    code = ("import sys\nfrom newsgraph.cli import main\n"
            "try:\n    main(sys.argv[1:], standalone_mode=False)\nfinally:\n"
            "    hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]\n"
            "    print('peak_kib', hwm, file=sys.stderr)")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:  # reported in place of its figures; the other measurements go on
        print(f"  FAILED: newsgraph {' '.join(args)}: {done.stderr.strip().splitlines()[0][:300]}", flush=True)
        return wall, float("nan")
    peak = next(int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("peak_kib"))
    return wall, peak / 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system) a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def api_latency(url: str, requests: int) -> dict[int, tuple[float, float, float, float]]:
    """(p50 ms, p99 ms, requests/s, the server's cores busy) with 1 and 8 clients against `newsgraph serve` on the
    store. The cores are the server process's CPU time over the wall time (its database's too on DuckDB, which
    runs inside it; PostgreSQL's own processes are not counted): with 8 clients near the machine's cores, the
    server is bound by the CPU, not waiting on a lock."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "serve", "--db", url, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/api/health", timeout=5).read()
                break
            except OSError:
                time.sleep(0.1)
        time.sleep(8)  # the analysis worker loads its model at start: let it finish before timing reads
        out = {}
        for clients in (1, 8):
            samples: list[float] = []
            lock = threading.Lock()

            def client(k: int, per_client: int, samples: list[float] = samples, lock: Any = lock) -> None:
                for i in range(per_client):
                    path = API[(k + i) % len(API)]
                    started = time.perf_counter()
                    with urllib.request.urlopen(base + path, timeout=120) as answer:
                        answer.read()
                    with lock:
                        samples.append((time.perf_counter() - started) * 1000)

            for path in API:  # warm
                urllib.request.urlopen(base + path, timeout=120).read()
            per_client = max(1, requests // clients) if clients == 1 else max(1, requests // clients * 2)
            threads = [threading.Thread(target=client, args=(k, per_client)) for k in range(clients)]
            started, cpu = time.perf_counter(), cpu_seconds(server.pid)
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - started
            busy = (cpu_seconds(server.pid) - cpu) / wall
            out[clients] = (pct(samples, 0.5), pct(samples, 0.99), len(samples) / wall, busy)
        return out
    finally:
        server.terminate()
        server.wait(30)


def postgres_server(given: str | None) -> str:
    url = given or os.environ.get("NEWSGRAPH_TEST_PG")
    if not url:
        url = subprocess.run([str(ROOT / "scripts" / "postgres.sh")], capture_output=True, text=True,
                             check=True).stdout.strip().splitlines()[-1]
    return url


def main() -> int:
    global MARK
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text_dir", type=Path)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--engines", default="duckdb,postgresql")
    parser.add_argument("--pg", help="a PostgreSQL server URL (databases are created and dropped there)")
    parser.add_argument("--work", type=Path, help="folder for the stores, exports and the analysed records")
    parser.add_argument("--repeat", type=int, default=30, help="runs of each query verb")
    parser.add_argument("--requests", type=int, default=200, help="API requests per client count")
    parser.add_argument("--grow-by-copy", action="store_true",
                        help="store 10,000 records, then grow the store to all but the last 1,000 by copying its "
                             "rows in SQL (grow_by_copy), and store the last 1,000: the storing figures at N are "
                             "the writer's on a store of N; for a loaded machine, where the writer takes hours")
    parser.add_argument("--reuse", action="store_true",
                        help="keep each engine's store (WORK/scale_N.duckdb, database ng_scale_N) and, when it "
                             "already holds N documents, measure on it instead of building it again (it is "
                             "upgraded to this newsgraph's schema first: the upgrade is timed; no storing figures)")
    parser.add_argument("--exports", default=",".join(EXPORTS), help="the exports timed (comma-separated; none: '')")
    parser.add_argument("--mark", type=int, default=10_000, help="the smaller store size measured (10,000)")
    args = parser.parse_args()
    MARK = args.mark
    FORMATS_TIMED[:] = [f for f in args.exports.split(",") if f]
    work = args.work or Path(tempfile.mkdtemp(prefix="newsgraph-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    records = analysed_records(args.text_dir, work)
    print(f"{len(records)} analysed articles from {args.text_dir}, replayed into {args.records} records; "
          f"work folder {work}", flush=True)
    for engine in args.engines.split(","):
        dropper = None
        if engine == "duckdb":
            url = str(work / f"scale_{args.records}.duckdb")
            if not (args.reuse and stored_documents(url) == args.records):
                Path(url).unlink(missing_ok=True)
        else:
            import psycopg

            server = postgres_server(args.pg)
            name = f"ng_scale_{args.records}" if args.reuse else f"ng_scale_{os.getpid()}"
            url = server.rsplit("/", 1)[0] + "/" + name
            if not (args.reuse and stored_documents(url) == args.records):
                with psycopg.connect(server, autocommit=True) as con:
                    con.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                    con.execute(f"CREATE DATABASE {name}")

            def dropper(server: str = server, name: str = name) -> None:
                with psycopg.connect(server, autocommit=True) as con:
                    con.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            if args.reuse:
                dropper = None
        exported_at_mark: dict[str, tuple[float, float]] = {}
        try:
            print(f"\n== {engine}: {args.records} records; load average {load()} ==", flush=True)
            if args.reuse and stored_documents(url) == args.records:
                started = time.perf_counter()
                from newsgraph.store import open_store

                with open_store(url):  # brings the schema up to date
                    pass
                print(f"reused the stored {args.records} records; schema upgrade (if any) "
                      f"{time.perf_counter() - started:.1f} s", flush=True)
                stored = {}
            else:
                def at_mark(url: str, engine: str = engine,
                            kept: dict[str, tuple[float, float]] = exported_at_mark) -> None:
                    kept.update(time_exports(url, work, engine, str(MARK)))
                if args.grow_by_copy and args.records > MARK + WINDOW:
                    stored = build(url, records, MARK)
                    at_mark(url)
                    grown = grow_in_a_process(url, args.records - WINDOW)
                    print(f"grew the store to {args.records - WINDOW} documents by copying in {grown:.0f} s",
                          flush=True)
                    stored.update(build(url, records, args.records, first=args.records - WINDOW))
                else:
                    stored = build(url, records, args.records, at_mark)
            for m in sorted({m for m in (MARK, args.records) if m <= args.records and stored}):
                print(f"storing at {m:>7}: {stored[f'ms_per_article_at_{m}']:7.2f} ms/article, "
                      f"rss {stored[f'rss_mib_at_{m}']:6.0f} MiB (peak so far {stored[f'peak_rss_mib_to_{m}']:.0f})",
                      flush=True)
            for verb, (p50, p99) in time_verbs(url, args.repeat).items():
                print(f"query {verb:<36} p50 {p50:8.1f} ms  p99 {p99:8.1f} ms", flush=True)
            for verb, command in COMMANDS.items():
                # five runs: one process's start on a shared machine varies by a tenth of a second
                runs = sorted(run_measured(["query", *command, "--db", url, "--format", "csv"]) for _ in range(5))
                print(f"process `newsgraph query {verb}`: median {runs[2][0]:.2f} s (of five: "
                      f"{', '.join(f'{w:.2f}' for w, _ in runs)}), peak rss {max(p for _, p in runs):.0f} MiB",
                      flush=True)
            exported = time_exports(url, work, engine, str(args.records))
            for fmt, (wall, _) in exported.items():
                if fmt in exported_at_mark:
                    print(f"export {fmt:<13} {args.records} / {MARK}: {wall / exported_at_mark[fmt][0]:5.1f}x",
                          flush=True)
            for clients, (p50, p99, rate, busy) in api_latency(url, args.requests).items():
                print(f"api, {clients} client(s): p50 {p50:7.1f} ms  p99 {p99:7.1f} ms  {rate:6.1f} requests/s  "
                      f"server {busy:.2f} cores busy", flush=True)
            print(f"load average at the end: {load()}", flush=True)
        finally:
            if dropper:
                dropper()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nmachine: {os.cpu_count()} cores; peak rss of this (storing) process {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
