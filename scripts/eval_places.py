"""Places of newsgraph records against the hand-checked PolNeAR place list (tests/fixtures/polnear_places.tsv).

Usage: python scripts/eval_places.py POLNEAR_DEV_DIR RECORDS.jsonl [--fixture PATH]
       (records from: newsgraph analyze POLNEAR_DEV_DIR/text --format jsonl)

A gold mention is found when a body place of its article's record overlaps it. Printed, overall and per fixed
tune/check split (scripts/evalsplit.py, data set "polnear-places", by file name):
- found: gold places some record place overlaps;
- right country: of those found, the share whose place has the gold country (goal >= 0.95);
- US states outside the USA: gold US states found with another country (goal 0);
- feature right, US state right: of those found with a gold feature / state, the share that agrees;
- traps taken: words that are not places here ("Ban" in Ban Ki-moon) that a record place with a country covers.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from evalsplit import split_of

HERE = Path(__file__).resolve().parent
FIXTURE = HERE.parent / "tests" / "fixtures" / "polnear_places.tsv"
DATASET = "polnear-places"


def read_fixture(path: Path) -> list[dict[str, str]]:
    """The fixture's rows as dicts (comment lines skipped)."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t"), strict=True)) for ln in lines[1:]]


def locate(text: str, context: str) -> tuple[int, int] | None:
    """Character span of the [[marked]] mention of `context` in `text`, or None if the passage is not there."""
    plain = context.replace("[[", "").replace("]]", "")
    at = text.find(plain)
    if at < 0:
        return None
    start = at + context.index("[[")
    return start, start + context.index("]]") - context.index("[[") - 2


def score(rows: list[dict[str, str]], records: dict[str, dict]) -> Counter:
    """Counts for one set of gold rows."""
    c: Counter = Counter()
    for row in rows:
        record = records.get(row["file"])
        part, span = None, locate(record["document"]["text"], row["context"]) if record else None
        if span is None and record and record["document"].get("title"):  # a headline read as the title
            part, span = "title", locate(record["document"]["title"], row["context"])
        if span is None:
            c["unlocated"] += 1
            continue
        hits = [p for p in record.get("places", []) if p.get("in") == part
                and p["start"] < span[1] and span[0] < p["end"]]
        if row["trap"]:
            c["traps"] += 1
            c["traps taken"] += any(p.get("country") for p in hits)
            continue
        c["gold"] += 1
        us_state = row["country"] == "USA" and row["feature"] == "region"
        c["us states"] += us_state
        if not hits:
            continue
        place = hits[0]
        c["found"] += 1
        c["right country"] += place.get("country") == row["country"]
        c["us states outside the USA"] += us_state and place.get("country") not in (None, "USA")
        if row["feature"]:
            c["with feature"] += 1
            c["feature right"] += place.get("feature") == row["feature"]
        if row["state"]:
            c["with state"] += 1
            c["state right"] += place.get("admin1") == f"US{row['state']}"
    return c


def share(n: int, d: int) -> str:
    return f"{n / d:.3f} ({n}/{d})" if d else "n/a"


def report(name: str, c: Counter) -> None:
    print(f"{name}: found {share(c['found'], c['gold'])}; right country {share(c['right country'], c['found'])}; "
          f"US states outside the USA {c['us states outside the USA']} (of {c['us states']}); "
          f"feature right {share(c['feature right'], c['with feature'])}; "
          f"US state right {share(c['state right'], c['with state'])}; "
          f"traps taken {c['traps taken']} (of {c['traps']})"
          + (f"; {c['unlocated']} mentions not located in the records" if c["unlocated"] else ""))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("polnear_dev", type=Path)
    parser.add_argument("records", type=Path)
    parser.add_argument("--fixture", type=Path, default=FIXTURE)
    args = parser.parse_args(argv)
    rows = read_fixture(args.fixture)
    records = {}
    for line in args.records.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            records[Path(str(record["document"].get("input_id") or "")).name] = record
    missing = {r["file"] for r in rows} - {p.name for p in (args.polnear_dev / "text").glob("*.txt")}
    if missing:
        print(f"warning: {len(missing)} fixture files are not in {args.polnear_dev}/text", file=sys.stderr)
    report("all", score(rows, records))
    for part in ("tune", "check"):
        report(part, score([r for r in rows if split_of(DATASET, r["file"]) == part], records))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
