"""`make eval`: newsgraph scored on the public gold data, with the scorers in ../shared/tools.

Runs `newsgraph analyze` as a user would (the CLI, in a subprocess), once per data set, and scores the
records of the tune split, the check split (scripts/evalsplit.py: one fixed split by a hash of the record id)
and all records with the same scorer: one line per figure, `NAME: tune 0.xxx | check 0.xxx | all 0.xxx`,
then the scorer's full output for all. Check-only sets (CASE 2021, UniversalPetrarch) print the check
figure alone; the PETRARCH2 unit tests are tune only. A summary of every figure line closes the run. Peer
baselines run on the same texts and are scored by the same scorer, so the figures sit side by side.

--quick scores a fixed small subset of each set (the first records by sorted id, or in file order) in a few
minutes; its figures are for a quick look, not for reporting.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import eval_re3d_facts
import evalkit
from evalkit import SPLITS, by_split, figure, side_by_side

HERE = Path(__file__).resolve().parent
SECTIONS = ("seed", "polnear", "plover", "petrarch", "india", "india-articles", "re3d", "case2021",
            "universal-petrarch")
FIGURE_LINE = re.compile(r"^\S.*: (tune|check) ( *-|\d)")
QUICK = {"plover": 60, "re3d": 10, "polnear": 10, "india": 2000, "india-articles": 60, "case2021": 100}
printed: list[str] = []


def section(title: str, body: str) -> None:
    print(f"\n== {title}")
    print(body, flush=True)
    printed.extend(line for line in body.splitlines() if FIGURE_LINE.match(line))


def script(name: str, *args: str) -> str:
    """The output of one of the scripts here, run as a user would."""
    proc = subprocess.run([sys.executable, str(HERE / name), *args], capture_output=True, text=True)
    if proc.returncode != 0:
        return f"{name} failed: {proc.stderr.strip()[-800:]}"
    return proc.stdout.strip()


def lines_by_split(label: str, outputs: dict[str, str], figures: dict[str, str]) -> list[str]:
    """One side-by-side line per figure, read from each split's scorer output with the figure's regex."""
    return [side_by_side(f"{label} {name}", {s: figure(outputs[s], pattern) for s in SPLITS})
            for name, pattern in figures.items()]


def first(ids: list[str], n: int | None) -> list[str]:
    return sorted(ids)[:n] if n else list(ids)


def seed(shared: Path, work: Path, quick: bool) -> None:
    record = work / "seed.json"
    with record.open("wb") as fh:
        subprocess.run([sys.executable, "-m", "newsgraph.cli", "analyze",
                        str(shared / "seed" / "000_27002b27250bcba8.txt"), "--format", "json"], stdout=fh)
    tool = evalkit.load_tool(shared, "score_gold")
    section("seed (score_gold.py)", evalkit.run_tool(tool, str(shared / "seed" / "000_27002b27250bcba8.gold.json"),
                                                     str(record)))
    section("Headlines and datelines (scripts/eval_headlines.py)", script("eval_headlines.py", "--shared", str(shared)))


def polnear(shared: Path, work: Path, quick: bool) -> None:
    split_dir = shared / "eval" / "polnear" / "dev"
    names = first([p.name for p in (split_dir / "text").glob("*.txt")], QUICK["polnear"] if quick else None)
    texts = [str(split_dir / "text" / n) for n in names]
    records = work / "polnear-dev.jsonl"
    evalkit.analyze(texts, records)
    tool = evalkit.load_tool(shared, "score_polnear")
    outputs = {}
    for split, ids in by_split("polnear", names).items():
        folder = work / f"polnear-dev-{split}"
        for sub, pattern in (("text", "{}.txt"), ("attributions", "{}*.ann")):
            (folder / sub).mkdir(parents=True, exist_ok=True)
            for name in ids:
                for f in (split_dir / sub).glob(pattern.format(Path(name).stem)):
                    link = folder / sub / f.name
                    if not link.exists():
                        link.symlink_to(f)
        outputs[split] = evalkit.run_tool(tool, str(folder), str(records))
    body = lines_by_split("PolNeAR dev quotes", outputs, {"F1": r"^quotes: .*F1=([\d.]+)", "P": r"^quotes: P=([\d.]+)",
                                                          "R": r"^quotes: .*R=([\d.]+)"})
    body += lines_by_split("PolNeAR dev", outputs, {"attribution": r"^attribution: ([\d.]+)",
                                                    "score": r"^score: ([\d.]+)"})
    body.append("  articles: " + " | ".join(f"{s} {len(ids)}" for s, ids in by_split("polnear", names).items()))
    section("PolNeAR dev: newsgraph (score_polnear.py)", "\n".join(body) + "\n-- all:\n" + outputs["all"])
    section("PolNeAR dev places against the hand-checked list (scripts/eval_places.py)",
            script("eval_places.py", str(split_dir), str(records)))
    if quick:
        return
    baseline = work / "polnear-dev-textacy.jsonl"
    with baseline.open("wb") as fh:
        subprocess.run([sys.executable, str(HERE / "textacy_baseline.py"), *texts], stdout=fh, check=True)
    section("PolNeAR dev: textacy direct_quotations baseline (all)",
            evalkit.run_tool(tool, str(work / "polnear-dev-all"), str(baseline)))


def plover(shared: Path, work: Path, quick: bool) -> None:
    gold = [g for g in json.loads((shared / "eval" / "plover" / "PLOVER_GSR_CAMEO.visible.json").read_text())
            if g.get("text")]
    keep = set(first([str(g["id"]) for g in gold], QUICK["plover"] if quick else None))
    gold = [g for g in gold if str(g["id"]) in keep]
    rows = evalkit.write_jsonl(work / "plover-rows.jsonl", ({"id": g["id"], "text": g["text"]} for g in gold))
    records = work / "plover.jsonl"
    evalkit.analyze([str(rows)], records)
    tool = evalkit.load_tool(shared, "score_plover")
    outputs = {}
    for split, ids in by_split("plover", keep).items():
        subset = work / f"plover-gold-{split}.json"
        subset.write_text(json.dumps([g for g in gold if str(g["id"]) in ids]), encoding="utf-8")
        outputs[split] = evalkit.run_tool(tool, str(subset), str(records))
    body = lines_by_split("PLOVER type", outputs, {"F1": r"^type: .*F1=([\d.]+)", "P": r"^type: P=([\d.]+)",
                                                   "R": r"^type: .*R=([\d.]+)"})
    body += lines_by_split("PLOVER", outputs, {"source": r"^source: ([\d.]+)", "target": r"^target: ([\d.]+)",
                                               "score": r"^score: ([\d.]+)"})
    counts = {s: figure(outputs[s], r"^sentences: (\d+)") for s in SPLITS}
    body.append("  sentences: " + " | ".join(f"{s} {counts[s]:.0f}" for s in SPLITS if counts[s] is not None))
    section("PLOVER gold sentences (score_plover.py)", "\n".join(body) + "\n-- all:\n" + outputs["all"])


def india(shared: Path, work: Path, quick: bool) -> None:
    limit = ["--limit", str(QUICK["india"])] if quick else []
    section("IndiaPoliceEvents sentences (scripts/eval_india_police.py)",
            script("eval_india_police.py", str(shared / "eval" / "india_police_events"), str(work), *limit))


def india_articles(shared: Path, work: Path, quick: bool) -> None:
    limit = ["--limit", str(QUICK["india-articles"])] if quick else []
    section("IndiaPoliceEvents articles: actor countries (scripts/eval_india_countries.py)",
            script("eval_india_countries.py", str(shared / "eval" / "india_police_events"), str(work), *limit))


def petrarch(shared: Path, work: Path, quick: bool) -> None:
    section("PETRARCH2 unit-test records, tune only (scripts/eval_petrarch.py)",
            script("eval_petrarch.py", str(shared / "eval" / "petrarch2")))


def re3d(shared: Path, work: Path, quick: bool) -> None:
    root = shared / "eval" / "re3d"
    tool = evalkit.load_tool(shared, "score_re3d")
    rows = [json.loads(line) for line in evalkit.run_tool(tool, "rows", str(root)).splitlines()]
    keep = set(first([r["id"] for r in rows], QUICK["re3d"] if quick else None))
    rows_path = evalkit.write_jsonl(work / "re3d-rows.jsonl", (r for r in rows if r["id"] in keep))
    records = work / "re3d.jsonl"
    evalkit.analyze([str(rows_path)], records)
    entities, facts = {}, {}
    for split, ids in by_split("re3d", keep).items():
        folder = evalkit.re3d_folder(root, work / f"re3d-{split}", ids)
        entities[split] = evalkit.run_tool(tool, "score", str(folder), str(records))
        facts[split] = evalkit.run_tool(eval_re3d_facts, str(folder), str(records))
    body = lines_by_split("re3d entities micro", entities, {"F1": r"^all: .*F1=([\d.]+)", "P": r"^all: P=([\d.]+)",
                                                            "R": r"^all: .*R=([\d.]+)"})
    for t in ("Person", "Organisation", "Location", "Nationality"):
        body += lines_by_split(f"re3d {t}", entities, {"P": rf"^{t}: P=([\d.]+)", "R": rf"^{t}: .*R=([\d.]+)"})
    body.append("  documents: " + " | ".join(f"{s} {len(ids)}" for s, ids in by_split("re3d", keep).items()))
    section("re3d entities (score_re3d.py)", "\n".join(body) + "\n-- all:\n" + entities["all"])
    body = lines_by_split("re3d places", facts, {"precision": r"^place precision: ([\d.]+)",
                                                 "recall": r"^place recall: ([\d.]+)",
                                                 "country accuracy": r"^country accuracy[^:]*: ([\d.]+)"})
    section("re3d places, dates, counts (scripts/eval_re3d_facts.py)", "\n".join(body) + "\n-- all:\n" + facts["all"])


def case2021(shared: Path, work: Path, quick: bool) -> None:
    limit = ["--limit", str(QUICK["case2021"])] if quick else []
    section("CASE 2021 task 2, check only (scripts/eval_case2021.py)",
            script("eval_case2021.py", str(shared / "eval" / "case2021_task2"), str(work), *limit))


def universal_petrarch(shared: Path, work: Path, quick: bool) -> None:
    section("UniversalPetrarch validation sentences, check only (scripts/eval_universal_petrarch.py)",
            script("eval_universal_petrarch.py", str(shared / "eval" / "universal_petrarch"), str(work)))


RUN = {"seed": seed, "polnear": polnear, "plover": plover, "petrarch": petrarch, "india": india,
       "india-articles": india_articles, "re3d": re3d, "case2021": case2021, "universal-petrarch": universal_petrarch}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--keep", type=Path, help="keep the records (and the per-split gold subsets) in this folder")
    parser.add_argument("--only", nargs="*", choices=SECTIONS, metavar="SET", help=f"any of: {' '.join(SECTIONS)}")
    parser.add_argument("--quick", action="store_true", help="a fixed small subset of each set")
    args = parser.parse_args(argv)
    shared = args.shared.resolve()
    wanted = [s for s in SECTIONS if s in set(args.only or SECTIONS)]
    with tempfile.TemporaryDirectory() as tmp:
        work = (args.keep or Path(tmp)).resolve()
        work.mkdir(parents=True, exist_ok=True)
        for name in wanted:
            RUN[name](shared, work, args.quick)
    section("summary" + (" (--quick: a small subset, not for reporting)" if args.quick else ""), "\n".join(printed))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
