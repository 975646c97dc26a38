"""`make eval`: newsgraph scored on the public gold data, with the scorers in ../shared/tools.

Runs `newsgraph analyze` as a user would (the CLI, in a subprocess) and prints
each scorer's figures; peer baselines run on the same texts and are scored by
the same scorer, so the figures sit side by side.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def newsgraph(*args: str, out: Path) -> None:
    with out.open("wb") as fh:
        proc = subprocess.run([sys.executable, "-m", "newsgraph.cli", "analyze", *args], stdout=fh,
                              stderr=subprocess.PIPE)
    if proc.returncode not in (0, 1):
        sys.exit(f"newsgraph analyze failed: {proc.stderr.decode()[-500:]}")


def score(tool: Path, *args: str) -> str:
    proc = subprocess.run([sys.executable, str(tool), *args], capture_output=True, text=True)
    return proc.stdout.strip() or proc.stderr.strip()


def section(title: str, body: str) -> None:
    print(f"\n== {title}")
    print(body)


def seed(shared: Path, work: Path) -> None:
    record = work / "seed.json"
    newsgraph(str(shared / "seed" / "000_27002b27250bcba8.txt"), "--format", "json", out=record)
    section("seed (score_gold.py)", score(shared / "tools" / "score_gold.py",
                                          str(shared / "seed" / "000_27002b27250bcba8.gold.json"), str(record)))


def polnear(shared: Path, work: Path, split: str) -> None:
    split_dir = shared / "eval" / "polnear" / split
    texts = sorted(str(p) for p in (split_dir / "text").glob("*.txt"))
    records = work / f"polnear-{split}.jsonl"
    newsgraph(*texts, "--format", "jsonl", out=records)
    tool = shared / "tools" / "score_polnear.py"
    section(f"PolNeAR {split}: newsgraph (score_polnear.py)", score(tool, str(split_dir), str(records)))
    baseline = work / f"polnear-{split}-textacy.jsonl"
    subprocess.run([sys.executable, str(HERE / "textacy_baseline.py"), *texts], stdout=baseline.open("wb"),
                   check=True)
    section(f"PolNeAR {split}: textacy direct_quotations baseline", score(tool, str(split_dir), str(baseline)))
    if split == "dev":
        section("PolNeAR dev places against the hand-checked list (scripts/eval_places.py)",
                score(HERE / "eval_places.py", str(split_dir), str(records)))


def plover(shared: Path, work: Path) -> None:
    gold = shared / "eval" / "plover" / "PLOVER_GSR_CAMEO.visible.json"
    rows = work / "plover-rows.jsonl"
    with rows.open("w", encoding="utf-8") as fh:
        for g in json.loads(gold.read_text(encoding="utf-8")):
            if g.get("text"):
                fh.write(json.dumps({"id": g["id"], "text": g["text"]}) + "\n")
    records = work / "plover.jsonl"
    newsgraph(str(rows), "--format", "jsonl", out=records)
    section("PLOVER gold sentences (score_plover.py)", score(shared / "tools" / "score_plover.py", str(gold),
                                                              str(records)))


def india(shared: Path, work: Path) -> None:
    section("IndiaPoliceEvents sentences (scripts/eval_india_police.py)",
            score(HERE / "eval_india_police.py", str(shared / "eval" / "india_police_events"), str(work)))


def petrarch(shared: Path, work: Path) -> None:
    section("PETRARCH2 unit-test records (scripts/eval_petrarch.py)",
            score(HERE / "eval_petrarch.py", str(shared / "eval" / "petrarch2")))


def re3d(shared: Path, work: Path) -> None:
    root = shared / "eval" / "re3d"
    tool = shared / "tools" / "score_re3d.py"
    rows = work / "re3d-rows.jsonl"
    rows.write_text(score(tool, "rows", str(root)) + "\n", encoding="utf-8")
    records = work / "re3d.jsonl"
    newsgraph(str(rows), "--format", "jsonl", out=records)
    section("re3d entities (score_re3d.py)", score(tool, "score", str(root), str(records)))
    section("re3d places, dates, counts (scripts/eval_re3d_facts.py)",
            score(HERE / "eval_re3d_facts.py", str(root), str(records)))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--keep", type=Path, help="keep the records in this folder")
    parser.add_argument("--only", nargs="*", help="any of: seed polnear plover petrarch india re3d")
    args = parser.parse_args(argv)
    shared = args.shared.resolve()
    wanted = set(args.only or ["seed", "polnear", "plover", "petrarch", "india", "re3d"])
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        if "seed" in wanted:
            seed(shared, work)
        if "polnear" in wanted:
            polnear(shared, work, "dev")
        if "plover" in wanted:
            plover(shared, work)
        if "petrarch" in wanted:
            petrarch(shared, work)
        if "india" in wanted:
            india(shared, work)
        if "re3d" in wanted:
            re3d(shared, work)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
