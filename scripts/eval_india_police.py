"""IndiaPoliceEvents: does newsgraph find violent and coercive police events, sentence by sentence?

Usage: python scripts/eval_india_police.py EVAL_DIR WORK_DIR [--limit N]

Each labelled sentence (lower-case Times of India text with mojibake) goes through `newsgraph analyze` as
a JSONL row; a sentence is predicted positive when a record event that is not negated has the PLOVER type
ASSAULT or COERCE, and gold positive when it carries a KILL, FORCE or ARREST label. Prints precision,
recall and F1 for the tune and check splits (by document, scripts/evalsplit.py) and all sentences, then
the full figures for all, by label too.

The dataset's labels are police actions (Halterman et al. 2021: "did the police kill, use force, arrest?"), so
the headline counts only events whose source is a security force (CAMEO sector COP, MIL or SPY): a mob's arson
or a militant's attack is an ASSAULT, but none of these labels. Until 2026-12-01 the headline counted events by
any source, which scores every riot the labels rightly leave negative as a false police act; that figure is still
printed, as "any source".
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import evalkit
from evalsplit import split_of

DATASET = "india"
GOLD_LABELS = {"KILL", "FORCE", "ARREST"}
PREDICTED_TYPES = {"ASSAULT", "COERCE"}
SECURITY_SECTORS = {"COP", "MIL", "SPY"}


def load_sentences(eval_dir: Path, limit: int | None = None) -> list[dict]:
    """Non-blank labelled sentences as {"id", "doc_id", "text", "labels"}, in file order."""
    out = []
    with (eval_dir / "sents.jsonl").open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                break
            s = json.loads(line)
            if s["sent_text"].strip():
                out.append({"id": f"{s['doc_id']}-{s['sent_id']}", "doc_id": str(s["doc_id"]),
                            "text": s["sent_text"], "labels": set(s["sent_labels"]) & GOLD_LABELS})
    return out


def predicted(record: dict, security_only: bool = False) -> bool:
    sectors = {a["id"]: a.get("sector") for a in record.get("actors", [])}
    return any(e.get("plover") in PREDICTED_TYPES and not e.get("negated")
               and (not security_only or sectors.get(e.get("source")) in SECURITY_SECTORS)
               for e in record.get("events", []))


def tally(sentences: list[dict], records: dict[str, dict], security_only: bool = False) -> tuple[int, int, int]:
    """(tp, fp, fn) of the sentence-level prediction."""
    tp = fp = fn = 0
    for s in sentences:
        got = predicted(records.get(s["id"], {}), security_only)
        tp += bool(s["labels"]) and got
        fp += not s["labels"] and got
        fn += bool(s["labels"]) and not got
    return tp, fp, fn


def in_split(sentences: list[dict], split: str) -> list[dict]:
    return [s for s in sentences if split == "all" or split_of(DATASET, s["doc_id"]) == split]


def report(sentences: list[dict], records: dict[str, dict]) -> str:
    """Side-by-side F1 (and P, R) by split, then the figures for all sentences by label."""
    police = {s: evalkit.prf(*tally(in_split(sentences, s), records, True)) for s in evalkit.SPLITS}
    lines = [evalkit.side_by_side(f"IndiaPoliceEvents {name}", {s: police[s][i] for s in evalkit.SPLITS})
             for i, name in ((2, "F1"), (0, "P"), (1, "R"))]
    anyone = {s: evalkit.prf(*tally(in_split(sentences, s), records)) for s in evalkit.SPLITS}
    lines += [evalkit.side_by_side(f"IndiaPoliceEvents any source {name}", {s: anyone[s][i] for s in evalkit.SPLITS})
              for i, name in ((2, "F1"), (0, "P"), (1, "R"))]
    lines.append("  sentences: " + " | ".join(f"{s} {len(in_split(sentences, s))}" for s in evalkit.SPLITS))
    tp, fp, fn = tally(sentences, records, True)
    p, r, f = evalkit.prf(tp, fp, fn)
    lines.append(f"sentences: {len(sentences)}, gold positive (KILL/FORCE/ARREST): {tp + fn}")
    lines.append(f"security forces' ASSAULT/COERCE vs KILL/FORCE/ARREST: P={p:.3f} R={r:.3f} F1={f:.3f} "
                 f"(tp={tp} fp={fp} fn={fn})")
    by_label, found = Counter(), Counter()
    for s in sentences:
        for label in s["labels"]:
            by_label[label] += 1
            found[label] += predicted(records.get(s["id"], {}), True)
    lines.append("recall by label: " + ", ".join(f"{k} {found[k] / by_label[k]:.3f} ({found[k]}/{by_label[k]})"
                                                 for k in sorted(by_label)))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    eval_dir, work = Path(argv[0]), Path(argv[1])
    limit = int(argv[argv.index("--limit") + 1]) if "--limit" in argv else None
    sentences = load_sentences(eval_dir, limit)
    rows = evalkit.write_jsonl(work / "india-rows.jsonl", ({"id": s["id"], "text": s["text"]} for s in sentences))
    records = evalkit.analyze([str(rows)], work / "india.jsonl")
    print(report(sentences, records))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
