"""CASE 2021 task 2: do newsgraph's PLOVER types agree with the ACLED label of real news snippets?

Usage: python scripts/eval_case2021.py CASE_DIR WORK_DIR [--limit N]

A check-only set (never tuned on): 1,019 snippets, each with one ACLED-style label. scripts/data/acled_plover.tsv
maps each label to the PLOVER type a coder should give it (from the PLOVER manual); labels with no PLOVER
counterpart are left out of the score. Each snippet goes through `newsgraph analyze` as a JSONL row and is
predicted as the PLOVER types of its asserted (not negated) events.

- mapped type recall: scored snippets where some asserted event has the label's mapped type;
- precision: asserted events whose type is their snippet's mapped type / all asserted events on scored snippets.
Both overall and per label.
"""
from __future__ import annotations

import csv
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import evalkit

HERE = Path(__file__).resolve().parent
MAPPING = HERE / "data" / "acled_plover.tsv"
SNIPPETS = "test_set_final_release_with_labels.tsv"


@dataclass
class Score:
    """Tallies over the scored snippets, overall and by label."""

    snippets: Counter
    found: Counter
    events: Counter
    right: Counter

    def recall(self, label: str | None = None) -> float | None:
        return evalkit.ratio(self._sum(self.found, label), self._sum(self.snippets, label))

    def precision(self, label: str | None = None) -> float | None:
        return evalkit.ratio(self._sum(self.right, label), self._sum(self.events, label))

    @staticmethod
    def _sum(counter: Counter, label: str | None) -> int:
        return counter[label] if label else sum(counter.values())


def load_mapping(path: Path = MAPPING) -> dict[str, str]:
    """ACLED label -> PLOVER type ("" for labels with no PLOVER counterpart)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return {row["label"]: row["plover"] for row in csv.DictReader(lines, delimiter="\t")}


def load_snippets(case_dir: Path) -> list[dict]:
    """The snippets as {"id", "text", "label"}, in file order."""
    with (case_dir / SNIPPETS).open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [{"id": r["id"], "text": r["EventSnippet"], "label": r["SubType"]} for r in rows]


def asserted_types(record: dict) -> list[str]:
    return [(e.get("plover") or "").upper() for e in record.get("events", []) if not e.get("negated")]


def score(snippets: list[dict], records: dict[str, dict], mapping: dict[str, str]) -> Score:
    """Recall and precision tallies of `records` (by input id) on the snippets whose label has a PLOVER type."""
    s = Score(Counter(), Counter(), Counter(), Counter())
    for snip in snippets:
        want = mapping.get(snip["label"])
        if not want:
            continue
        label = snip["label"]
        types = asserted_types(records.get(str(snip["id"]), {}))
        s.snippets[label] += 1
        s.found[label] += want in types
        s.events[label] += len(types)
        s.right[label] += types.count(want)
    return s


def report(s: Score, mapping: dict[str, str], left_out: int) -> str:
    """Overall and per-label figures, one line each."""
    lines = [evalkit.side_by_side("CASE 2021 mapped type recall", {"check": s.recall()}),
             evalkit.side_by_side("CASE 2021 mapped type precision", {"check": s.precision()}),
             f"snippets scored: {sum(s.snippets.values())} ({left_out} left out: label with no PLOVER type)",
             f"mapped type recall {evalkit.fmt(s.recall())} ({sum(s.found.values())}/{sum(s.snippets.values())}), "
             f"precision {evalkit.fmt(s.precision())} ({sum(s.right.values())}/{sum(s.events.values())} events)"]
    for label in sorted(s.snippets):
        lines.append(f"  {label:<30} -> {mapping[label]:<8} R {evalkit.fmt(s.recall(label))} "
                     f"({s.found[label]}/{s.snippets[label]})  P {evalkit.fmt(s.precision(label))} "
                     f"({s.right[label]}/{s.events[label]})")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    case_dir, work = Path(argv[0]), Path(argv[1])
    limit = int(argv[argv.index("--limit") + 1]) if "--limit" in argv else None
    mapping = load_mapping()
    snippets = load_snippets(case_dir)[:limit]
    unknown = {s["label"] for s in snippets} - mapping.keys()
    if unknown:
        sys.exit(f"labels missing from {MAPPING.name}: {sorted(unknown)}")
    rows = evalkit.write_jsonl(work / "case2021-rows.jsonl", ({"id": s["id"], "text": s["text"]} for s in snippets))
    records = evalkit.analyze([str(rows)], work / "case2021.jsonl")
    left_out = sum(1 for s in snippets if not mapping[s["label"]])
    print(report(score(snippets, records, mapping), mapping, left_out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
